/**
 * HTTP byte ranges (RFC 9110 §14) for files the service worker serves from
 * OPFS: a <video> seeks by asking for ranges, so without 206 answers it could
 * only play from the start.
 */
export type ByteRange = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * The bytes a `Range` header asks of a `size`-byte file: `bytes=a-b`, `bytes=a-`
 * or `bytes=-n` (the last n). A header that is absent, malformed, of another
 * unit or asks several ranges is ignored (the whole file), as the RFC allows.
 */
export function parseRange(header: string | null, size: number): ByteRange {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? { kind: 'unsatisfiable' } : { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** The response for `file` to a request carrying `rangeHeader`: 200 whole, 206 a slice, or 416. */
export function rangeResponse(file: Blob, contentType: string, rangeHeader: string | null): Response {
  const range = parseRange(rangeHeader, file.size);
  const headers = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes' };
  if (range.kind === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.size}` } });
  if (range.kind === 'full') return new Response(file, { status: 200, headers: { ...headers, 'Content-Length': String(file.size) } });
  return new Response(file.slice(range.start, range.end + 1), {
    status: 206,
    headers: { ...headers, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${file.size}` },
  });
}

import { openExport } from '../storage/export-library.ts';
import { rangeResponse } from './byte-range.ts';

/** Kept exports are served at `/exports/<id>/<name>`: a local link that plays, seeks and downloads, offline. */
export const EXPORTS_PATH = '/exports/';

export async function serveExport(request: Request, url: URL): Promise<Response> {
  const parts = url.pathname.slice(EXPORTS_PATH.length).split('/');
  const found = parts.length === 2 ? await openExport(decodeURIComponent(parts[0]!), decodeURIComponent(parts[1]!)) : null;
  if (!found) return new Response('This export is not in this browser (deleted, or exported elsewhere).', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return rangeResponse(found.file, found.record.mimeType, request.headers.get('Range'));
}

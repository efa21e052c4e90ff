/**
 * A fragmented MP4 without a fragment header that is repeated. WebKitGTK 2.50's MediaRecorder (audio/mp4) writes
 * the header (moof) of the last, partial fragment twice, the copies side by side and alike: read as written, the
 * first one's samples point into the second's bytes (an offset from its own start), so that fragment decoded as
 * damaged ("its audio data is damaged") and an export with the recording stopped there. The first copy is dropped.
 */
export async function withoutRepeatedFragmentHeaders(blob: Blob): Promise<Blob> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const view = new DataView(bytes.buffer);
  const boxes: { type: string; start: number; end: number }[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at);
    const end = size === 0 ? bytes.length : size === 1 && at + 16 <= bytes.length ? at + Number(view.getBigUint64(at + 8)) : at + size;
    if (end < at + 8 || end > bytes.length) break; // not a box (or cut short): the rest stays as it is
    boxes.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), start: at, end });
    at = end;
  }
  const sameAsNext = (i: number) => {
    const [box, next] = [boxes[i]!, boxes[i + 1]];
    return box.type === 'moof' && next?.type === 'moof' && box.end - box.start === next.end - next.start && bytes.subarray(box.start, box.end).every((b, k) => b === bytes[next.start + k]);
  };
  const repeats = boxes.filter((_, i) => sameAsNext(i));
  if (repeats.length === 0) return blob;
  const parts: Blob[] = [];
  let from = 0;
  for (const box of repeats) {
    parts.push(blob.slice(from, box.start));
    from = box.end;
  }
  parts.push(blob.slice(from));
  return new Blob(parts, { type: blob.type });
}

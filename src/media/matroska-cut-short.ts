import { CLUSTER, EBML_HEADER, SEGMENT } from './ebml.ts';
import { headerAt } from './matroska-tracks.ts';

/**
 * Whether a Matroska/WebM file stops before its own end: its Segment, or an
 * element in it, says it is longer than what is there (a download or copy
 * stopped early). A live recording writes sizes it does not know as
 * "unknown", and such a file cannot be told apart from a whole one: false.
 */
export async function matroskaCutShort(blob: Blob): Promise<boolean> {
  const header = await headerAt(blob, 0);
  const segment = header?.id === EBML_HEADER ? await headerAt(blob, header.end) : undefined;
  if (segment?.id !== SEGMENT) return false;
  if (segment.end > blob.size) return true;
  // Clusters are the bulk of the file: only the head is walked, up to the first.
  for (let at = segment.dataStart; at < segment.end; ) {
    const element = await headerAt(blob, at);
    if (!element) return false;
    if (element.end > blob.size) return true;
    if (element.id === CLUSTER) return false;
    at = element.end;
  }
  return false;
}

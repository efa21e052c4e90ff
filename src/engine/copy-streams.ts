import type { EncodedSample, Mp4Source, VideoTrack, AudioTrack } from '../media/mp4-source.ts';
import type { ClipId } from '../model/ids.ts';

/** One clip's samples [from, to) of one track, each handed to `add` (which re-times it into the muxer). */
export interface CopyJob {
  source: Mp4Source;
  track: VideoTrack | AudioTrack;
  from: number;
  to: number;
  clipId: ClipId;
  startUs: number;
  add(sample: EncodedSample, data: Uint8Array): void;
}

/**
 * How long a copy runs before it lets the worker's other tasks in. Bytes already read come to it as
 * microtasks, so without a pause a Cancel (a message to this worker) would be heard only once it ended.
 */
const YIELD_EVERY_MS = 100;

/**
 * Runs copy jobs in timeline order, reading the jobs of one clip (its picture
 * and its sound, from one file) in a single pass over the file, in the order
 * the bytes lie: each file is read once, and the output comes out interleaved.
 * Each track's jobs keep their order, so its timestamps only grow.
 */
export async function copyStreams(jobs: readonly CopyJob[], check: () => void, onReadMs?: (ms: number) => void): Promise<void> {
  let ranSince = performance.now();
  const ordered = [...jobs].sort((a, b) => a.startUs - b.startUs || (a.clipId < b.clipId ? -1 : a.clipId > b.clipId ? 1 : 0));
  for (let i = 0; i < ordered.length; ) {
    const group = [ordered[i]!];
    while (ordered[i + group.length]?.clipId === group[0]!.clipId && ordered[i + group.length]!.source === group[0]!.source) group.push(ordered[i + group.length]!);
    for await (const { part, sample, data } of group[0]!.source.readTracks(group, onReadMs)) {
      if (performance.now() - ranSince > YIELD_EVERY_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        ranSince = performance.now();
      }
      check();
      group[part]!.add(sample, data);
    }
    i += group.length;
  }
}

import { describe, expect, it } from 'vitest';
import { copyStreams, type CopyJob } from './copy-streams.ts';
import type { EncodedSample, Mp4Source, VideoTrack } from '../media/mp4-source.ts';

/**
 * A source whose bytes were all read already: each sample comes on a microtask, as a Blob stream's buffered
 * chunk hands them out, and takes a millisecond to handle (a large file's copy runs for seconds like this).
 */
function bufferedSource(samples: number): Mp4Source {
  return {
    async *readTracks() {
      for (let index = 0; index < samples; index++) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield { part: 0, sample: { index } as EncodedSample, data: new Uint8Array(1) };
      }
    },
  } as unknown as Mp4Source;
}

describe('copyStreams', () => {
  it('lets other tasks run now and then, so a Cancel sent to the worker is heard before the copy ends', async () => {
    const job: CopyJob = { source: bufferedSource(1000), track: {} as VideoTrack, from: 0, to: 1000, clipId: 'clip:a', startUs: 0, add: () => undefined };
    // The cancel arrives as a task (a message to the worker), queued as soon as the copy starts.
    let canceled = false;
    setTimeout(() => (canceled = true), 0);
    let copied = 0;
    const copying = copyStreams([{ ...job, add: () => void copied++ }], () => {
      if (canceled) throw new Error('canceled');
    });
    await expect(copying).rejects.toThrow('canceled');
    expect(copied).toBeLessThan(500);
  });
});

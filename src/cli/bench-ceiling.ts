import { openBrowserSession } from './browser-session.ts';
import { childProcesses, startMemorySampler } from './memory-sampler.ts';
import { spread, timedRuns } from './bench-stats.ts';

/**
 * One run of the platform's own cost of a transcode (see decodeEncodeCeiling):
 * the clip's picture decoded and encoded with nothing else, in a fresh browser
 * (so its memory is this job's alone, measured as Spool's export is: every
 * process of the browser over the browser at rest with the app loaded).
 */
export async function ceilingOnce(root: string, clip: string, bitrate: number, codec: string): Promise<{ fps: number; overIdleBytes: number | null }> {
  // Browsers already open (the yardstick's) are not this job's memory.
  const others = childProcesses();
  const session = await openBrowserSession(root);
  try {
    await session.setFiles([clip]);
    const sampler = startMemorySampler(others);
    const { ms, frames } = await session.call<{ ms: number; frames: number }>('ceiling', 0, bitrate, codec);
    const memory = sampler.stop();
    return { fps: frames / (ms / 1000), overIdleBytes: memory ? memory.peak - memory.idle : null };
  } finally {
    await session.close();
  }
}

/**
 * The same ceiling for a join: each clip's picture decoded and encoded alone,
 * one after another (a decoder and an encoder per clip), with nothing else:
 * fps over a warm-up and `runs` runs, to set beside the re-encode joins.
 */
export async function joinCeiling(root: string, clips: string[], runs: number, bitrate: number, codec: string) {
  let frames = 0;
  const times = await timedRuns(root, clips, 'join ceiling', runs, async (session) => {
    const started = performance.now();
    frames = 0;
    for (let i = 0; i < clips.length; i++) frames += (await session.call<{ frames: number }>('ceiling', i, bitrate, codec)).frames;
    return { ms: performance.now() - started };
  });
  return spread(times.map((ms) => frames / (ms / 1000)));
}

import { openBrowserSession } from './browser-session.ts';
import { childProcesses, startMemorySampler } from './memory-sampler.ts';

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

import { openBrowserSession } from './browser-session.ts';
import type { PlaybackStats } from '../engine/playback.ts';
import { median } from './bench-stats.ts';


/** Real-time preview of a two-layer project made of the bench clip: fps, dropped frames, time per frame, A/V offset. */
export async function benchPreview(root: string, clip: string, seconds: number, runs: number, box: { width: number; height: number } | null) {
  const session = await openBrowserSession(root);
  try {
    await session.setFiles([clip]);
    const results: (PlaybackStats & { lateAudioBlocks: number })[] = [];
    for (let i = 0; i <= runs; i++) {
      process.stderr.write(`spool: bench preview ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}\n`);
      const stats = await session.call<PlaybackStats & { lateAudioBlocks: number }>('benchPreview', 0, seconds, box);
      if (i > 0) results.push(stats);
    }
    const pick = (f: (s: PlaybackStats & { lateAudioBlocks: number }) => number) => {
      const values = results.map(f);
      return { median: Math.round(median(values) * 10) / 10, min: Math.round(Math.min(...values) * 10) / 10, max: Math.round(Math.max(...values) * 10) / 10 };
    };
    return {
      job: `preview: ${seconds} s of a two-layer 1080p30 project (clip + half-size copy over it) ${box ? `in a ${box.width}×${box.height} preview` : 'at full size'}`,
      shownFps: pick((s) => s.framesShown / seconds),
      droppedShare: pick((s) => (100 * s.framesDropped) / Math.max(1, s.framesShown + s.framesDropped)),
      frameMs: pick((s) => s.frameMs),
      compositeMs: pick((s) => s.compositeMs),
      avOffsetMeanMs: pick((s) => s.avOffsetMs.mean),
      avOffsetMaxAbsMs: pick((s) => s.avOffsetMs.maxAbs),
      lateAudioBlocks: pick((s) => s.lateAudioBlocks),
      poolHitRate: pick((s) => (s.pool.requests > 0 ? (100 * s.pool.hits) / s.pool.requests : 0)),
      renderer: results[0]?.renderer,
    };
  } finally {
    await session.close();
  }
}

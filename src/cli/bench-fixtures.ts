import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './browser-session.ts';

/**
 * `count` test clips in `dir` (generated once with ffmpeg, at development
 * time; the product never needs it): a test pattern tinted per clip, a tone
 * per clip (48 kHz AAC), a keyframe every second, with or without B-frames.
 */
export function benchClips(dir: string, count: number, clip: { size: string; seconds: number; bFrames: boolean }): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `clip-${String(i + 1).padStart(2, '0')}.mp4`);
    if (!existsSync(path)) {
      const run = spawnSync(
        'ffmpeg',
        ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${clip.size}:rate=30:duration=${clip.seconds}`, '-f', 'lavfi', '-i', `sine=frequency=${300 + i * 20}:sample_rate=48000:duration=${clip.seconds}`,
          '-vf', `hue=h=${i * 18}`, '-c:v', 'libx264', '-preset', 'veryfast', ...(clip.bFrames ? [] : ['-bf', '0']), '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', path],
        { stdio: 'inherit' },
      );
      if (run.status !== 0) throw new CliError(`generating the benchmark clips in ${dir} needs ffmpeg`);
    }
    return path;
  });
}

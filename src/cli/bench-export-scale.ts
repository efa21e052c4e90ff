import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './browser-session.ts';
import { renderCommand } from './render-command.ts';
import { median, round1, spread } from './bench-stats.ts';
import type { ExportStats } from '../engine/export-types.ts';
import { defaultVideoBitrate } from '../media/encoder-config.ts';

const mb = (bytes: number) => Math.round(bytes / 1e6);

/** A 10 s 4K30 H.264 clip with B-frames (generated once with ffmpeg). */
function clip4k(dir: string): string {
  const path = join(dir, '4k30-10s.mp4');
  if (existsSync(path)) return path;
  process.stderr.write('spool: generating the 4K benchmark clip with ffmpeg (once)…\n');
  const run = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=3840x2160:rate=30:duration=10', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=10',
    '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-crf', '23', '-g', '60', '-bf', '3', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', path], { stdio: 'inherit' });
  if (run.status !== 0) throw new CliError('generating the 4K benchmark clip needs ffmpeg');
  return path;
}

/** Renders a project file `runs` times after a warm-up and returns each timed run's stats. */
async function renderRuns(root: string, label: string, job: object, runs: number): Promise<ExportStats[]> {
  const dir = join(root, '.bench');
  const projectPath = join(dir, `${label}.json`);
  writeFileSync(projectPath, JSON.stringify(job));
  const results: ExportStats[] = [];
  for (let i = 0; i <= runs; i++) {
    process.stderr.write(`spool: bench ${label} ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}\n`);
    const output = join(dir, `${label}.mp4`);
    const statsPath = join(dir, `${label}.stats.json`);
    await renderCommand(root, { kind: 'render', files: [], project: projectPath, output, stats: statsPath, renderer: 'auto' });
    if (i > 0 || runs === 0) results.push(JSON.parse(readFileSync(statsPath, 'utf8')) as ExportStats);
    rmSync(output, { force: true });
    rmSync(statsPath, { force: true });
  }
  return results;
}

const memory = (results: ExportStats[]) => ({
  peakMb: mb(median(results.map((s) => s.peakMemoryBytes ?? 0))),
  overIdleMb: mb(median(results.map((s) => (s.peakMemoryBytes ?? 0) - (s.idleMemoryBytes ?? 0)))),
  growthMb: mb(median(results.map((s) => (s.memoryLastQuarterPeakBytes ?? 0) - (s.memoryFirstQuarterPeakBytes ?? 0)))),
});

/** The 4K clip exported at 4K (H.264 level 5.1): speed and memory at the largest preset. */
export async function bench4k(root: string, runs: number) {
  const clip = clip4k(join(root, '.bench'));
  const results = await renderRuns(root, '4k', { output: { width: 3840, height: 2160, videoBitrate: defaultVideoBitrate(3840, 2160, 30) }, media: { a: clip }, clips: [{ media: 'a' }] }, runs);
  const fps = spread(results.map((s) => s.fps));
  return { job: '4K30 10 s H.264 (B-frames) → 4K MP4', fps, realtime: round1(fps.median / 30), ...memory(results) };
}

/** Two layers of the 1080p clip (a half-size copy over it) for 10 s: every frame goes through the compositor. */
export async function benchTwoLayer(root: string, clip: string, runs: number) {
  const results = await renderRuns(
    root,
    'two-layer',
    {
      // The first track is the top one.
      tracks: [{ id: 'track:v2', kind: 'video', name: 'Overlay' }, { id: 'track:v1', kind: 'video', name: 'Base' }],
      media: { a: clip },
      clips: [
        { media: 'a', inUs: 0, outUs: 10_000_000, track: 'track:v1' },
        { media: 'a', inUs: 0, outUs: 10_000_000, track: 'track:v2', volume: 0, picture: { scale: 0.5, x: 0.7, y: 0.3 } },
      ],
    },
    runs,
  );
  const fps = spread(results.map((s) => s.fps));
  return { job: 'two-layer 1080p30 10 s (clip + half-size copy over it) → MP4, composited', fps, realtime: round1(fps.median / 30), compositeMs: Math.round(median(results.map((s) => s.stages.composite))), ...memory(results) };
}

/** The 1080p clip (B-frames) with the standard quality: its video is stream-copied, the sound re-encoded. */
export async function benchCopy(root: string, clip: string, runs: number) {
  const results = await renderRuns(root, 'copy-1080p', { media: { a: clip }, clips: [{ media: 'a' }] }, runs);
  if (results.some((s) => s.path !== 'copy')) throw new CliError(`the 1080p clip was not stream-copied: ${results[0]?.copyRefused}`);
  const fps = spread(results.map((s) => s.fps));
  return { job: '1080p30 60 s H.264 (B-frames) → MP4, video stream-copied', fps, realtime: round1(fps.median / 30) };
}

/** Five minutes of 1080p (the 60 s clip five times), once: is memory flat over a long export? */
export async function benchLongExport(root: string, clip: string) {
  const [stats] = await renderRuns(root, 'long', { output: { videoBitrate: defaultVideoBitrate(1920, 1080, 30) }, media: { a: clip }, clips: Array.from({ length: 5 }, () => ({ media: 'a' })) }, 0);
  return { job: '1080p30 5 min (the clip five times) → MP4, one run', fps: round1(stats!.fps), ...memory([stats!]) };
}

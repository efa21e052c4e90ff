import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, openBrowserSession, type BrowserSession } from './browser-session.ts';
import { renderCommand } from './render-command.ts';
import { benchClips } from './bench-fixtures.ts';
import { pairedRuns, round1, spread, timedRuns } from './bench-stats.ts';
import type { ExportStats } from '../engine/export-types.ts';
import type { YardstickTarget } from '../ui/mediabunny-bench.ts';


/** Fifty 3 s AAC clips, half at 44.1 kHz and half at 48 kHz (generated once with ffmpeg). */
function audioClips(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: 50 }, (_, i) => {
    const path = join(dir, `tone-${String(i + 1).padStart(2, '0')}.m4a`);
    if (!existsSync(path)) {
      const rate = i % 2 === 0 ? 44_100 : 48_000;
      const run = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=${200 + i * 15}:sample_rate=${rate}:duration=3`, '-ac', '2', '-c:a', 'aac', '-b:a', '128k', path], { stdio: 'inherit' });
      if (run.status !== 0) throw new CliError('generating the audio benchmark clips needs ffmpeg');
    }
    return path;
  });
}

/** The direct audio path: 50 clips (2.5 min) back to back on an audio track, mixed and encoded to M4A. Export time as the engine measures it. */
export async function benchAudioOnly(root: string, runs: number) {
  const dir = join(root, '.bench', 'audio50');
  const clips = audioClips(dir);
  const projectPath = join(dir, 'project.json');
  writeFileSync(
    projectPath,
    JSON.stringify({
      tracks: [{ id: 'track:a1', kind: 'audio', name: 'Music' }],
      media: Object.fromEntries(clips.map((path, i) => [`c${i}`, path])),
      clips: clips.map((_, i) => ({ media: `c${i}`, track: 'track:a1' })),
    }),
  );
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    process.stderr.write(`spool: bench M4A ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}\n`);
    const output = join(dir, 'out.m4a');
    const statsPath = join(dir, 'stats.json');
    await renderCommand(root, { kind: 'render', files: [], project: projectPath, output, stats: statsPath, renderer: 'auto' });
    if (i > 0) times.push((JSON.parse(readFileSync(statsPath, 'utf8')) as ExportStats).wallMs);
    rmSync(output, { force: true });
    rmSync(statsPath, { force: true });
  }
  return { job: '50 clips of 3 s (AAC, 44.1 and 48 kHz mixed; 2.5 min) → M4A, direct audio path', ms: spread(times) };
}

/** PSNR of an export against its source at five points (10%, 30%, 50%, 70%, 90% of its length). */
export async function benchPsnr(root: string, source: string, exported: string, durationUs: number): Promise<number[]> {
  const session = await openBrowserSession(root);
  try {
    await session.setFiles([source, exported]);
    const times = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => Math.round(f * durationUs));
    const values = await session.call<number[]>('psnrAt', 0, 1, times);
    return values.map((v) => Math.round(v * 10) / 10);
  } finally {
    await session.close();
  }
}

/**
 * Mediabunny's Conversion on the same 1080p transcode, in the same browser: the
 * yardstick for Spool's export fps, taking turns with `ours` (one Spool run,
 * returning its fps). It writes an OPFS file as Spool does (the same job);
 * into memory (no file at all) is reported beside it.
 */
export async function benchTranscodeVsMediabunny(root: string, clip: string, frames: number, bitrate: number, runs: number, ours: (run: number) => Promise<number>) {
  const transcode = (into: YardstickTarget) => (session: BrowserSession) => session.call<{ ms: number }>('mediabunnyTranscode', 0, bitrate, into);
  const paired = await pairedRuns(root, [clip], 'transcode', runs, ours, async (session) => frames / ((await transcode('opfs')(session)).ms / 1000));
  const inMemoryFps = spread((await timedRuns(root, [clip], 'Mediabunny (memory)', runs, transcode('memory'))).map((ms) => frames / (ms / 1000)));
  return { spool: paired.spool, ratio: paired.ratio, yardstick: { job: 'Mediabunny Conversion, same 1080p30 60 s clip → MP4 (H.264, Opus) in OPFS', fps: paired.yardstick, inMemoryFps } };
}

/** Twenty 5 s 1080p30 clips with no B-frames: what stream copy copies. */
export const copyableClips = (root: string): string[] => benchClips(join(root, '.bench', 'copy20'), 20, { size: '1920x1080', seconds: 5, bFrames: false });

/** Twenty 10 s 720p30 clips with B-frames: the issue's standard join. */
export const joinClips720 = (root: string): string[] => benchClips(join(root, '.bench', 'join720'), 20, { size: '1280x720', seconds: 10, bFrames: true });

/**
 * Clips joined end to end into one MP4, once: copied where they can be, else
 * re-encoded (most frames then skip the compositor). `videoBitrate` asks for a
 * re-encode. `label` names the clips ("5 s 1080p") and the files.
 */
async function joinOnce(root: string, clips: string[], label: string, videoBitrate?: number): Promise<{ fps: number; path: string }> {
  const dir = join(root, '.bench');
  const slug = `${label}${videoBitrate ? '-reencode' : ''}`.replace(/[^\w-]+/g, '-');
  const projectPath = join(dir, `join-${slug}.json`);
  const output = videoBitrate ? { output: { videoBitrate } } : {};
  writeFileSync(projectPath, JSON.stringify({ ...output, media: Object.fromEntries(clips.map((path, i) => [`c${i}`, path])), clips: clips.map((_, i) => ({ media: `c${i}` })) }));
  const written = join(dir, `join-${slug}.mp4`);
  const statsPath = join(dir, `join-${slug}.stats.json`);
  try {
    await renderCommand(root, { kind: 'render', files: [], project: projectPath, output: written, stats: statsPath, renderer: 'auto' });
    const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as ExportStats;
    return { fps: stats.fps, path: stats.path };
  } finally {
    rmSync(written, { force: true });
    rmSync(statsPath, { force: true });
  }
}

const joinJob = (clips: string[], label: string, path: string) => `join ${clips.length} × ${label} clips → MP4 (${path === 'copy' ? 'stream copy' : 're-encode'})`;

/** A join (see joinOnce), a warm-up and `runs` timed runs. */
export async function benchJoin(root: string, clips: string[], runs: number, label: string, videoBitrate?: number) {
  const fps: number[] = [];
  let path = '';
  for (let i = 0; i <= runs; i++) {
    process.stderr.write(`spool: bench join ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}\n`);
    const run = await joinOnce(root, clips, label, videoBitrate);
    path = run.path;
    if (i > 0) fps.push(run.fps);
  }
  const spreadFps = spread(fps);
  return { job: joinJob(clips, label, path), fps: spreadFps, realtime: round1(spreadFps.median / 30) };
}

/**
 * A join (see joinOnce) taking turns with Mediabunny joining the same clips in
 * the same browser: by packet copy, or with `videoBitrate` by re-encoding the
 * picture (sound copied, as Spool does). Mediabunny writes an OPFS file;
 * into memory is reported beside it.
 */
export async function benchJoinVsMediabunny(root: string, clips: string[], frames: number, runs: number, label: string, videoBitrate?: number) {
  const theirs = (into: YardstickTarget) => (session: BrowserSession) => session.call<{ ms: number }>('mediabunnyJoin', into, videoBitrate);
  let path = '';
  const paired = await pairedRuns(root, clips, `join ${label}`, runs, async () => {
    const run = await joinOnce(root, clips, label, videoBitrate);
    path = run.path;
    return run.fps;
  }, async (session) => frames / ((await theirs('opfs')(session)).ms / 1000));
  const inMemory = await timedRuns(root, clips, 'Mediabunny join (memory)', runs, theirs('memory'));
  const how = videoBitrate ? 're-encode' : 'packet-copy';
  return {
    ours: { job: joinJob(clips, label, path), fps: paired.spool, realtime: round1(paired.spool.median / 30) },
    yardstick: { job: `Mediabunny ${how} join, same ${clips.length} clips → MP4 in OPFS`, fps: paired.yardstick, realtime: round1(paired.yardstick.median / 30), inMemoryFps: spread(inMemory.map((ms) => frames / (ms / 1000))) },
    ratio: paired.ratio,
  };
}

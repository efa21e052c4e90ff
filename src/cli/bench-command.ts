import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './browser-session.ts';
import { renderCommand } from './render-command.ts';
import { median, spread } from './bench-stats.ts';
import type { ExportStats } from '../engine/export-types.ts';
import { STAGES } from '../media/stage-clock.ts';
import { benchAnalysis, benchEditing, benchReopen, reopenClips } from './bench-library.ts';
import { benchPreview } from './bench-preview.ts';
import { benchAudioOnly, benchJoin, benchJoinVsMediabunny, benchPsnr, benchTranscodeVsMediabunny, copyableClips, joinClips720 } from './bench-export-extra.ts';
import { bench4k, benchCopy, benchLongExport, benchTwoLayer } from './bench-export-scale.ts';
import { avcCodecStrings, defaultVideoBitrate } from '../media/encoder-config.ts';
import { ceilingOnce, joinCeiling } from './bench-ceiling.ts';

/** The standard clip, generated once at development time (ffmpeg); the product never needs ffmpeg. */
function benchClip(dir: string): string {
  const clip = join(dir, '1080p30-60s.mp4');
  if (existsSync(clip)) return clip;
  process.stderr.write('spool: generating the 1080p30 60 s H.264 benchmark clip with ffmpeg (once)…\n');
  const run = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=60', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=60',
      '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-crf', '23', '-g', '60', '-bf', '3', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', clip],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) throw new CliError('generating the benchmark clip needs ffmpeg (apt-get install ffmpeg)');
  return clip;
}


/**
 * `spool bench [--runs N]`: one warm-up, then N timed runs of each job: the
 * 1080p export, analysis of the same clip, reopening a 20-asset library, and
 * real-time preview of a two-layer project of the clip.
 * Medians with min–max, as Markdown on stdout and JSON in .bench/results.json.
 */
const range = (r: { median: number; min: number; max: number }) => `${r.median} (${r.min}–${r.max})`;

export async function benchCommand(root: string, runs: number): Promise<number> {
  const dir = join(root, '.bench');
  mkdirSync(dir, { recursive: true });
  const clip = benchClip(dir);
  const analysis = await benchAnalysis(root, clip, 60, runs);
  const reopen = await benchReopen(root, runs);
  const editing = await benchEditing(root);
  // Full size, and as a typical editor window shows it.
  const previews = [await benchPreview(root, clip, 10, runs, null), await benchPreview(root, clip, 10, runs, { width: 960, height: 540 })];
  // The bitrate and the Opus sound Mediabunny gets too; choosing a bitrate also makes this a transcode (the clip would
  // otherwise be stream-copied), and choosing Opus keeps the sound encoded (its AAC would otherwise be copied).
  const transcodeJob = join(dir, 'transcode.json');
  writeFileSync(transcodeJob, JSON.stringify({ output: { videoBitrate: defaultVideoBitrate(1920, 1080, 30), audioCodec: 'opus' }, media: { a: clip }, clips: [{ media: 'a' }] }));
  const results: ExportStats[] = [];
  const ceilings: { fps: number; overIdleBytes: number | null; ratio: number }[] = [];
  let psnrDb: number[] = [];
  const transcodeOnce = async (i: number) => {
    const fps = await spoolTranscode(i);
    // The platform's own cost of the same job, next to each run: how near the export gets to it.
    const ceiling = await ceilingOnce(root, clip, defaultVideoBitrate(1920, 1080, 30), results[0]?.videoCodec ?? 'avc1.640028');
    if (i > 0) ceilings.push({ ...ceiling, ratio: fps / ceiling.fps });
    return fps;
  };
  const spoolTranscode = async (i: number) => {
    const statsPath = join(dir, `run-${i}.json`);
    const output = join(dir, `run-${i}.mp4`);
    try {
      await renderCommand(root, { kind: 'render', files: [], project: transcodeJob, output, stats: statsPath, renderer: 'auto' });
      const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as ExportStats;
      if (i > 0) results.push(stats);
      if (i === runs) psnrDb = await benchPsnr(root, clip, output, 60_000_000);
      return stats.fps;
    } finally {
      rmSync(output, { force: true });
      rmSync(statsPath, { force: true });
    }
  };
  const transcode = await benchTranscodeVsMediabunny(root, clip, 1800, defaultVideoBitrate(1920, 1080, 30), runs, transcodeOnce);
  const yardstick = transcode.yardstick;
  const copied = await benchCopy(root, clip, runs);
  const audioOnly = await benchAudioOnly(root, runs);
  const twoLayer = await benchTwoLayer(root, clip, runs);
  const uhd = await bench4k(root, runs);
  const long = await benchLongExport(root, clip);
  const clips720 = joinClips720(root);
  const copyJoin = await benchJoinVsMediabunny(root, clips720, 6000, runs, '10 s 720p');
  const reencodeJoin = await benchJoinVsMediabunny(root, clips720, 6000, runs, '10 s 720p', defaultVideoBitrate(1280, 720, 30));
  const reencodeJoinCeiling = await joinCeiling(root, clips720, runs, defaultVideoBitrate(1280, 720, 30), avcCodecStrings(1280, 720, 30)[0]!);
  const joins = [
    copyJoin.ours,
    reencodeJoin.ours,
    await benchJoin(root, reopenClips(join(root, '.bench', 'reopen')), runs, '5 s 640×360'),
    await benchJoin(root, copyableClips(root), runs, '5 s 1080p'),
  ];
  const joinYardstick = copyJoin.yardstick;
  const reencodeJoinYardstick = reencodeJoin.yardstick;
  const summary = {
    job: '1080p30 60 s H.264 → MP4 (re-encode)',
    runs,
    fps: transcode.spool,
    realtime: Math.round((transcode.spool.median / 30) * 100) / 100,
    wallMs: median(results.map((r) => r.wallMs)),
    stagesMs: Object.fromEntries(STAGES.map((s) => [s, median(results.map((r) => r.stages[s]))])),
    peakMemoryBytes: median(results.map((r) => r.peakMemoryBytes ?? 0)),
    memoryOverIdleBytes: median(results.map((r) => (r.peakMemoryBytes ?? 0) - (r.idleMemoryBytes ?? 0))),
    memoryGrowthBytes: median(results.map((r) => (r.memoryLastQuarterPeakBytes ?? 0) - (r.memoryFirstQuarterPeakBytes ?? 0))),
    outputBytes: median(results.map((r) => r.outputBytes)),
    videoCodec: results[0]?.videoCodec,
    audioCodec: results[0]?.audioCodec,
    hardwareAcceleration: results[0]?.hardwareAcceleration,
    directFrames: results[0]?.directFrames,
    psnrDb,
    /** Median of the paired runs' ratios (see pairedRuns), with min–max. */
    vsMediabunny: transcode.ratio,
    /** The same clip's picture decoded and encoded with nothing else, in a fresh browser after each run (see decodeEncodeCeiling). */
    ceiling: {
      fps: spread(ceilings.map((c) => c.fps)),
      memoryOverIdleBytes: median(ceilings.map((c) => c.overIdleBytes ?? 0)),
      /** Spool's fps ÷ the ceiling's, run by run. */
      spoolShare: spread(ceilings.map((c) => c.ratio * 100)),
    },
  };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ export: summary, yardstick, joinYardstick, reencodeJoinYardstick, reencodeJoinCeiling, copied, twoLayer, uhd, long, audioOnly, joins, analysis, reopen, editing, previews }, null, 2)}\n`);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  process.stdout.write(
    [
      `| job | fps median (min–max) | × realtime | wall | ${STAGES.join(' | ')} | peak memory | output |`,
      `|---|---|---|---|${STAGES.map(() => '---').join('|')}|---|---|`,
      `| ${summary.job} | ${summary.fps.median} (${summary.fps.min}–${summary.fps.max}) | ${summary.realtime} | ${(summary.wallMs / 1000).toFixed(1)} s | ${STAGES.map((s) => `${(summary.stagesMs[s]! / 1000).toFixed(1)} s`).join(' | ')} | ${mb(summary.peakMemoryBytes)} | ${mb(summary.outputBytes)} |`,
      `| ${yardstick.job} | ${yardstick.fps.median} (${yardstick.fps.min}–${yardstick.fps.max}) | ${Math.round((yardstick.fps.median / 30) * 100) / 100} | | | | | | | | |`,
      ...[...joins, joinYardstick, reencodeJoinYardstick].map((joined) => `| ${joined.job} | ${joined.fps.median} (${joined.fps.min}–${joined.fps.max}) | ${joined.realtime} | | | | | | | | |`),
      `| ${copied.job} | ${copied.fps.median} (${copied.fps.min}–${copied.fps.max}) | ${copied.realtime} | | | | | | | | |`,
      ...[twoLayer, uhd].map((job) => `| ${job.job} | ${job.fps.median} (${job.fps.min}–${job.fps.max}) | ${job.realtime} | | | | | | | ${job.peakMb} MB | |`),
      `| ${long.job} | ${long.fps} | ${Math.round((long.fps / 30) * 100) / 100} | | | | | | | ${long.peakMb} MB | |`,
      '',
      `Join of 20 × 10 s 720p by stream copy ÷ Mediabunny's packet copy, median of paired runs: ${range(copyJoin.ratio)}× (Mediabunny into memory, no file: ${range(joinYardstick.inMemoryFps)} fps); by re-encode ÷ Mediabunny's re-encode: ${range(reencodeJoin.ratio)}× (into memory: ${range(reencodeJoinYardstick.inMemoryFps)} fps). Ceiling of the re-encode join (each clip's picture decoded and encoded alone, one after another): ${range(reencodeJoinCeiling)} fps.`,
      `Two layers composited: ${Math.round((twoLayer.fps.median / summary.fps.median) * 100)} % of the plain transcode's fps (composite ${(twoLayer.compositeMs / 1000).toFixed(1)} s of the run).`,
      `Memory over the browser at rest / last quarter's peak minus first quarter's: 4K ${uhd.overIdleMb} / ${uhd.growthMb} MB; 5 min ${long.overIdleMb} / ${long.growthMb} MB.`,
      '',
      `Memory: ${mb(summary.memoryOverIdleBytes)} over the browser at rest; last quarter's peak minus first quarter's: ${mb(summary.memoryGrowthBytes)}.`,
      `Ceiling (the clip's picture decoded and encoded with nothing else: no sound, no file): ${range(summary.ceiling.fps)} fps, ${mb(summary.ceiling.memoryOverIdleBytes)} over the browser at rest; Spool's export runs at ${range(summary.ceiling.spoolShare)} % of it.`,
      '',
      `Spool ÷ Mediabunny, median of paired runs: ${range(summary.vsMediabunny)}× the fps (Mediabunny into memory, no file: ${range(yardstick.inMemoryFps)} fps) (${summary.directFrames} of 1800 frames went from decoder to encoder untouched). PSNR of the export against the source at 10/30/50/70/90%: ${psnrDb.join(', ')} dB.`,
      '',
      '| job | median (min–max) | × realtime |',
      '|---|---|---|',
      `| ${audioOnly.job} | ${(audioOnly.ms.median / 1000).toFixed(2)} s (${(audioOnly.ms.min / 1000).toFixed(2)}–${(audioOnly.ms.max / 1000).toFixed(2)}) | ${Math.round((150_000 / audioOnly.ms.median) * 10) / 10} |`,
      `| ${analysis.job} | ${(analysis.medianMs / 1000).toFixed(2)} s (${(analysis.minMs / 1000).toFixed(2)}–${(analysis.maxMs / 1000).toFixed(2)}) | ${analysis.realtime} |`,
      `| ${reopen.job} | ${(reopen.medianMs / 1000).toFixed(2)} s (${(reopen.minMs / 1000).toFixed(2)}–${(reopen.maxMs / 1000).toFixed(2)}) | — |`,
      '',
      '| job | drag update p95 | split p95 | undo p95 |',
      '|---|---|---|---|',
      `| ${editing.job} | ${editing.dragUpdateP95Ms.toFixed(1)} ms | ${editing.splitP95Ms.toFixed(1)} ms | ${editing.undoP95Ms.toFixed(1)} ms |`,
      '',
      '| job | shown fps | dropped | frame time | composite | A/V offset mean / max | late audio blocks | pool reuse |',
      '|---|---|---|---|---|---|---|---|',
      ...previews.map(
        (preview) =>
          `| ${preview.job} | ${range(preview.shownFps)} | ${range(preview.droppedShare)} % | ${range(preview.frameMs)} ms | ${range(preview.compositeMs)} ms | ${preview.avOffsetMeanMs.median} / ${preview.avOffsetMaxAbsMs.median} ms | ${preview.lateAudioBlocks.median} | ${preview.poolHitRate.median} % |`,
      ),
      '',
    ].join('\n'),
  );
  return 0;
}

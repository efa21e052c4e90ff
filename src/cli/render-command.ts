import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Command } from './args.ts';
import { CliError, openBrowserSession } from './browser-session.ts';
import { checkInputFiles, checkOutputIsNotInput } from './input-files.ts';
import { childProcesses, startMemorySampler, type MemoryProfile } from './memory-sampler.ts';
import { buildProject, parseRenderJob, type MediaFacts, type RenderJob } from '../model/render-job.ts';
import type { AssetId } from '../model/ids.ts';
import { secondsToUs, timeLeftLabel } from '../model/time.ts';
import { CONTAINER_VIDEO_CODECS, containerForFileName } from '../model/output-format.ts';
import type { ProbeResult } from '../media/probe.ts';
import type { ExportProgress, ExportResult } from '../engine/export-types.ts';

type RenderArgs = Extract<Command, { kind: 'render' }>;

async function loadJob(args: RenderArgs): Promise<{ job: RenderJob; base: string }> {
  if (args.project) {
    const text = await readFile(args.project, 'utf8').catch(() => {
      throw new CliError(`${args.project}: no such file`);
    });
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new CliError(`${args.project}: not valid JSON (${(error as Error).message})`);
    }
    try {
      return { job: parseRenderJob(raw), base: dirname(resolve(args.project)) };
    } catch (error) {
      throw new CliError(`${args.project}: ${(error as Error).message}`);
    }
  }
  const media = Object.fromEntries(args.files.map((file, i) => [`file${i + 1}`, file]));
  const clips = args.files.map((_, i) => ({
    media: `file${i + 1}`,
    inUs: args.fromSeconds !== undefined ? secondsToUs(args.fromSeconds) : 0,
    ...(args.toSeconds !== undefined ? { outUs: secondsToUs(args.toSeconds) } : {}),
  }));
  return { job: { output: {}, media, clips }, base: process.cwd() };
}

function factsFrom(probe: ProbeResult): MediaFacts {
  const video = probe.tracks.find((t) => t.kind === 'video');
  const audio = probe.tracks.find((t) => t.kind === 'audio');
  return {
    durationUs: probe.durationUs,
    hasVideo: !!video,
    hasAudio: !!audio?.decodable,
    ...(video?.kind === 'video' ? { width: video.displayWidth, height: video.displayHeight, fps: video.fps } : {}),
  };
}

function progressLine(p: ExportProgress): string {
  if (p.stage === 'finishing') return '\rspool: finishing the file…';
  const pace = p.stage === 'sound' ? 'sound only' : `${p.frame}/${p.totalFrames} frames  ${p.fps.toFixed(1)} fps`;
  return `\rspool: rendering ${p.percent.toFixed(0).padStart(3)}%  ${pace}  ${timeLeftLabel(p.secondsLeft)}`;
}

/** `spool render`: the same engine as the app, in headless Chromium; the output appears only when complete. */
export async function renderCommand(root: string, args: RenderArgs): Promise<number> {
  // The output's name says the container; --video-codec (or the project) the codec, which must fit in it.
  const container = containerForFileName(args.output);
  if (!container) throw new CliError(`${args.output}: the output must end in .mp4, .webm or .m4a`);
  const { job, base } = await loadJob(args);
  const carried = container === 'm4a' ? null : CONTAINER_VIDEO_CODECS[container];
  if (args.videoCodec && container === 'm4a') throw new CliError(`--video-codec ${args.videoCodec}: an M4A file holds sound only`);
  if (args.videoCodec && carried && !carried.includes(args.videoCodec)) {
    throw new CliError(`--video-codec ${args.videoCodec} cannot go in a ${container.toUpperCase()} file (it takes ${carried.join(', ')})`);
  }
  // Said, not silently done: WebM carries Opus only.
  if (container === 'webm' && job.output.audioCodec === 'aac') process.stderr.write('spool: the project asks for AAC sound, which a WEBM file cannot hold: writing opus\n');
  // A saved project always names a codec (H.264 by default): rendered to WebM it gives way to WebM's, and says so.
  const saved = job.output.videoCodec;
  if (!args.videoCodec && saved && carried && !carried.includes(saved)) {
    process.stderr.write(`spool: the project's ${saved} cannot go in a ${container.toUpperCase()} file: writing ${carried[0]}\n`);
  }
  const keys = Object.keys(job.media);
  const paths = await checkInputFiles(keys.map((k) => job.media[k]!), base);
  const output = resolve(args.output);
  await checkOutputIsNotInput(output, paths);
  // Browsers already open (a benchmark's yardstick, taking turns with this run) are not this export's memory.
  const others = childProcesses();
  const partial = `${output}.partial-${process.pid}`;
  const session = await openBrowserSession(root);
  const onInterrupt = () => {
    void rm(partial, { force: true }).finally(() => session.close().finally(() => process.exit(130)));
  };
  process.once('SIGINT', onInterrupt);
  try {
    await session.setFiles(paths);
    await session.call('setRenderer', args.renderer);
    const facts: Record<string, MediaFacts> = {};
    const assetIds: Record<string, AssetId> = {};
    for (const [i, key] of keys.entries()) {
      assetIds[key] = `asset:${key}`;
      const probe = await session.call<ProbeResult>('addAsset', assetIds[key], i);
      // Said, not silently done: a file's sound this browser cannot play is left out.
      if (probe.notice) process.stderr.write(`spool: ${probe.notice}\n`);
      facts[key] = factsFrom(probe);
    }
    let project;
    try {
      const built = buildProject(job, facts, assetIds);
      project = { ...built, output: { ...built.output, container, ...(args.videoCodec ? { videoCodec: args.videoCodec } : {}) } };
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const interactive = process.stderr.isTTY;
    let lastLogged = 0;
    await session.page.exposeFunction('spoolProgress', (p: ExportProgress) => {
      if (interactive) process.stderr.write(progressLine(p));
      else if (Date.now() - lastLogged > 5000 || p.percent >= 100) {
        // Logs (CI, pipes) get a line every few seconds rather than a carriage-return ticker.
        process.stderr.write(`${progressLine(p).slice(1)}\n`);
        lastLogged = Date.now();
      }
    });
    const sampler = startMemorySampler(others);
    const jobId = `cli-${process.pid}-${Date.now().toString(36)}`;
    let result: ExportResult;
    let memory: MemoryProfile | null;
    try {
      result = await session.call<ExportResult>('render', project, jobId);
    } finally {
      memory = sampler.stop();
      if (interactive) process.stderr.write('\n');
    }
    const stats = {
      ...result.stats,
      peakMemoryBytes: memory?.peak ?? null,
      // Over the browser at rest, and whether it grows: the first and last quarter's peaks.
      ...(memory ? { idleMemoryBytes: memory.idle, memoryFirstQuarterPeakBytes: memory.firstQuarterPeak, memoryLastQuarterPeakBytes: memory.lastQuarterPeak } : {}),
    };
    if (result.output.kind !== 'opfs') throw new CliError('the export did not reach OPFS');
    const [download] = await Promise.all([session.page.waitForEvent('download'), session.call('download', result.output, basename(output))]);
    await download.saveAs(partial);
    await rename(partial, output);
    await session.call('deleteExport', result.output.record.id);
    if (args.stats) await writeFile(args.stats, `${JSON.stringify(stats, null, 2)}\n`);
    process.stderr.write(
      `spool: wrote ${args.output} (${(stats.outputBytes / 1e6).toFixed(1)} MB, ${stats.frames} frames, ${stats.fps} fps, video ${stats.videoCodec ?? 'none'}, audio ${stats.audioCodec ?? 'none'})\n`,
    );
    return 0;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    process.off('SIGINT', onInterrupt);
    await session.close();
  }
}

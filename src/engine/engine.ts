import { transfer, wrap, type Remote } from 'comlink';
import type { AssetId } from '../model/ids.ts';
import type { Project, VideoCodecChoice } from '../model/project.ts';
import { audibleClips } from '../model/render-plan.ts';
import { canEncodeAac, encodableVideoCodecs } from '../media/encoder-config.ts';
import type { FrameCompositor, RendererChoice } from '../media/compositor/frame-compositor.ts';
import type { CompositorHost } from '../media/compositor/compositor-host.ts';
import { createCompositor } from './create-compositor.ts';
import { planStreamCopy } from './stream-copy.ts';
import { planAudioCopy } from './audio-copy.ts';
import type { ExportPaths } from './export-types.ts';
import { outputFormat } from '../model/output-format.ts';
import { MissingMediaError, UnsupportedMediaError } from '../media/errors.ts';
import type { MediaSource } from '../media/media-source.ts';
import { openMedia } from '../media/open-media.ts';
import { firstProblem, probeSource, type ProbeResult } from '../media/probe.ts';
import { runExport } from './export-job.ts';
import type { ExportProgress, ExportResult } from './export-types.ts';
import { Playback, type PlaybackClock, type PlaybackEvents, type PlaybackStats, type PlayRequest } from './playback.ts';
import { PreviewSink, type ShownFrame } from './preview.ts';
import type { SourceLookup } from './sources.ts';
import { titleSource } from '../media/text-source.ts';
import type { StillSource } from '../media/still-source.ts';
import { uprightStill } from '../media/upright-frame.ts';

/**
 * Everything the UI (or CLI) asks of the media pipeline, living in a worker:
 * opened sources, the compositor, the preview sink and export jobs.
 */
/**
 * Whether any clip that is heard has sound: by the media as opened here, else (offline media) the project's own record of it,
 * which was made at import and may predate what Spool can now read in it (PCM sound in a MOV).
 */
const heardAnySound = (project: Project, sources: SourceLookup) =>
  audibleClips(project).some((clip) => {
    const source = sources(clip.assetId);
    return source ? !!source.audio : !!project.assets.find((a) => a.id === clip.assetId)?.hasAudio;
  });

export class Engine {
  private readonly sources = new Map<AssetId, MediaSource>();
  private compositorPromise: Promise<FrameCompositor> | null = null;
  private renderer: RendererChoice = 'auto';
  /** The page's compositors, for when this worker can draw with neither WebGPU nor WebGL2. */
  private compositorHost: Remote<CompositorHost> | null = null;
  private notice: ((message: string) => void) | null = null;
  private preview: PreviewSink | null = null;
  private playback: Playback | null = null;
  private canceledJobs = new Set<string>();
  /** Titles, drawn per look and output size (see titleSource); replaced (and closed) when their look changes. */
  private readonly titles = new Map<AssetId, { key: string; source: StillSource }>();

  /** Where each clip's pictures and sound come from for this project: opened files, or titles drawn from their asset record. */
  private readonly lookupFor =
    (project: Project): SourceLookup =>
    (id: AssetId) => {
      const opened = this.sources.get(id);
      if (opened) return opened;
      const asset = project.assets.find((a) => a.id === id);
      if (!asset?.text) return undefined;
      const { width, height } = project.output;
      const key = `${JSON.stringify(asset.text)}|${width}x${height}`;
      const cached = this.titles.get(id);
      if (cached?.key === key) return cached.source;
      cached?.source.close();
      // The preview's cached frames of the old look would show again where they were drawn.
      if (cached) this.preview?.cache.clear(id);
      const source = titleSource(asset.name, asset.durationUs, asset.text, width, height);
      this.titles.set(id, { key, source });
      return source;
    };

  /** The compositor, made anew after a lost GPU device so the next frame works again. */
  private readonly compositor = (): Promise<FrameCompositor> => {
    if (!this.compositorPromise) {
      const created = createCompositor(this.renderer, this.compositorHost);
      this.compositorPromise = created;
      created.then(
        (compositor) =>
          void compositor.lost.then(() => {
            if (this.compositorPromise !== created) return; // replaced on purpose (another renderer chosen)
            this.compositorPromise = null;
            const what = compositor.kind === 'webgpu' ? 'graphics device (WebGPU)' : 'WebGL context';
            this.notice?.(`The ${what} was lost, perhaps after a driver reset or sleep. Spool made a new one; if a frame failed to draw, play or scrub again.`);
          }),
        () => this.compositorPromise === created && (this.compositorPromise = null),
      );
    }
    return this.compositorPromise;
  };

  /** The page's end of a channel serving a CompositorHost: drawing happens there when this worker cannot draw. */
  useCompositorHost(port: MessagePort): void {
    this.compositorHost = wrap<CompositorHost>(port);
  }

  /** Where to say things the person should know that no call returns (a lost GPU device, recovered). */
  onNotice(callback: (message: string) => void): void {
    this.notice = (message) => void Promise.resolve(callback(message)).catch(() => undefined);
  }

  /** Forces a renderer (the CLI's --renderer, the app's ?renderer=) or goes back to automatic; the next frame uses it. */
  async setRenderer(choice: RendererChoice): Promise<void> {
    if (choice === this.renderer) return;
    await this.stopPlayback();
    this.renderer = choice;
    const previous = this.compositorPromise;
    this.compositorPromise = null;
    previous?.then((compositor) => compositor.destroy(), () => undefined);
  }

  /** Reads a file's structure and what this browser can do with it; nothing is kept. */
  async probe(file: Blob, name: string): Promise<ProbeResult> {
    return probeSource(await openMedia(file, name));
  }

  /**
   * Opens a file as an asset. Throws a named, human-readable error when it cannot
   * be used, leaving every other asset as it was. `fingerprint` (a library asset's)
   * lets a file read through at an earlier open skip that read (see openMedia).
   */
  async addAsset(id: AssetId, file: Blob, name: string, fingerprint?: string): Promise<ProbeResult> {
    const source = await openMedia(file, name, fingerprint);
    const probe = await probeSource(source);
    const problem = firstProblem(probe);
    if (problem) throw new UnsupportedMediaError(problem);
    const audio = probe.tracks.find((t) => t.kind === 'audio');
    // Sound this browser cannot decode is dropped; the picture is still usable.
    this.sources.set(id, audio && !audio.decodable ? source.withoutAudio() : source);
    return probe;
  }

  removeAsset(id: AssetId): void {
    // A still keeps its decoded frame for its whole life: give it back now.
    this.sources.get(id)?.close?.();
    this.sources.delete(id);
    this.preview?.cache.clear(id);
  }

  async attachPreview(canvas: OffscreenCanvas): Promise<void> {
    await this.compositor(); // fail here, with the reason, if this platform cannot draw
    this.preview = new PreviewSink(canvas, this.compositor, this.lookupFor);
  }

  /** The preview canvas's on-screen size in device pixels (the page reports it as it changes). */
  setPreviewBox(width: number, height: number): void {
    this.preview?.setDisplayBox({ width, height });
  }

  async showFrame(project: Project, tUs: number): Promise<ShownFrame> {
    if (!this.preview) throw new Error('No preview canvas attached.');
    return this.preview.show(project, tUs);
  }

  /** A source's own frame at `sourceUs`, upright at its display size, as a PNG (a freeze frame's still). */
  async sourceStill(id: AssetId, sourceUs: number): Promise<Blob> {
    const source = this.sources.get(id);
    const still = source && (await uprightStill(source, sourceUs));
    if (!still) throw new Error('this clip has no picture there to freeze');
    return still;
  }

  /** The frame at `tUs`, full size, as a PNG (Save frame). */
  async stillFrame(project: Project, tUs: number): Promise<Blob> {
    if (!this.preview) throw new Error('No preview canvas attached.');
    return this.preview.still(project, tUs);
  }

  /**
   * Plays from `request.fromUs` on the audio clock the UI keeps in step
   * (`setPlaybackClock`); sound, stats and the end arrive through `events`.
   * Any playback already running stops first.
   */
  async play(project: Project, request: PlayRequest, events: PlaybackEvents): Promise<void> {
    if (!this.preview) throw new Error('No preview canvas attached.');
    await this.stopPlayback();
    const forward: PlaybackEvents = {
      // Each block's samples move to the UI thread, not copied.
      audio: (block) => void Promise.resolve(events.audio(transfer(block, [block.data.buffer]))).catch(() => undefined),
      stats: (stats) => void Promise.resolve(events.stats(stats)).catch(() => undefined),
      ended: (shown) => void Promise.resolve(events.ended(shown)).catch(() => undefined),
      failed: (message) => void Promise.resolve(events.failed(message)).catch(() => undefined),
    };
    this.playback = new Playback(project, this.lookupFor(project), this.preview, this.compositor, request, forward);
  }

  setPlaybackClock(clock: PlaybackClock): void {
    this.playback?.setClock(clock);
  }

  /** Stops playback; resolves with its final figures and the frame left on screen (null if nothing was playing). */
  async stopPlayback(): Promise<PlaybackStats | null> {
    const playback = this.playback;
    this.playback = null;
    return playback ? playback.stop() : null;
  }

  async exportProject(project: Project, jobId: string, onProgress?: (progress: ExportProgress) => void): Promise<ExportResult> {
    this.canceledJobs.delete(jobId);
    // The job keeps the sources it started with, whatever the UI adds or removes meanwhile.
    const sources = new Map<AssetId, MediaSource>();
    const lookup = this.lookupFor(project);
    for (const clip of project.clips) {
      const source = lookup(clip.assetId);
      const name = project.assets.find((a) => a.id === clip.assetId)?.name ?? clip.assetId;
      if (!source) throw new MissingMediaError(`The media for "${name}" is not open any more. Import it again, then export.`);
      sources.set(clip.assetId, source);
    }
    try {
      return await runExport(project, (id) => sources.get(id), this.compositor, {
        id: jobId,
        isCanceled: () => this.canceledJobs.has(jobId),
        ...(onProgress ? { onProgress } : {}),
      });
    } finally {
      this.canceledJobs.delete(jobId);
    }
  }

  /** The video codecs this browser can encode at a size and rate (hardware flagged): what the export menu offers. */
  encodableVideoCodecs(width: number, height: number, fps: number): Promise<{ codec: VideoCodecChoice; hardware: boolean }[]> {
    return encodableVideoCodecs(width, height, fps);
  }

  /** Whether exporting `project` now would copy its video and its sound (lossless) or encode them, and why not copy: said before exporting. */
  exportPaths(project: Project): ExportPaths {
    const format = outputFormat(project.output);
    const sources = this.lookupFor(project);
    const video = format.video ? planStreamCopy(project, sources, format) : null;
    const sound = planAudioCopy(project, sources, format);
    return {
      video: video && (video.ok ? { path: 'copy', reason: null, snappable: false } : { path: 'reencode', reason: video.reason, snappable: !!video.snappable }),
      sound: sound.ok ? { path: 'copy', reason: null } : !heardAnySound(project, sources) ? { path: 'none', reason: null } : { path: 'encode', reason: sound.plain ? null : sound.reason },
    };
  }

  canEncodeAac(): Promise<boolean> {
    return canEncodeAac();
  }

  cancelExport(jobId: string): void {
    this.canceledJobs.add(jobId);
  }
}

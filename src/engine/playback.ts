import type { Project } from '../model/project.ts';
import { timelineDurationUs } from '../model/project.ts';
import { frameTimeUs, US_PER_SECOND } from '../model/time.ts';
import type { CompositeLayer, FrameCompositor, PoolStats, RendererKind } from '../media/compositor/frame-compositor.ts';
import { decodeQueueDepth } from '../media/decode-stream.ts';
import type { PreviewSink, ShownFrame } from './preview.ts';
import type { SourceLookup } from './sources.ts';
import { MIX_BLOCK_FRAMES, mixTimelineAudio } from './timeline-audio.ts';
import { TimelineVideo } from './timeline-video.ts';

/**
 * Where playback stands on the audio clock: the (unwrapped) timeline time
 * `mediaUs` is heard at wall time `wallMs` (performance.timeOrigin +
 * performance.now(), the same clock in every thread of the page). The UI
 * derives it from AudioContext.getOutputTimestamp and refreshes it, so video
 * follows the sound that is actually coming out of the speakers.
 */
export interface PlaybackClock {
  wallMs: number;
  mediaUs: number;
}

export interface PlayRequest {
  fromUs: number;
  /** 1 is normal play; 2 and 4 fast forward; −1, −2, −4 play backwards (J/K/L). */
  rate: number;
  /** Play [startUs, endUs) over and over. */
  loop: { startUs: number; endUs: number } | null;
  clock: PlaybackClock;
  /** Mix sound in this format and hand it to `events.audio` (normal speed only); null plays silent. */
  audio: { sampleRate: number; channels: number } | null;
}

/** Sound for the UI to schedule: `frames` samples starting `position` samples after playback began; planar, channel after channel. */
export interface AudioBlock {
  position: number;
  frames: number;
  channels: number;
  sampleRate: number;
  data: Float32Array<ArrayBuffer>;
}

export interface PlaybackStats {
  playing: boolean;
  rate: number;
  shown: ShownFrame;
  /** Frames painted and frames passed over since playback began. */
  framesShown: number;
  framesDropped: number;
  /** Frames painted in the last second. */
  fps: number;
  /** Mean time to decode, composite and paint a frame, in milliseconds. */
  frameMs: number;
  /** Of that, the mean time to composite and paint (GPU draw, readback, canvas), over frames played forwards. */
  compositeMs: number;
  /** Audio clock minus the shown frame's time when it appeared (in sync: 0 ≤ offset < one frame). */
  avOffsetMs: { mean: number; maxAbs: number; samples: number; withinFrameShare: number };
  decodeQueue: number;
  pool: PoolStats;
  cachedFrames: number;
  renderer: RendererKind;
}

export interface PlaybackEvents {
  audio(block: AudioBlock): void;
  stats(stats: PlaybackStats): void;
  /** The end of the timeline was reached (not looping): the final figures. */
  ended(stats: PlaybackStats): void;
  /** Playback stopped on an error (a damaged file, a lost GPU): the reason, for the person. */
  failed(message: string): void;
}

/** Sound is mixed at most this far ahead of the clock: enough to ride out a slow frame or a loop's restart (0.5 s was not, measured), little to redo on a stop. */
const AUDIO_AHEAD_US = 1_000_000;
const STATS_EVERY_MS = 250;
/** The most one paint counts towards the look-ahead (the time a frame takes to reach the screen, which picks the frame due). */
const MAX_FRAME_LATENCY_MS = 250;
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Real-time playback in the engine worker: the same reader, plan and
 * compositor export uses, paced by the audio clock. Each tick shows the frame
 * due when it will appear (the clock plus the measured frame time); frames a
 * slow machine cannot draw in time are skipped, never the sound, which is
 * mixed ahead by the export's mixer and handed to Web Audio.
 */
export class Playback {
  private stopped = false;
  private clock: PlaybackClock;
  private readonly durationUs: number;
  private readonly frameUs: number;
  private shown: ShownFrame;
  private framesShown = 0;
  private framesDropped = 0;
  private frameMsTotal = 0;
  private compositeMsTotal = 0;
  private composites = 0;
  private latencyMs = 0;
  private offsetSum = 0;
  private offsetMaxAbs = 0;
  private offsetSamples = 0;
  private offsetsWithinFrame = 0;
  /** Wall times of the last paints, for the fps figure (a ring: no allocation per frame). */
  private readonly paints = new Float64Array(256);
  private paintCount = 0;
  private lastStatsMs = 0;
  private readonly done: Promise<void>;

  constructor(
    private readonly project: Project,
    private readonly sources: SourceLookup,
    private readonly preview: PreviewSink,
    private readonly compositor: () => Promise<FrameCompositor>,
    private readonly request: PlayRequest,
    private readonly events: PlaybackEvents,
  ) {
    this.clock = request.clock;
    this.durationUs = timelineDurationUs(project);
    this.frameUs = US_PER_SECOND / project.output.fps;
    this.shown = { timelineUs: request.fromUs, sourceUs: null };
    const audio = request.audio && request.rate === 1 ? this.runAudio(request.audio).catch((error: unknown) => this.fail(error)) : Promise.resolve();
    this.done = Promise.all([this.runVideo(), audio]).then(() => undefined);
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.events.failed(error instanceof Error ? error.message : String(error));
  }

  setClock(clock: PlaybackClock): void {
    this.clock = clock;
  }

  /** Stops and resolves with the final figures, including the frame left on screen. */
  async stop(): Promise<PlaybackStats> {
    this.stopped = true;
    await this.done.catch(() => undefined);
    return this.snapshot(false);
  }

  /** Unwrapped timeline time heard at wall time `wallMs`. */
  private mediaAt(wallMs: number): number {
    return this.clock.mediaUs + (wallMs - this.clock.wallMs) * 1000 * this.request.rate;
  }

  /** Timeline time for an unwrapped time: looping folds it back into the loop. */
  private timelineAt(mediaUs: number): number {
    const { loop, rate } = this.request;
    if (!loop || rate < 0 || mediaUs < loop.endUs) return mediaUs;
    return loop.startUs + ((mediaUs - loop.endUs) % (loop.endUs - loop.startUs));
  }

  /** How many times looping has wrapped by unwrapped time `mediaUs` (0 without a loop). */
  private passAt(mediaUs: number): number {
    const { loop, rate } = this.request;
    if (!loop || rate < 0 || mediaUs < loop.endUs) return 0;
    return 1 + Math.floor((mediaUs - loop.endUs) / (loop.endUs - loop.startUs));
  }

  private frameAt(tUs: number): number {
    return Math.floor((tUs * this.project.output.fps) / US_PER_SECOND + 1e-6);
  }

  private async runAudio(format: { sampleRate: number; channels: number }): Promise<void> {
    const { sampleRate, channels } = format;
    const toSample = (us: number) => Math.round((us * sampleRate) / US_PER_SECOND);
    const { loop, fromUs } = this.request;
    let position = 0;
    for (let from = fromUs; !this.stopped; from = loop!.startUs) {
      const to = loop ? loop.endUs : this.durationUs;
      for await (const block of mixTimelineAudio(this.project, this.sources, { sampleRate, channels, fromSample: toSample(from), toSample: toSample(to) })) {
        // Pace the mixer by the clock: stay a little ahead of what is heard.
        while (!this.stopped && fromUs + (position * US_PER_SECOND) / sampleRate - this.mediaAt(wallNow()) > AUDIO_AHEAD_US) await sleep(40);
        if (this.stopped) break;
        const data = new Float32Array(block.frames * channels);
        for (let c = 0; c < channels; c++) data.set(block.planes.subarray(c * MIX_BLOCK_FRAMES, c * MIX_BLOCK_FRAMES + block.frames), c * block.frames);
        this.events.audio({ position, frames: block.frames, channels, sampleRate, data });
        position += block.frames;
      }
      if (!loop) break;
    }
  }

  private async runVideo(): Promise<void> {
    const { rate, fromUs } = this.request;
    const layers: CompositeLayer[] = [];
    let video: TimelineVideo | null = null;
    let lastFrame = -1;
    let lastPass = 0;
    try {
      while (!this.stopped) {
        const started = wallNow();
        // The frame due when this one will be on screen: now plus what a frame takes.
        const due = this.mediaAt(started + this.latencyMs);
        if (rate > 0 ? !this.request.loop && due >= this.durationUs : due < 0) {
          // The last frame is up; the sound stops with playback, so end when the clock reaches the end, not before.
          const leftUs = rate > 0 ? this.durationUs - this.mediaAt(wallNow()) : this.mediaAt(wallNow());
          if (leftUs > 0) await sleep(leftUs / 1000 / Math.abs(rate));
          if (!this.stopped) this.events.ended(await this.snapshot(false));
          return;
        }
        // Until the sound starts, hold the first frame.
        const tUs = this.timelineAt(rate > 0 ? Math.max(fromUs, due) : Math.min(fromUs, due));
        const frame = this.frameAt(tUs);
        const pass = this.passAt(due);
        // A clock correction can move time back a little: hold the frame shown rather than step backwards.
        const behind = lastFrame >= 0 && pass === lastPass && (rate > 0 ? frame < lastFrame : frame > lastFrame);
        if (frame === lastFrame || behind) {
          // Sleep until the clock reaches the next frame's edge (ahead, or behind when playing backwards).
          const edgeUs = rate > 0 ? frameTimeUs(frame + 1, this.project.output.fps) - tUs : tUs - frameTimeUs(frame, this.project.output.fps);
          await sleep(Math.min(50, Math.max(1, edgeUs / 1000 / Math.abs(rate))));
          continue;
        }
        if (rate > 0) {
          if (!video || pass !== lastPass) {
            await video?.close();
            video = new TimelineVideo(this.project, this.sources);
          } else if (lastFrame >= 0) this.framesDropped += frame - lastFrame - 1;
          const sourceUs = await video.layersAt(frame, layers);
          const compositeStart = wallNow();
          await this.preview.present(this.project, layers);
          this.compositeMsTotal += wallNow() - compositeStart;
          this.composites++;
          this.shown = { timelineUs: frameTimeUs(frame, this.project.output.fps), sourceUs };
        } else {
          if (lastFrame >= 0) this.framesDropped += Math.max(0, lastFrame - frame - 1);
          this.shown = await this.preview.show(this.project, frameTimeUs(frame, this.project.output.fps));
        }
        lastFrame = frame;
        lastPass = pass;
        const painted = wallNow();
        this.recordPaint(started, painted, frame);
        await this.maybeReportStats(painted);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      await video?.close();
    }
  }

  private recordPaint(started: number, painted: number, frame: number): void {
    const took = painted - started;
    this.framesShown++;
    this.frameMsTotal += took;
    // The first paint carries the start-up (decoders opening, shaders compiling) and a hiccup says little about the next
    // paint: counted whole, a slow start had playback show frames seconds ahead of the sound, and end that much early.
    if (this.framesShown === 2) this.latencyMs = Math.min(took, MAX_FRAME_LATENCY_MS);
    else if (this.framesShown > 2) this.latencyMs = this.latencyMs * 0.8 + Math.min(took, MAX_FRAME_LATENCY_MS) * 0.2;
    this.paints[this.paintCount++ % this.paints.length] = painted;
    const heard = this.mediaAt(painted);
    // Only once the sound has started, and at normal speed, is there an A/V offset to speak of.
    if (this.request.rate === 1 && this.request.audio && heard >= this.request.fromUs) {
      const offset = (this.timelineAt(heard) - frameTimeUs(frame, this.project.output.fps)) / 1000;
      if (Math.abs(offset) < 10_000) {
        this.offsetSum += offset;
        this.offsetMaxAbs = Math.max(this.offsetMaxAbs, Math.abs(offset));
        this.offsetSamples++;
        if (Math.abs(offset) * 1000 < this.frameUs) this.offsetsWithinFrame++;
      }
    }
  }

  private async maybeReportStats(now: number): Promise<void> {
    if (now - this.lastStatsMs < STATS_EVERY_MS) return;
    this.lastStatsMs = now;
    await this.reportStats(true);
  }

  private async reportStats(playing: boolean): Promise<void> {
    this.events.stats(await this.snapshot(playing));
  }

  private async snapshot(playing: boolean): Promise<PlaybackStats> {
    const now = wallNow();
    let fps = 0;
    for (let i = 0; i < Math.min(this.paintCount, this.paints.length); i++) if (now - this.paints[i]! <= 1000) fps++;
    const compositor = await this.compositor();
    return {
      playing,
      rate: this.request.rate,
      shown: this.shown,
      framesShown: this.framesShown,
      framesDropped: this.framesDropped,
      fps,
      frameMs: this.framesShown > 0 ? this.frameMsTotal / this.framesShown : 0,
      compositeMs: this.composites > 0 ? this.compositeMsTotal / this.composites : 0,
      avOffsetMs: { mean: this.offsetSamples > 0 ? this.offsetSum / this.offsetSamples : 0, maxAbs: this.offsetMaxAbs, samples: this.offsetSamples, withinFrameShare: this.offsetSamples > 0 ? this.offsetsWithinFrame / this.offsetSamples : 0 },
      decodeQueue: decodeQueueDepth(),
      pool: compositor.poolStats(),
      cachedFrames: this.preview.cache.size,
      renderer: compositor.kind,
    };
  }
}

import type { AudioBlock, PlaybackClock } from '../engine/playback.ts';

/** Sound starts this long after Play, so the first blocks arrive before they are due. */
const LEAD_SECONDS = 0.2;
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * Plays the engine's mixed blocks through Web Audio at sample-exact times and
 * is the clock playback follows: `clock()` says which timeline time the
 * speakers are playing at which wall time (from getOutputTimestamp, so output
 * latency is included). Without sound (shuttle speeds, no audio device) the
 * clock is the wall clock.
 */
export class PlaybackAudio {
  private context: AudioContext | null = null;
  private output: GainNode | null = null;
  private readonly live = new Set<AudioBufferSourceNode>();
  private startAt = 0;
  private fromUs = 0;
  private silentStartWall = 0;
  private withSound = false;
  /** Blocks that arrived after they were due (played from where the clock already was). */
  lateBlocks = 0;

  /** Prepares a run from `fromUs`; call from the Play gesture (browsers start sound only after one). Returns the mix format, or null for silence. */
  async begin(fromUs: number, withSound: boolean): Promise<{ sampleRate: number; channels: number } | null> {
    this.end();
    this.fromUs = fromUs;
    this.lateBlocks = 0;
    this.withSound = false;
    this.silentStartWall = wallNow() + LEAD_SECONDS * 1000;
    if (!withSound || typeof AudioContext === 'undefined') return null;
    try {
      this.context ??= new AudioContext({ latencyHint: 'playback' });
      if (this.context.state !== 'running') await this.context.resume();
      if (this.context.state !== 'running') return null; // no audio device, or no gesture yet: play silent
    } catch {
      return null;
    }
    this.output = this.context.createGain();
    this.output.connect(this.context.destination);
    this.startAt = this.context.currentTime + LEAD_SECONDS;
    this.withSound = true;
    return { sampleRate: this.context.sampleRate, channels: 2 };
  }

  /** The timeline time `fromUs` is heard at the returned wall time; playback runs on from there. */
  clock(): PlaybackClock {
    const context = this.context;
    if (!this.withSound || !context) return { wallMs: this.silentStartWall, mediaUs: this.fromUs };
    const stamp = context.getOutputTimestamp();
    if (stamp.contextTime && stamp.performanceTime) {
      return { wallMs: performance.timeOrigin + stamp.performanceTime + (this.startAt - stamp.contextTime) * 1000, mediaUs: this.fromUs };
    }
    // Not yet stamped: estimate from the context's own clock and its stated latency.
    const latency = context.outputLatency || context.baseLatency || 0;
    return { wallMs: wallNow() + (this.startAt - context.currentTime + latency) * 1000, mediaUs: this.fromUs };
  }

  schedule(block: AudioBlock): void {
    const context = this.context;
    if (!this.withSound || !context || !this.output) return;
    const buffer = context.createBuffer(block.channels, block.frames, block.sampleRate);
    for (let c = 0; c < block.channels; c++) buffer.copyToChannel(block.data.subarray(c * block.frames, (c + 1) * block.frames), c);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const when = this.startAt + block.position / block.sampleRate;
    const now = context.currentTime;
    if (when < now) {
      this.lateBlocks++;
      if (now - when >= buffer.duration) return;
      source.start(now, now - when); // keep in step: play the rest from where the clock is
    } else source.start(when);
    this.live.add(source);
    source.onended = () => {
      this.live.delete(source);
      source.disconnect();
    };
  }

  /** Silences everything scheduled. */
  end(): void {
    for (const source of this.live) {
      source.onended = null;
      source.stop();
      source.disconnect();
    }
    this.live.clear();
    this.output?.disconnect();
    this.output = null;
    this.withSound = false;
  }
}

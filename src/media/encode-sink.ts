import type { ChosenAudioEncoder, ChosenVideoEncoder } from './encoder-config.ts';
import type { ExportMuxer } from './export-muxer.ts';
import { explainWriteError, PlatformError } from './errors.ts';
import { Signal } from './signal.ts';
import type { StageClock } from './stage-clock.ts';
import { redrawnFrame } from './frame-redraw.ts';
import { packetMicros, PacketTimes } from './packet-times.ts';
import { opusPreSkipUs } from './audio/opus-pre-skip.ts';

/** Frames queued in the video encoder: up to 4, within about 16 MB of pictures (4 at 1080p; 2 at 4K, measured 35 MB less at the same speed). */
const encodeQueueBound = (width: number, height: number) => Math.max(2, Math.min(4, Math.floor((16 << 20) / (width * height * 1.5))));

/** Export mixes 8192-frame blocks (64 KB stereo): a deep queue (about 4 s of sound, 1.5 MB) lets mixing run ahead of the encoder's thread (8 measured slower). */
const MAX_AUDIO_ENCODE_QUEUE = 24;

export interface EncodeSinkOptions {
  /** Made once the encoders are configured, from what they will produce. */
  muxer: ExportMuxer;
  video?: ChosenVideoEncoder;
  audio?: ChosenAudioEncoder;
  clock: StageClock;
  /** Remake each frame from an ImageBitmap before encoding: for an encoder that mangles frames made from bytes (see byte-frame-fidelity). */
  redrawFrames?: boolean;
}

/**
 * Encoders into a muxer (MP4, WebM or M4A). Takes any VideoFrame: one drawn
 * by the compositor, or a decoded frame that needs no pixel change. Encoder
 * queues are bounded: `addVideoFrame` and `addAudio` wait while
 * `encodeQueueSize` is at the bound.
 */
export class EncodeSink {
  private readonly muxer: ExportMuxer;
  private readonly videoEncoder: VideoEncoder | undefined;
  private readonly audioEncoder: AudioEncoder | undefined;
  private readonly drained = new Signal();
  private failure: Error | undefined;
  private readonly videoQueueBound: number;
  private readonly redrawFrames: boolean;
  /** The deepest each encoder's queue got (the export details show them). */
  readonly queuePeaks = { videoEncode: 0, audioEncode: 0 };
  /** Sound given to the audio encoder, what it encoded (packets' durations) and what its decoder drops first (Opus pre-skip), in µs. */
  private readonly sound = { givenUs: 0, encodedUs: 0, preSkipUs: 0 };

  constructor(private readonly options: EncodeSinkOptions) {
    const { video, audio, clock } = options;
    const fail = (what: string) => (error: DOMException) => {
      this.failure ??= new PlatformError(`The ${what} encoder failed: ${error.message}`);
      this.drained.notify();
    };
    this.muxer = options.muxer;
    this.videoQueueBound = video ? encodeQueueBound(video.config.width, video.config.height) : 0;
    this.redrawFrames = !!options.redrawFrames;
    // A write that fails inside an encoder's callback (a full disk) would be lost there: it becomes the export's failure.
    const timedMux =
      <Chunk, Meta>(add: (chunk: Chunk, meta?: Meta) => void) =>
      (chunk: Chunk, meta?: Meta) => {
        if (this.failure) return;
        const start = performance.now();
        try {
          add(chunk, meta);
        } catch (error) {
          this.failure = explainWriteError(error);
          this.drained.notify();
        }
        clock.add('mux', performance.now() - start);
      };
    if (video) {
      this.videoEncoder = new VideoEncoder({ output: timedMux((c: EncodedVideoChunk, m?: EncodedVideoChunkMetadata) => this.muxer.addVideoChunk(c, m)), error: fail('video') });
      this.videoEncoder.ondequeue = () => this.drained.notify();
      this.videoEncoder.configure(video.config);
    }
    if (audio) {
      const times = new PacketTimes(packetMicros(audio.codec, audio.config));
      const addAudio = (chunk: EncodedAudioChunk, meta?: EncodedAudioChunkMetadata) => {
        const placed = times.place(chunk.timestamp, chunk.duration);
        this.sound.encodedUs += placed.duration;
        if (meta?.decoderConfig && audio.config.codec === 'opus') this.sound.preSkipUs = opusPreSkipUs(meta.decoderConfig.description);
        if (placed.own) return this.muxer.addAudioChunk(chunk, meta);
        const data = new Uint8Array(chunk.byteLength);
        chunk.copyTo(data);
        this.muxer.addAudioChunkRaw(data, chunk.type, placed.timestamp, placed.duration, meta);
      };
      this.audioEncoder = new AudioEncoder({ output: timedMux(addAudio), error: fail('audio') });
      this.audioEncoder.ondequeue = () => this.drained.notify();
      this.audioEncoder.configure(audio.config);
    }
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Encodes `frame`; the caller still owns it and closes it after this resolves. */
  async addVideoFrame(frame: VideoFrame, keyFrame: boolean): Promise<void> {
    const encoder = this.videoEncoder;
    if (!encoder) return;
    const start = performance.now();
    while (!this.failure && encoder.encodeQueueSize >= this.videoQueueBound) await this.drained.wait();
    this.check();
    const input = this.redrawFrames ? await redrawnFrame(frame) : frame;
    try {
      encoder.encode(input, { keyFrame });
    } finally {
      if (input !== frame) input.close();
    }
    this.queuePeaks.videoEncode = Math.max(this.queuePeaks.videoEncode, encoder.encodeQueueSize);
    this.options.clock.add('encode', performance.now() - start);
  }

  /**
   * An already encoded sample (stream copy) straight to the muxer, times in µs,
   * with its decode-to-presentation offset if frames are reordered. The muxer
   * keeps `data` until it writes it: never a buffer that is reused.
   */
  addEncodedVideo(data: Uint8Array, key: boolean, timestampUs: number, durationUs: number, meta?: EncodedVideoChunkMetadata, compositionTimeOffsetUs = 0): void {
    this.check();
    const start = performance.now();
    try {
      this.muxer.addVideoChunkRaw(data, key ? 'key' : 'delta', timestampUs, durationUs, meta, compositionTimeOffsetUs);
    } catch (error) {
      throw (this.failure = explainWriteError(error));
    }
    this.options.clock.add('mux', performance.now() - start);
  }

  /** An already encoded sound packet (stream copy) straight to the muxer, as addEncodedVideo. */
  addEncodedAudio(data: Uint8Array, timestampUs: number, durationUs: number, meta?: EncodedAudioChunkMetadata): void {
    this.check();
    const start = performance.now();
    try {
      this.muxer.addAudioChunkRaw(data, 'key', timestampUs, durationUs, meta);
    } catch (error) {
      throw (this.failure = explainWriteError(error));
    }
    this.options.clock.add('mux', performance.now() - start);
  }

  /** Encodes and closes `data`. */
  async addAudio(data: AudioData): Promise<void> {
    try {
      const encoder = this.audioEncoder;
      if (!encoder) return;
      while (!this.failure && encoder.encodeQueueSize >= MAX_AUDIO_ENCODE_QUEUE) await this.drained.wait();
      this.check();
      this.sound.givenUs += (data.numberOfFrames * 1e6) / data.sampleRate;
      encoder.encode(data);
      this.queuePeaks.audioEncode = Math.max(this.queuePeaks.audioEncode, encoder.encodeQueueSize);
    } finally {
      data.close();
    }
  }

  /** What the sound's decoder drops from its start (µs): the Opus encoder's pre-skip, 0 for other codecs. */
  get soundPreSkipUs(): number {
    return this.sound.preSkipUs;
  }

  /**
   * How far the encoded sound runs past what it was given, once decoded (µs):
   * the encoder fills its last packet out (Opus: 20 ms packets, after its
   * pre-skip), so the container must say to drop that much at the end.
   */
  get soundPaddingUs(): number {
    const { givenUs, encodedUs, preSkipUs } = this.sound;
    return Math.max(0, encodedUs - preSkipUs - givenUs);
  }

  async finish(): Promise<void> {
    await this.options.clock.time('encode', async () => {
      await this.videoEncoder?.flush();
      await this.audioEncoder?.flush();
    });
    this.check();
    await this.options.clock.time('mux', () => {
      try {
        this.muxer.finalize();
      } catch (error) {
        throw explainWriteError(error);
      }
    });
    this.close();
  }

  close(): void {
    for (const encoder of [this.videoEncoder, this.audioEncoder]) if (encoder && encoder.state !== 'closed') encoder.close();
    this.drained.notify();
  }
}

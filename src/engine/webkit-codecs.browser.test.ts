import { describe, expect, it } from 'vitest';
import { runExport } from './export-job.ts';
import { GlCompositor } from '../media/compositor/gl-compositor.ts';
import { openMedia } from '../media/open-media.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { deleteExport } from '../storage/export-library.ts';
import { emptyProject, type Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';
import { encodesByteFramesFaithfully } from '../media/byte-frame-fidelity.ts';

const BAR: AssetId = 'asset:bar';
const NAME = 'webkit-codecs-test.mp4';
/** How early WebKitGTK 2.50's AudioDecoder put an 8 s AAC track's outputs (measured: about −8 s to 0 for 0 to 8 s). */
const DECODER_SHIFT_US = 8_000_000;

/**
 * WebKitGTK 2.50's WebCodecs as measured there, played in Chromium: its VideoEncoder turns frames made from bytes
 * into flat grey after the first (H.264) or fails on them (HEVC); its AudioEncoder stamps every packet an input
 * block gives with that block's start and length; its AudioDecoder's outputs carry times 8 s early. `uninstall`
 * puts the real classes back.
 */
function webkitCodecs(bytes: 'grey' | 'fail'): { uninstall: () => void } {
  const saved = { VideoFrame: globalThis.VideoFrame, VideoEncoder: globalThis.VideoEncoder, AudioEncoder: globalThis.AudioEncoder, AudioDecoder: globalThis.AudioDecoder };
  const fromBytes = new WeakSet<VideoFrame>();
  const OriginalFrame = saved.VideoFrame;
  class ByteMarkingVideoFrame extends OriginalFrame {
    constructor(source: CanvasImageSource | AllowSharedBufferSource, init?: VideoFrameInit | VideoFrameBufferInit) {
      super(source as CanvasImageSource, init as VideoFrameInit);
      if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) fromBytes.add(this);
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof OriginalFrame;
    }
  }
  class GreyingVideoEncoder extends saved.VideoEncoder {
    private seen = 0;
    override encode(frame: VideoFrame, options?: VideoEncoderEncodeOptions): void {
      if (bytes === 'fail' && fromBytes.has(frame)) throw new DOMException('Encoding failed', 'EncodingError');
      if (!fromBytes.has(frame) || this.seen++ === 0) return super.encode(frame, options);
      const grey = new OriginalFrame(new Uint8Array(frame.codedWidth * frame.codedHeight * 4).fill(128), {
        format: 'RGBX',
        codedWidth: frame.codedWidth,
        codedHeight: frame.codedHeight,
        timestamp: frame.timestamp,
        ...(frame.duration !== null ? { duration: frame.duration } : {}),
      });
      super.encode(grey, options);
      grey.close();
    }
  }
  class BlockStampingAudioEncoder extends saved.AudioEncoder {
    private readonly blocks: { start: number; duration: number }[] = [];
    constructor(init: AudioEncoderInit) {
      super({
        ...init,
        output: (chunk, meta) => {
          const block = this.blocks.findLast((b) => b.start <= chunk.timestamp) ?? this.blocks[0]!;
          const data = new Uint8Array(chunk.byteLength);
          chunk.copyTo(data);
          init.output(new EncodedAudioChunk({ type: chunk.type, timestamp: block.start, duration: block.duration, data }), meta);
        },
      });
    }
    override encode(data: AudioData): void {
      this.blocks.push({ start: data.timestamp, duration: data.duration });
      super.encode(data);
    }
  }
  class EarlyAudioDecoder extends saved.AudioDecoder {
    constructor(init: AudioDecoderInit) {
      super({
        ...init,
        output: (data) => {
          const { numberOfFrames: frames, numberOfChannels: channels, sampleRate } = data;
          const samples = new Float32Array(frames * channels);
          for (let c = 0; c < channels; c++) data.copyTo(samples.subarray(c * frames, (c + 1) * frames), { planeIndex: c, format: 'f32-planar' });
          const early = new AudioData({ format: 'f32-planar', sampleRate, numberOfFrames: frames, numberOfChannels: channels, timestamp: data.timestamp - DECODER_SHIFT_US, data: samples });
          data.close();
          init.output(early);
        },
      });
    }
  }
  globalThis.VideoFrame = ByteMarkingVideoFrame as typeof VideoFrame;
  globalThis.VideoEncoder = GreyingVideoEncoder;
  globalThis.AudioEncoder = BlockStampingAudioEncoder;
  globalThis.AudioDecoder = EarlyAudioDecoder;
  return {
    uninstall() {
      Object.assign(globalThis, saved);
    },
  };
}

function project(videoCodec: 'avc' | 'vp9'): Project {
  return {
    ...emptyProject('WebKit codecs'),
    // Another size than the source's: every frame is drawn by the compositor (read back as bytes).
    output: { width: 320, height: 180, fps: 30, videoCodec, audioCodec: 'auto' },
    assets: [{ id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true }],
    // At half volume: the sound is decoded, mixed and encoded, not copied.
    clips: [{ id: 'clip:a', assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 2_000_000, outUs: 5_000_000, volume: 0.5, fadeInUs: 0, fadeOutUs: 0 }],
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('an export through WebCodecs that misbehave as WebKitGTK 2.50’s do', () => {
  // Each with its own codec: the encoder's answer is kept per codec.
  it.each([
    ['grey', 'avc'],
    ['fail', 'vp9'],
  ] as const)('comes out right, its encoder %s-ing frames made from bytes (%s): every picture, and the sound in place', { timeout: 300_000 }, async (bytes, codec) => {
    const source = await openMedia(await fixtureFile('barcode'), 'barcode.mp4');
    const compositor = await GlCompositor.create();
    const codecs = webkitCodecs(bytes);
    let output;
    try {
      output = (await runExport(project(codec), (id) => (id === BAR ? source : undefined), () => Promise.resolve(compositor), { id: NAME, isCanceled: () => false })).output;
    } finally {
      codecs.uninstall();
      compositor.destroy();
      await deleteExport(NAME);
    }
    expect(output.kind).toBe('blob');
    const out = await inspectExport(output.kind === 'blob' ? output.blob : new Blob());
    expect(out.frameIndices).toEqual(range(60, 150));
    expect(out.beepOnsetsUs).toHaveLength(3);
    out.beepOnsetsUs.forEach((onset, i) => expect(Math.abs(onset - (250_000 + i * 1_000_000))).toBeLessThanOrEqual(33_333));
    expect(Math.abs(out.audioDurationUs - 3_000_000)).toBeLessThanOrEqual(43_000);
  });

  it('Chromium’s own encoders take frames made from bytes as they are: nothing is redrawn there', async () => {
    for (const codec of ['avc1.42001f', 'vp8', 'vp09.00.10.08']) {
      expect(await encodesByteFramesFaithfully({ codec, width: 640, height: 360, bitrate: 1_000_000, framerate: 30 }), codec).toBe(true);
    }
  });
});

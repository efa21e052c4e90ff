import { redrawnFrame } from './frame-redraw.ts';

/**
 * Whether a video encoder takes a VideoFrame made from bytes as it is. WebKitGTK 2.50's (GStreamer) does not:
 * measured with H.264, such frames (RGBX, RGBA, BGRX or I420, each from its own buffer) come out as the first
 * picture and then flat grey, some not at all; with HEVC they fail the encoder ("Encoding failed"); frames made
 * from an ImageBitmap encode right with both. The compositors hand the encoder frames made from the bytes they
 * read back, so where this answers no, the encode sink remakes each frame from an ImageBitmap first (redrawnFrame).
 *
 * Asked by encoding four small frames made from bytes (black, white, black, white) and decoding them: each must
 * come back, the last one white. An encoder that fails on them is asked again with the frames remade: if it takes
 * those, the bytes were the trouble. Where it cannot be told (the configuration refused at this size, no decoder
 * for the codec), the encoder is trusted, as before. Answers are kept per codec and acceleration.
 */
const answers = new Map<string, Promise<boolean>>();

export function encodesByteFramesFaithfully(config: VideoEncoderConfig): Promise<boolean> {
  const key = `${config.codec}|${config.hardwareAcceleration ?? ''}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = probe(config).catch(() => true);
    answers.set(key, answer);
  }
  return answer;
}

const SIZE = 64;
const LEVELS = [0, 255, 0, 255];

/** The probe's frames, made from bytes (or remade from an ImageBitmap), through an encoder: null if it failed. */
async function encodeTrial(config: VideoEncoderConfig, remade: boolean): Promise<{ chunks: EncodedVideoChunk[]; decoderConfig?: VideoDecoderConfig } | null> {
  const chunks: EncodedVideoChunk[] = [];
  let decoderConfig: VideoDecoderConfig | undefined;
  const encoder = new VideoEncoder({ output: (chunk, meta) => (chunks.push(chunk), (decoderConfig ??= meta?.decoderConfig)), error: () => undefined });
  try {
    encoder.configure({ ...config, width: SIZE, height: SIZE, bitrate: 1_000_000 });
    for (const [i, level] of LEVELS.entries()) {
      const bytes = new VideoFrame(new Uint8Array(SIZE * SIZE * 4).fill(level), { format: 'RGBX', codedWidth: SIZE, codedHeight: SIZE, timestamp: i * 33_333 });
      const frame = remade ? await redrawnFrame(bytes) : bytes;
      if (frame !== bytes) bytes.close();
      encoder.encode(frame, { keyFrame: i === 0 });
      frame.close();
    }
    await encoder.flush();
    return decoderConfig ? { chunks, decoderConfig } : { chunks };
  } catch {
    return null;
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
}

async function probe(config: VideoEncoderConfig): Promise<boolean> {
  const trial = await encodeTrial(config, false);
  // Failing on frames from bytes but not on the same frames remade: the bytes are the trouble. Failing on both: cannot tell.
  if (!trial) return !(await encodeTrial(config, true));
  // Every frame encoded gives a chunk: one missing is a picture lost.
  if (trial.chunks.length < LEVELS.length) return false;
  const { chunks, decoderConfig } = trial;
  if (!decoderConfig || !(await VideoDecoder.isConfigSupported(decoderConfig)).supported) return true;
  const decoded: VideoFrame[] = [];
  const decoder = new VideoDecoder({ output: (frame) => decoded.push(frame), error: () => undefined });
  try {
    decoder.configure(decoderConfig);
    for (const chunk of chunks) decoder.decode(chunk);
    await decoder.flush();
    const last = decoded[LEVELS.length - 1];
    if (!last) return false;
    // Read through a canvas: WebKitGTK 2.50's copyTo does not convert decoded frames to RGB either.
    const context = new OffscreenCanvas(SIZE, SIZE).getContext('2d', { willReadFrequently: true })!;
    context.drawImage(last, 0, 0);
    return context.getImageData(SIZE / 2, SIZE / 2, 1, 1).data[0]! > 200;
  } catch {
    return true;
  } finally {
    for (const frame of decoded) frame.close();
    if (decoder.state !== 'closed') decoder.close();
  }
}

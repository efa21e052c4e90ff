/** How uncompressed (PCM) sound is laid out: interleaved frames of `channels` samples of `sampleBytes` each. */
export interface PcmFormat {
  encoding: 'signed' | 'unsigned' | 'float';
  /** Bytes one channel's sample takes: 1–4 for integers, 4 or 8 for floats. */
  sampleBytes: number;
  littleEndian: boolean;
  channels: number;
  sampleRate: number;
}

/** Spool's codec string for a PCM format, after WebCodecs' (`pcm-s16`) with the byte order: `pcm-s16le`, `pcm-f32be`, `pcm-u8`. */
export function pcmCodec(format: PcmFormat): string {
  const order = format.sampleBytes === 1 ? '' : format.littleEndian ? 'le' : 'be';
  return `pcm-${format.encoding[0]!}${format.sampleBytes * 8}${order}`;
}

/** Bytes of one frame: a sample of every channel. */
export const frameBytes = (format: PcmFormat): number => format.channels * format.sampleBytes;

type SampleReader = (view: DataView, at: number) => number;

/** Reads one sample as a float in [−1, 1): integers over 2^(bits − 1), as WebCodecs converts them. */
function sampleReader({ encoding, sampleBytes, littleEndian: le }: PcmFormat): SampleReader {
  if (encoding === 'float') return sampleBytes === 8 ? (v, at) => v.getFloat64(at, le) : (v, at) => v.getFloat32(at, le);
  if (encoding === 'unsigned') return (v, at) => (v.getUint8(at) - 128) / 128;
  switch (sampleBytes) {
    case 1:
      return (v, at) => v.getInt8(at) / 128;
    case 2:
      return (v, at) => v.getInt16(at, le) / 32768;
    case 3:
      return le
        ? (v, at) => (((v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getUint8(at + 2) << 16)) << 8) >> 8) / 8388608
        : (v, at) => (((v.getUint8(at + 2) | (v.getUint8(at + 1) << 8) | (v.getUint8(at) << 16)) << 8) >> 8) / 8388608;
    default:
      return (v, at) => v.getInt32(at, le) / 2147483648;
  }
}

/**
 * Whole frames of interleaved PCM bytes as one channel-major float array
 * (channel c's samples at [c × frames, (c + 1) × frames)): AudioData's
 * 'f32-planar' layout. A partial frame at the end is left out.
 */
export function pcmToPlanar(bytes: Uint8Array, format: PcmFormat): { planes: Float32Array<ArrayBuffer>; frames: number } {
  const { channels, sampleBytes } = format;
  const frames = Math.floor(bytes.byteLength / frameBytes(format));
  const planes = new Float32Array(frames * channels);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(format);
  let at = 0;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++, at += sampleBytes) planes[c * frames + f] = read(view, at);
  }
  return { planes, frames };
}

/** PCM bytes as AudioData starting at `timestampUs` (the consumer closes it): WebCodecs has no decoder for every PCM layout. */
export function pcmAudioData(bytes: Uint8Array, format: PcmFormat, timestampUs: number): AudioData {
  const { planes, frames } = pcmToPlanar(bytes, format);
  return new AudioData({
    format: 'f32-planar',
    sampleRate: format.sampleRate,
    numberOfFrames: frames,
    numberOfChannels: format.channels,
    timestamp: timestampUs,
    data: planes,
  });
}

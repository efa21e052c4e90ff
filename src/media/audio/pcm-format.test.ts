import { describe, expect, it } from 'vitest';
import { pcmCodec, pcmToPlanar, type PcmFormat } from './pcm-format.ts';

const format = (encoding: PcmFormat['encoding'], sampleBytes: number, littleEndian: boolean, channels = 1): PcmFormat => ({
  encoding,
  sampleBytes,
  littleEndian,
  channels,
  sampleRate: 48_000,
});

/** Bytes written through a DataView, as a file holds them. */
function bytesOf(sampleBytes: number, values: number[], write: (view: DataView, at: number, value: number) => void): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * sampleBytes));
  values.forEach((value, i) => write(view, i * sampleBytes, value));
  return new Uint8Array(view.buffer);
}

const planar = (bytes: Uint8Array, f: PcmFormat) => Array.from(pcmToPlanar(bytes, f).planes);

describe('pcmToPlanar', () => {
  it('reads 16-bit samples in either byte order, full scale to [−1, 1)', () => {
    const values = [0, 1, -1, 16384, 32767, -32768];
    const expected = values.map((v) => v / 32768);
    expect(planar(bytesOf(2, values, (v, at, x) => v.setInt16(at, x, true)), format('signed', 2, true))).toEqual(expected);
    expect(planar(bytesOf(2, values, (v, at, x) => v.setInt16(at, x, false)), format('signed', 2, false))).toEqual(expected);
    // The same bytes read in the other order are other numbers: 0x0100 is 256, not 1.
    expect(planar(Uint8Array.of(1, 0), format('signed', 2, false))).toEqual([256 / 32768]);
  });

  it('reads 24-bit samples with their sign, in either byte order', () => {
    expect(planar(Uint8Array.of(0x00, 0x00, 0x40), format('signed', 3, true))).toEqual([0.5]);
    expect(planar(Uint8Array.of(0x40, 0x00, 0x00), format('signed', 3, false))).toEqual([0.5]);
    expect(planar(Uint8Array.of(0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00), format('signed', 3, true))).toEqual([-1, -1 / 8388608, 1 / 8388608]);
    expect(planar(Uint8Array.of(0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff), format('signed', 3, false))).toEqual([-1, -1 / 8388608, 8388607 / 8388608]);
  });

  it('reads 32-bit integers, 8-bit signed and offset-binary unsigned samples', () => {
    expect(planar(bytesOf(4, [-2147483648, 1073741824], (v, at, x) => v.setInt32(at, x, false)), format('signed', 4, false))).toEqual([-1, 0.5]);
    expect(planar(bytesOf(4, [1073741824], (v, at, x) => v.setInt32(at, x, true)), format('signed', 4, true))).toEqual([0.5]);
    expect(planar(Uint8Array.of(0x80, 0x40, 0xc0), format('signed', 1, true))).toEqual([-1, 0.5, -0.5]);
    expect(planar(Uint8Array.of(0, 128, 192, 255), format('unsigned', 1, true))).toEqual([-1, 0, 0.5, 127 / 128]);
  });

  it('reads 32- and 64-bit floats in either byte order', () => {
    const values = [0.25, -0.75, 1];
    expect(planar(bytesOf(4, values, (v, at, x) => v.setFloat32(at, x, true)), format('float', 4, true))).toEqual(values);
    expect(planar(bytesOf(4, values, (v, at, x) => v.setFloat32(at, x, false)), format('float', 4, false))).toEqual(values);
    expect(planar(bytesOf(8, [0.1, -0.3], (v, at, x) => v.setFloat64(at, x, false)), format('float', 8, false))).toEqual([Math.fround(0.1), Math.fround(-0.3)]);
    expect(planar(bytesOf(8, [0.1], (v, at, x) => v.setFloat64(at, x, true)), format('float', 8, true))).toEqual([Math.fround(0.1)]);
  });

  it('splits interleaved frames into one plane per channel, leaving out a partial last frame', () => {
    // Three frames of three channels (L R C), then half a frame.
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const bytes = bytesOf(2, values, (v, at, x) => v.setInt16(at, x * 1024, true));
    const { planes, frames } = pcmToPlanar(bytes.subarray(0, 10 * 2 - 1), format('signed', 2, true, 3));
    expect(frames).toBe(3);
    expect(Array.from(planes, (x) => x * 32)).toEqual([1, 4, 7, 2, 5, 8, 3, 6, 9]);
  });

  it('reads from a view into a larger buffer (a sample inside a read of many)', () => {
    const buffer = Uint8Array.of(0xaa, 0xbb, 0x00, 0x40, 0xcc);
    expect(planar(buffer.subarray(2, 4), format('signed', 2, true))).toEqual([0.5]);
  });
});

describe('pcmCodec', () => {
  it('names the layout after WebCodecs, with the byte order', () => {
    expect(pcmCodec(format('signed', 2, true))).toBe('pcm-s16le');
    expect(pcmCodec(format('signed', 3, false))).toBe('pcm-s24be');
    expect(pcmCodec(format('float', 8, false))).toBe('pcm-f64be');
    expect(pcmCodec(format('unsigned', 1, false))).toBe('pcm-u8');
    expect(pcmCodec(format('signed', 1, true))).toBe('pcm-s8');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readSoundEntry } from './mp4-sound-entry.ts';

const hex = (text: string) => Uint8Array.from(text.replace(/\s/g, '').match(/../g)!, (byte) => parseInt(byte, 16));

/** The body of a fixture's first sample entry of `fourcc` (after its size, type, reserved bytes and data reference index). */
function fixtureEntry(file: string, fourcc: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${file}`, import.meta.url)));
  const type = [...fourcc].map((c) => c.charCodeAt(0));
  const at = bytes.findIndex((_, i) => type.every((b, k) => bytes[i + k] === b));
  const size = new DataView(bytes.buffer).getUint32(at - 4);
  return bytes.subarray(at + 12, at - 4 + size);
}

/** Entry bodies as FFmpeg 5.1 writes them into a MOV (48 kHz stereo), for layouts without a committed fixture. */
const FFMPEG = {
  fl32le: hex('00010000 00000000 00020010 00000000 bb800000 00000001 00000004 00000008 00000002 00000026 77617665 0000000c 66726d61 666c3332 0000000a 656e6461 00010000 00080000 00000000 00186368 616e0000 00000065 00020000 00000000 0000'),
  fl32be: hex('00010000 00000000 00020010 00000000 bb800000 00000001 00000004 00000008 00000002 00000026 77617665 0000000c 66726d61 666c3332 0000000a 656e6461 00000000 00080000 00000000 00186368 616e0000 00000065 00020000 00000000 0000'),
  fl64be: hex('00010000 00000000 00020010 00000000 bb800000 00000001 00000008 00000010 00000002 00000026 77617665 0000000c 66726d61 666c3634 0000000a 656e6461 00000000 00080000 00000000 00186368 616e0000 00000065 00020000 00000000 0000'),
  in32le: hex('00010000 00000000 00020010 00000000 bb800000 00000001 00000004 00000008 00000002 00000026 77617665 0000000c 66726d61 696e3332 0000000a 656e6461 00010000 00080000 00000000 00186368 616e0000 00000065 00020000 00000000 0000'),
  s8: hex('00000000 00000000 00020008 00000000 bb800000 00000018 6368616e 00000000 00650002 00000000 00000000'),
  u8: hex('00000000 00000000 00020008 00000000 bb800000 00000018 6368616e 00000000 00650002 00000000 00000000'),
  /** pcm_s24le at 96 kHz: 'lpcm', flags signed | packed. */
  lpcm24le: hex('00020000 00000000 00030010 fffe0000 00010000 00000048 40f77000 00000000 00000002 7f000000 00000018 0000000c 00000006 00000001 00000018 6368616e 00000000 00650002 00000000 00000000'),
};

/** A version 2 'lpcm' description of `channels` channels at 48 kHz with these flags and sizes. */
function lpcm(flags: number, bits: number, bytesPerFrame: number, channels = 2): Uint8Array {
  const body = new DataView(new ArrayBuffer(56));
  body.setUint16(0, 2);
  body.setUint32(20, 72);
  body.setFloat64(24, 48_000);
  body.setUint32(32, channels);
  body.setUint32(40, bits);
  body.setUint32(44, flags);
  body.setUint32(48, bytesPerFrame);
  body.setUint32(52, 1);
  return new Uint8Array(body.buffer);
}

/** An ISO 'ipcm'/'fpcm' body (AudioSampleEntry, then pcmC and optionally srat). */
function isoPcm(channels: number, rate: number, formatFlags: number, bits: number, srat?: number): Uint8Array {
  const fields = new DataView(new ArrayBuffer(20));
  fields.setUint16(8, channels);
  fields.setUint16(10, bits);
  fields.setUint32(16, rate > 65535 ? 0x10000 : rate * 65536);
  const pcmC = hex(`0000000e 70636d43 00000000 ${formatFlags.toString(16).padStart(2, '0')}${bits.toString(16).padStart(2, '0')}`);
  const sratBox = srat ? hex(`00000010 73726174 00000000 ${srat.toString(16).padStart(8, '0')}`) : new Uint8Array(0);
  return new Uint8Array([...new Uint8Array(fields.buffer), ...pcmC, ...sratBox]);
}

describe('readSoundEntry', () => {
  it("reads the committed fixtures' PCM: 'sowt', 'twos', 'in24' with 'enda', 'lpcm'", () => {
    expect(readSoundEntry('sowt', fixtureEntry('sound-pcm.mov', 'sowt'), 22050)).toEqual({
      sampleRate: 22050,
      channels: 2,
      pcm: { encoding: 'signed', sampleBytes: 2, littleEndian: true, channels: 2, sampleRate: 22050 },
    });
    expect(readSoundEntry('twos', fixtureEntry('pcm-twos.mov', 'twos'), 8000).pcm).toEqual({ encoding: 'signed', sampleBytes: 2, littleEndian: false, channels: 1, sampleRate: 8000 });
    expect(readSoundEntry('in24', fixtureEntry('pcm-in24.mov', 'in24'), 8000).pcm).toEqual({ encoding: 'signed', sampleBytes: 3, littleEndian: true, channels: 1, sampleRate: 8000 });
    // flags 0x0e: big-endian | signed | packed.
    expect(readSoundEntry('lpcm', fixtureEntry('pcm-lpcm.mov', 'lpcm'), 96_000).pcm).toEqual({ encoding: 'signed', sampleBytes: 3, littleEndian: false, channels: 1, sampleRate: 96_000 });
  });

  it('reads the float and 32-bit layouts: big-endian unless an enda box says little', () => {
    const stereo48 = { channels: 2, sampleRate: 48_000 };
    expect(readSoundEntry('fl32', FFMPEG.fl32le, 48_000).pcm).toEqual({ encoding: 'float', sampleBytes: 4, littleEndian: true, ...stereo48 });
    expect(readSoundEntry('fl32', FFMPEG.fl32be, 48_000).pcm).toEqual({ encoding: 'float', sampleBytes: 4, littleEndian: false, ...stereo48 });
    expect(readSoundEntry('fl64', FFMPEG.fl64be, 48_000).pcm).toEqual({ encoding: 'float', sampleBytes: 8, littleEndian: false, ...stereo48 });
    expect(readSoundEntry('in32', FFMPEG.in32le, 48_000).pcm).toEqual({ encoding: 'signed', sampleBytes: 4, littleEndian: true, ...stereo48 });
    expect(readSoundEntry('lpcm', FFMPEG.lpcm24le, 96_000).pcm).toEqual({ encoding: 'signed', sampleBytes: 3, littleEndian: true, channels: 2, sampleRate: 96_000 });
  });

  it("reads 8-bit sound: signed 'sowt' (FFmpeg's pcm_s8) and offset-binary 'raw '", () => {
    expect(readSoundEntry('sowt', FFMPEG.s8, 48_000).pcm).toMatchObject({ encoding: 'signed', sampleBytes: 1 });
    expect(readSoundEntry('raw ', FFMPEG.u8, 48_000).pcm).toMatchObject({ encoding: 'unsigned', sampleBytes: 1 });
  });

  it("reads 'lpcm' flags: float, byte order, and fewer bits held high in a larger sample", () => {
    expect(readSoundEntry('lpcm', lpcm(1 | 8, 32, 8), 48_000).pcm).toMatchObject({ encoding: 'float', sampleBytes: 4, littleEndian: true });
    expect(readSoundEntry('lpcm', lpcm(1 | 2 | 8, 64, 16), 48_000).pcm).toMatchObject({ encoding: 'float', sampleBytes: 8, littleEndian: false });
    expect(readSoundEntry('lpcm', lpcm(4 | 16, 24, 8), 48_000).pcm).toMatchObject({ encoding: 'signed', sampleBytes: 4, littleEndian: true });
    expect(readSoundEntry('lpcm', lpcm(8, 8, 2), 48_000).pcm).toMatchObject({ encoding: 'unsigned', sampleBytes: 1 });
  });

  it('names the PCM it cannot read, with its rate and channels', () => {
    expect(readSoundEntry('lpcm', lpcm(4 | 8 | 32, 16, 2), 48_000)).toEqual({ sampleRate: 48_000, channels: 2, unsupported: 'non-interleaved PCM (each channel stored apart)' });
    expect(readSoundEntry('lpcm', lpcm(4, 24, 8), 48_000).unsupported).toBe('24-bit PCM in the low bits of 4-byte samples');
    expect(readSoundEntry('lpcm', lpcm(8, 16, 4), 48_000).unsupported).toBe('unsigned 16-bit PCM');
    expect(readSoundEntry('lpcm', lpcm(1 | 8, 16, 4), 48_000).unsupported).toBe('16-bit floating-point PCM');
    const twelveBit = FFMPEG.s8.slice();
    twelveBit[11] = 12;
    expect(readSoundEntry('twos', twelveBit, 48_000).unsupported).toBe('12-bit PCM');
    expect(readSoundEntry('lpcm', FFMPEG.s8, 48_000).unsupported).toBe("'lpcm' PCM with a version 0 description");
  });

  it('reads ISO ipcm/fpcm from their pcmC box, and a rate above 65535 Hz from srat', () => {
    expect(readSoundEntry('ipcm', isoPcm(2, 48_000, 1, 24), 48_000).pcm).toEqual({ encoding: 'signed', sampleBytes: 3, littleEndian: true, channels: 2, sampleRate: 48_000 });
    expect(readSoundEntry('ipcm', isoPcm(1, 192_000, 0, 16, 192_000), 192_000).pcm).toEqual({ encoding: 'signed', sampleBytes: 2, littleEndian: false, channels: 1, sampleRate: 192_000 });
    expect(readSoundEntry('fpcm', isoPcm(6, 44_100, 0, 64), 44_100).pcm).toEqual({ encoding: 'float', sampleBytes: 8, littleEndian: false, channels: 6, sampleRate: 44_100 });
    expect(readSoundEntry('fpcm', isoPcm(2, 48_000, 1, 16), 48_000).unsupported).toBe('16-bit floating-point PCM');
    expect(readSoundEntry('ipcm', isoPcm(2, 48_000, 1, 24).subarray(0, 20), 48_000).unsupported).toBe("'ipcm' PCM without its pcmC box");
  });

  it("names another format by its name, or its fourcc when it has none known, and falls back to the track's timescale for a missing rate", () => {
    const body = FFMPEG.s8.slice();
    body.fill(0, 16, 20); // no sample rate
    expect(readSoundEntry('ima4', body, 44_100)).toEqual({ sampleRate: 44_100, channels: 2, unsupported: "'ima4' audio" });
    expect(readSoundEntry('sowt', new Uint8Array(10), 48_000).unsupported).toBe("a damaged 'sowt' sound description");
    // One Spool knows the name of is called by it (ALAC read as "it is 'alac' audio").
    expect(readSoundEntry('alac', FFMPEG.s8.slice(), 44_100).unsupported).toBe('Apple Lossless audio');
  });
});

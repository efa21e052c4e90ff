import { soundFormatName } from './codec-names.ts';
import type { PcmFormat } from './audio/pcm-format.ts';

/**
 * A sound sample entry mp4box does not parse: QuickTime's uncompressed ones
 * (`twos`, `sowt`, `raw `, `in24`, `in32`, `fl32`, `fl64`, `lpcm`), ISO's
 * (`ipcm`, `fpcm`, ISO/IEC 23003-5) or any other format it does not know.
 */
export interface SoundEntry {
  sampleRate: number;
  channels: number;
  /** The layout, when the sound is PCM Spool reads. */
  pcm?: PcmFormat;
  /** What the sound is, when Spool cannot read it ("12-bit PCM"). */
  unsupported?: string;
}

/** QuickTime's formatSpecificFlags of a version 2 description (Core Audio's AudioFormatFlags). */
const FLAG_FLOAT = 1;
const FLAG_BIG_ENDIAN = 2;
const FLAG_SIGNED = 4;
const FLAG_ALIGNED_HIGH = 16;
const FLAG_NON_INTERLEAVED = 32;

/** QuickTime PCM fourccs whose sample size and encoding the fourcc fixes; byte order big-endian unless an `enda` box says otherwise. */
const FIXED: Record<string, Pick<PcmFormat, 'encoding' | 'sampleBytes'>> = {
  in24: { encoding: 'signed', sampleBytes: 3 },
  in32: { encoding: 'signed', sampleBytes: 4 },
  fl32: { encoding: 'float', sampleBytes: 4 },
  fl64: { encoding: 'float', sampleBytes: 8 },
};

const PCM_FOURCCS = new Set(['twos', 'sowt', 'raw ', 'lpcm', 'ipcm', 'fpcm', ...Object.keys(FIXED)]);

/** Whether a sample entry's fourcc is uncompressed sound (one MP4 sample per audio frame in a MOV). */
const isPcmFourcc = (fourcc: string): boolean => PCM_FOURCCS.has(fourcc);

/** The payload of the first box of `type` among the boxes in `bytes`, looking inside `wave` (where QuickTime keeps `enda`). */
function findBox(bytes: Uint8Array, type: string): DataView | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > bytes.length) return undefined;
    const name = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const payload = bytes.subarray(at + 8, at + size);
    if (name === type) return new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    if (name === 'wave') {
      const inner = findBox(payload, type);
      if (inner) return inner;
    }
    at += size;
  }
  return undefined;
}

/** Bytes of an integer sample of `bits` bits, or undefined when it is not a whole number of bytes Spool reads. */
const intBytes = (bits: number) => (bits % 8 === 0 && bits >= 8 && bits <= 32 ? bits / 8 : undefined);

/** The fields of a sound description that say how PCM is laid out. */
interface Description {
  version: number;
  channels: number;
  /** Bits per sample as stated (the sample may hold more). */
  bits: number;
  /** Version 2: formatSpecificFlags and bytes per frame. */
  flags: number;
  frameBytes: number;
  /** The boxes after the fixed fields. */
  boxes: Uint8Array;
}

type Layout = Omit<PcmFormat, 'channels' | 'sampleRate'>;

/**
 * Reads a sound sample entry from its bytes after the common 8-byte header
 * (mp4box keeps them as `data` for entries it does not know), per the
 * QuickTime File Format's sound descriptions (versions 0, 1 and 2) and
 * ISO/IEC 23003-5 (`pcmC`). `timescale` (the track's) stands in for a
 * missing sample rate.
 */
export function readSoundEntry(fourcc: string, body: Uint8Array, timescale: number): SoundEntry {
  const damaged = { sampleRate: 0, channels: 0, unsupported: `a damaged '${fourcc}' sound description` };
  if (body.length < 20) return damaged;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const iso = fourcc === 'ipcm' || fourcc === 'fpcm';
  // ISO's AudioSampleEntryV1 has no QuickTime fields after the first 20 bytes.
  const version = iso ? 0 : view.getUint16(0);
  let sampleRate = view.getUint32(16) / 65536;
  const d: Description = { version, channels: view.getUint16(8), bits: view.getUint16(10), flags: 0, frameBytes: 0, boxes: body.subarray(Math.min(version === 1 ? 36 : 20, body.length)) };
  if (version === 2) {
    if (body.length < 56) return damaged;
    sampleRate = view.getFloat64(24);
    d.channels = view.getUint32(32);
    d.bits = view.getUint32(40);
    d.flags = view.getUint32(44);
    const framesPerPacket = view.getUint32(52);
    d.frameBytes = framesPerPacket > 0 ? view.getUint32(48) / framesPerPacket : 0;
    // sizeOfStructOnly counts the 16 bytes of the entry's box and common header too.
    d.boxes = body.subarray(Math.min(Math.max(56, view.getUint32(20) - 16), body.length));
  }
  const srat = iso ? findBox(d.boxes, 'srat') : undefined;
  if (srat && srat.byteLength >= 8) sampleRate = srat.getUint32(4);
  if (!(sampleRate > 0)) sampleRate = timescale;
  const entry = { sampleRate, channels: d.channels };
  if (!isPcmFourcc(fourcc)) return { ...entry, unsupported: soundFormatName(fourcc) };
  const layout = pcmLayout(fourcc, d);
  return typeof layout === 'string' ? { ...entry, unsupported: layout } : { ...entry, pcm: { ...layout, ...entry } };
}

/** How a PCM fourcc's samples are stored, or what they are when Spool cannot read them. */
function pcmLayout(fourcc: string, { version, channels, bits, flags, frameBytes, boxes }: Description): Layout | string {
  switch (fourcc) {
    case 'twos':
    case 'sowt': {
      // FFmpeg writes 8-bit signed PCM as 'sowt', and reads 24- and 32-bit 'twos'/'sowt' too.
      const sampleBytes = version === 2 && channels > 0 ? frameBytes / channels : intBytes(bits);
      if (!sampleBytes || !Number.isInteger(sampleBytes) || sampleBytes > 4) return `${bits}-bit PCM`;
      return { encoding: 'signed', sampleBytes, littleEndian: fourcc === 'sowt' };
    }
    case 'raw ':
      // QuickTime's 'raw ' is offset-binary 8-bit; FFmpeg reads 16-bit 'raw ' as big-endian signed.
      if (bits === 8) return { encoding: 'unsigned', sampleBytes: 1, littleEndian: false };
      if (bits === 16) return { encoding: 'signed', sampleBytes: 2, littleEndian: false };
      return `${bits}-bit unsigned PCM`;
    case 'ipcm':
    case 'fpcm': {
      const pcmC = findBox(boxes, 'pcmC');
      if (!pcmC || pcmC.byteLength < 6) return `'${fourcc}' PCM without its pcmC box`;
      const size = pcmC.getUint8(5);
      const littleEndian = (pcmC.getUint8(4) & 1) === 1;
      if (fourcc === 'fpcm') return size === 32 || size === 64 ? { encoding: 'float', sampleBytes: size / 8, littleEndian } : `${size}-bit floating-point PCM`;
      const sampleBytes = intBytes(size);
      return sampleBytes ? { encoding: 'signed', sampleBytes, littleEndian } : `${size}-bit PCM`;
    }
    case 'lpcm':
      return lpcmLayout(version, channels, bits, flags, frameBytes);
    default: {
      const enda = findBox(boxes, 'enda');
      return { ...FIXED[fourcc]!, littleEndian: !!enda && enda.byteLength >= 2 && enda.getUint16(0) !== 0 };
    }
  }
}

/** QuickTime's `lpcm`: the layout is all in the version 2 description's flags and sizes. */
function lpcmLayout(version: number, channels: number, bits: number, flags: number, frameBytes: number): Layout | string {
  if (version !== 2) return `'lpcm' PCM with a version ${version} description`;
  if (flags & FLAG_NON_INTERLEAVED) return 'non-interleaved PCM (each channel stored apart)';
  const sampleBytes = channels > 0 ? frameBytes / channels : 0;
  const littleEndian = !(flags & FLAG_BIG_ENDIAN);
  if (flags & FLAG_FLOAT) return (bits === 32 || bits === 64) && sampleBytes === bits / 8 ? { encoding: 'float', sampleBytes, littleEndian } : `${bits}-bit floating-point PCM`;
  if (!Number.isInteger(sampleBytes) || sampleBytes < 1 || sampleBytes > 4 || bits < 1 || bits > sampleBytes * 8) return `${bits}-bit PCM in ${sampleBytes}-byte samples`;
  // Fewer bits than the sample holds read as the whole sample when they sit in its high bits (the rest zero).
  if (bits < sampleBytes * 8 && !(flags & FLAG_ALIGNED_HIGH)) return `${bits}-bit PCM in the low bits of ${sampleBytes}-byte samples`;
  const signed = (flags & FLAG_SIGNED) !== 0;
  if (!signed && sampleBytes > 1) return `unsigned ${bits}-bit PCM`;
  return { encoding: signed ? 'signed' : 'unsigned', sampleBytes, littleEndian };
}

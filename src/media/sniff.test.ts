import { describe, expect, it } from 'vitest';
import { describeKind, sniffBytes, type SniffedKind } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (ch) => ch.charCodeAt(0)) : p)));
const sniff = (head: Uint8Array) => sniffBytes(head, head.length);

describe('sniffBytes', () => {
  it('reports an empty file by its size, whatever the head says', () => {
    expect(sniffBytes(new Uint8Array(0), 0)).toBe('empty');
    expect(sniffBytes(bytes([0, 0, 0, 0x18], 'ftypmp42'), 0)).toBe('empty');
  });

  it('recognises ISO BMFF (MP4/MOV) by any common first box', () => {
    expect(sniff(bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2'))).toBe('isobmff');
    expect(sniff(bytes([0, 0, 0, 0x14], 'ftypqt  '))).toBe('isobmff');
    for (const box of ['moov', 'mdat', 'free', 'wide', 'skip']) expect(sniff(bytes([0, 0, 0, 8], box))).toBe('isobmff');
  });

  it('needs the box type at bytes 4..8, exactly', () => {
    expect(sniff(bytes('ftyp', [0, 0, 0, 0]))).toBe('unknown');
    expect(sniff(bytes([0, 0, 0, 8], 'FTYP'))).toBe('unknown');
    expect(sniff(bytes([0, 0, 0, 8], 'fty'))).toBe('unknown'); // 7 bytes: too short
  });

  it('recognises WebM/Matroska by the EBML magic', () => {
    expect(sniff(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]))).toBe('webm');
    expect(sniff(bytes([0x1a, 0x45, 0xdf]))).toBe('unknown');
  });

  it('recognises PNG, JPEG and GIF images', () => {
    expect(sniff(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toBe('jpeg');
    expect(sniff(bytes('GIF89a'))).toBe('gif');
    expect(sniff(bytes('GIF87a'))).toBe('gif');
    expect(sniff(bytes([0x88], 'PNG'))).toBe('unknown');
  });

  it('tells WebP from other RIFF files', () => {
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBe('riff');
    expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'AVI LIST'))).toBe('avi');
    expect(sniff(bytes('RIFF'))).toBe('riff');
    expect(sniff(bytes('RF64', [0xff, 0xff, 0xff, 0xff], 'WAVEds64'))).toBe('riff'); // a WAV with 64-bit sizes
  });

  it('recognises MPEG transport streams of either packet size', () => {
    const packets = (size: number, offset: number) => Uint8Array.from({ length: size * 3 }, (_, i) => (i % size === offset ? 0x47 : 0x11));
    expect(sniff(packets(188, 0))).toBe('mpegts'); // .ts
    expect(sniff(packets(192, 4))).toBe('mpegts'); // .m2ts and .mts: a 4-byte timecode before each packet
    expect(sniff(packets(188, 0).subarray(0, 100))).toBe('unknown'); // one sync byte is not enough to tell
  });

  it('recognises the video containers Spool cannot open, so their message can say what they are', () => {
    expect(sniff(bytes('FLV', [1, 5, 0, 0, 0, 9]))).toBe('flv');
    expect(sniff(bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]))).toBe('asf');
    expect(sniff(bytes([0, 0, 1, 0xba, 0x44]))).toBe('mpegps');
    expect(sniff(bytes('FORM', [0, 0, 0x10, 0], 'AIFFCOMM'))).toBe('aiff');
    expect(sniff(bytes('FORM', [0, 0, 0x10, 0], 'AIFCFVER'))).toBe('aiff'); // compressed or float AIFF
    expect(sniff(bytes('FORM', [0, 0, 0x10, 0], 'ILBMBMHD'))).toBe('unknown'); // an Amiga picture
  });

  it('recognises MP3 by ID3 tag or frame sync, Ogg and FLAC', () => {
    expect(sniff(bytes('ID3', [4, 0, 0]))).toBe('mp3');
    expect(sniff(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniff(bytes([0xff, 0xf3]))).toBe('mp3');
    expect(sniff(bytes([0xff, 0x1f]))).toBe('unknown'); // not a sync word
    expect(sniff(bytes('OggS', [0, 2]))).toBe('ogg');
    expect(sniff(bytes('fLaC', [0, 0, 0, 0x22]))).toBe('flac');
  });

  it('prefers JPEG over an MP3 frame sync for FF D8 FF', () => {
    expect(sniff(bytes([0xff, 0xd8, 0xff]))).toBe('jpeg');
  });

  it('calls text and random bytes unknown', () => {
    expect(sniff(bytes('<!DOCTYPE html><html>'))).toBe('unknown');
    expect(sniff(bytes('%PDF-1.7\n'))).toBe('unknown');
    expect(sniff(bytes('PK', [3, 4, 20, 0, 0, 0]))).toBe('unknown');
    // Deterministic pseudo-random heads, with the first and fifth bytes kept off every signature's leading byte.
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const leading = new Set([0x1a, 0x89, 0xff, ...Array.from('GRIOf', (ch) => ch.charCodeAt(0))]);
    for (let n = 0; n < 200; n++) {
      const head = Uint8Array.from({ length: 16 }, rand);
      while (leading.has(head[0]!)) head[0] = rand();
      head[4] = 0x00; // no box type
      expect(sniff(head)).toBe('unknown');
    }
  });

  it('copes with heads shorter than any signature', () => {
    for (const head of [bytes([0x00]), bytes([0x89]), bytes([0xff]), bytes([0x1a, 0x45]), bytes('R')]) expect(() => sniff(head)).not.toThrow();
    expect(sniff(bytes([0xff]))).toBe('unknown');
    expect(sniff(bytes([0x00]))).toBe('unknown');
  });

  it('uses the size argument only to detect an empty file', () => {
    expect(sniffBytes(bytes('OggS'), 1_000_000_000)).toBe('ogg');
    expect(sniffBytes(new Uint8Array(0), 1000)).toBe('unknown');
  });
});

describe('describeKind', () => {
  it('has a readable description for every kind', () => {
    const kinds: SniffedKind[] = ['empty', 'isobmff', 'webm', 'png', 'jpeg', 'gif', 'webp', 'riff', 'avi', 'mp3', 'ogg', 'flac', 'mpegts', 'mpegps', 'flv', 'asf', 'aiff', 'unknown'];
    const descriptions = kinds.map(describeKind);
    expect(new Set(descriptions).size).toBe(kinds.length);
    for (const d of descriptions) expect(d).toMatch(/^(a|an|not) /);
    expect(describeKind('png')).toBe('a PNG image');
    expect(describeKind('isobmff')).toBe('an MP4/MOV file');
    expect(describeKind('empty')).toBe('an empty file');
  });

  it('describes what sniffing finds', () => {
    expect(describeKind(sniff(bytes([0x89], 'PNG')))).toBe('a PNG image');
    expect(describeKind(sniff(bytes('hello world')))).toBe('not a media file Spool recognises');
  });
});

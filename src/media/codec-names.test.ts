import { describe, expect, it } from 'vitest';
import { codecName } from './codec-names.ts';

describe('codecName', () => {
  it('names full codec strings by their prefix', () => {
    expect(codecName('avc1.64001f')).toBe('H.264');
    expect(codecName('avc3.42E01E')).toBe('H.264');
    expect(codecName('hvc1.1.6.L93.B0')).toBe('HEVC (H.265)');
    expect(codecName('hev1.2.4.L120.90')).toBe('HEVC (H.265)');
    expect(codecName('av01.0.04M.08')).toBe('AV1');
    expect(codecName('vp09.00.10.08')).toBe('VP9');
    expect(codecName('vp8')).toBe('VP8');
    expect(codecName('vp08.00.41.08')).toBe('VP8');
    expect(codecName('mp4v.20.9')).toBe('MPEG-4 Part 2');
  });

  it('names audio codecs', () => {
    expect(codecName('mp4a.40.2')).toBe('AAC');
    expect(codecName('mp4a.40.5')).toBe('AAC');
    expect(codecName('mp4a.69')).toBe('MP3');
    expect(codecName('mp4a.6B')).toBe('mp4a.6B'); // case matters: only the lower-case object type is known
    expect(codecName('mp4a.6b')).toBe('MP3');
    expect(codecName('mp3')).toBe('MP3');
    expect(codecName('opus')).toBe('Opus');
    expect(codecName('Opus')).toBe('Opus');
    expect(codecName('flac')).toBe('FLAC');
    expect(codecName('fLaC')).toBe('FLAC');
    expect(codecName('ac-3')).toBe('Dolby Digital (AC-3)');
    expect(codecName('ec-3')).toBe('Dolby Digital Plus (E-AC-3)');
    expect(codecName('alac')).toBe('Apple Lossless');
  });

  it('names PCM by its layout, and a PCM sample entry Spool could not read as PCM', () => {
    expect(codecName('pcm-s16le')).toBe('16-bit PCM (little-endian)');
    expect(codecName('pcm-s24be')).toBe('24-bit PCM (big-endian)');
    expect(codecName('pcm-f64le')).toBe('64-bit float PCM (little-endian)');
    expect(codecName('pcm-u8')).toBe('8-bit unsigned PCM');
    expect(codecName('pcm-s8')).toBe('8-bit PCM');
    expect(codecName('lpcm')).toBe('PCM');
    expect(codecName('twos')).toBe('PCM');
  });

  it('names ProRes variants and the other editing codecs in MOV', () => {
    for (const fourcc of ['apco', 'apcs', 'apcn', 'apch', 'ap4h', 'ap4x']) expect(codecName(fourcc)).toBe('Apple ProRes');
    expect(codecName('AVdn')).toBe('Avid DNxHD');
    expect(codecName('dvc ')).toBe('DV');
    expect(codecName('mjpa')).toBe('Motion JPEG');
    expect(codecName('jpeg')).toBe('jpeg'); // a still's codec string, not Motion JPEG
  });

  it('returns unknown codec strings unchanged', () => {
    expect(codecName('')).toBe('');
    expect(codecName('theora')).toBe('theora');
    expect(codecName('mp4a.a5')).toBe('mp4a.a5');
    expect(codecName('AVC1.64001f')).toBe('AVC1.64001f');
    expect(codecName(' avc1')).toBe(' avc1');
  });

  it('matches prefixes only, not substrings', () => {
    expect(codecName('xavc1')).toBe('xavc1');
    expect(codecName('mp4a.4')).toBe('mp4a.4');
  });
});

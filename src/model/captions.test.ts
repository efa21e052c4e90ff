import { describe, expect, it } from 'vitest';
import { CaptionError, decodeText, isCaptionFileName, MAX_CAPTIONS, parseCaptions } from './captions.ts';

describe('parseCaptions', () => {
  it('reads SubRip: numbered blocks, comma millis, several lines, CRLF, a BOM and markup', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:04,500\r\nHello <i>there</i>\r\n{\\an8}second line\r\n\r\n2\r\n01:02:03,040 --> 01:02:05,000\r\nFish &amp; chips\r\n';
    expect(parseCaptions(srt)).toEqual([
      { startUs: 1_000_000, endUs: 4_500_000, text: 'Hello there\nsecond line' },
      { startUs: 3_723_040_000, endUs: 3_725_000_000, text: 'Fish & chips' },
    ]);
  });

  it('reads WebVTT: header, NOTE and STYLE blocks, identifiers, short times and cue settings', () => {
    const vtt = [
      'WEBVTT - a film',
      '',
      'NOTE made by hand',
      'with two lines',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'intro',
      '00:01.250 --> 00:03.000 align:start position:10%',
      '<v Ann>Hi, <c.loud>Bob</c></v>',
      '',
      '00:00:00.500 --> 00:00:01.000',
      'First',
    ].join('\n');
    expect(parseCaptions(vtt)).toEqual([
      { startUs: 500_000, endUs: 1_000_000, text: 'First' },
      { startUs: 1_250_000, endUs: 3_000_000, text: 'Hi, Bob' },
    ]);
  });

  it('skips a cue with no words, and names the line of one that ends before it starts', () => {
    expect(parseCaptions('1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nWords\n')).toEqual([{ startUs: 3_000_000, endUs: 4_000_000, text: 'Words' }]);
    expect(() => parseCaptions('1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:05,000 --> 00:00:04,000\nB\n')).toThrow(new CaptionError('line 6: the caption ends (00:00:04,000) before it starts'));
  });

  it('refuses text with no captions, and too many of them', () => {
    expect(() => parseCaptions('just some notes\nno times here')).toThrow(/no captions found/);
    expect(() => parseCaptions('')).toThrow(CaptionError);
    const many = Array.from({ length: MAX_CAPTIONS + 1 }, (_, i) => `00:00:${String(i % 60).padStart(2, '0')},000 --> 00:00:${String(i % 60).padStart(2, '0')},500\nx\n`).join('\n');
    expect(() => parseCaptions(many)).toThrow(`more than ${MAX_CAPTIONS} captions`);
  });

  it('knows caption files by name', () => {
    expect([isCaptionFileName('a.SRT'), isCaptionFileName('b.vtt'), isCaptionFileName('c.mp4'), isCaptionFileName('srt')]).toEqual([true, true, false, false]);
  });

  it('reads UTF-16 files by their byte-order mark (either order), and UTF-8 otherwise', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nÉté 日本\n';
    const utf16le = new Uint8Array([0xff, 0xfe, ...Array.from(srt).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const utf16be = new Uint8Array([0xfe, 0xff, ...Array.from(srt).flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    for (const bytes of [utf16le, utf16be, new TextEncoder().encode(srt)]) expect(parseCaptions(decodeText(bytes))[0]!.text).toBe('Été 日本');
  });
});

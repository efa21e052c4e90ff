import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mp3PrimingSamples } from './mp3-priming.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url)));

describe('mp3PrimingSamples', () => {
  it("reads the encoder's delay from the LAME extension (after an ID3 tag) and adds the decoder's", () => {
    // tone.mp3 was made by ffmpeg's libmp3lame: 576 samples of encoder delay.
    expect(mp3PrimingSamples(fixture('tone.mp3').subarray(0, 8192))).toBe(576 + 529);
  });

  it('is 0 for a file without a Xing/Info frame with a LAME extension, or no MP3 at all', () => {
    const head = fixture('tone.mp3').subarray(0, 8192).slice();
    const info = head.findIndex((_, i) => head[i] === 0x49 && head[i + 1] === 0x6e && head[i + 2] === 0x66 && head[i + 3] === 0x6f); // 'Info'
    head[info] = 0x58; // no longer 'Info'
    expect(mp3PrimingSamples(head)).toBe(0);
    expect(mp3PrimingSamples(new Uint8Array(100))).toBe(0);
    expect(mp3PrimingSamples(new Uint8Array(0))).toBe(0);
  });
});

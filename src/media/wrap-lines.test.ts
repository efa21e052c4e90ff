import { describe, expect, it } from 'vitest';
import { wrapLines } from './wrap-lines.ts';

/** One unit per character, like a monospaced font. */
const chars = (s: string) => s.length;

describe('wrapLines', () => {
  it('keeps a line that fits, and the author\'s line breaks', () => {
    expect(wrapLines('Hello world', 20, chars)).toEqual(['Hello world']);
    expect(wrapLines('One\nTwo', 20, chars)).toEqual(['One', 'Two']);
    expect(wrapLines('', 20, chars)).toEqual(['']);
  });

  it('breaks at spaces, filling each line as far as it goes', () => {
    expect(wrapLines('the quick brown fox jumps over the lazy dog', 15, chars)).toEqual(['the quick brown', 'fox jumps over', 'the lazy dog']);
    expect(wrapLines('the quick brown fox jumps over the lazy dog', 15, chars).every((l) => l.length <= 15)).toBe(true);
  });

  it('cuts a word wider than a line where it fills one, and goes on after it', () => {
    expect(wrapLines('see https://example.com/a/very/long/path ok', 10, chars)).toEqual(['see', 'https://ex', 'ample.com/', 'a/very/lon', 'g/path ok']);
  });

  it('does not split a surrogate pair', () => {
    const lines = wrapLines('😀😀😀', 3, chars);
    expect(lines.join('')).toBe('😀😀😀');
    for (const line of lines) expect(/[\ud800-\udbff]$/.test(line)).toBe(false);
  });

  it('always advances, even when nothing fits', () => {
    expect(wrapLines('abc', 0, chars)).toEqual(['a', 'b', 'c']);
  });
});

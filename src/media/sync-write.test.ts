import { describe, expect, it } from 'vitest';
import { writeFully } from './sync-write.ts';

describe('writeFully', () => {
  it('passes a whole write, and turns a cut-short one into QuotaExceededError, whatever count Chromium returns', () => {
    const answering = (count: number) => ({ write: () => count });
    expect(() => writeFully(answering(10), new Uint8Array(10), 0)).not.toThrow();
    for (const count of [4, 4294967288]) {
      expect(() => writeFully(answering(count), new Uint8Array(10), 0)).toThrow(expect.objectContaining({ name: 'QuotaExceededError' }));
    }
  });
});

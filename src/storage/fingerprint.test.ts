import { describe, expect, it } from 'vitest';
import { fingerprintBlob, samplePlan } from './fingerprint.ts';

function bytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('samplePlan', () => {
  it('hashes small files whole and large ones by head, tail and spaced blocks', () => {
    expect(samplePlan(0)).toEqual([]);
    expect(samplePlan(1000)).toEqual([[0, 1000]]);
    const plan = samplePlan(100_000_000);
    expect(plan[0]).toEqual([0, 65536]);
    expect(plan[plan.length - 1]).toEqual([100_000_000 - 65536, 100_000_000]);
    expect(plan).toHaveLength(50);
    for (let i = 1; i < plan.length; i++) expect(plan[i]![0]).toBeGreaterThanOrEqual(plan[i - 1]![1]);
  });
});

describe('fingerprintBlob', () => {
  it('is the same for the same bytes, whatever the name', async () => {
    const data = bytes(3_000_000);
    expect(await fingerprintBlob(new File([data], 'a.mp4'))).toBe(await fingerprintBlob(new File([data], 'renamed.mov')));
  });

  it('changes when one sampled byte changes, and when the size changes', async () => {
    const data = bytes(3_000_000);
    const original = await fingerprintBlob(new Blob([data]));
    const edited = data.slice();
    edited[10] = (edited[10]! + 1) & 255;
    expect(await fingerprintBlob(new Blob([edited]))).not.toBe(original);
    const small = bytes(5000);
    const smallEdited = small.slice();
    smallEdited[4321] = (smallEdited[4321]! + 1) & 255;
    expect(await fingerprintBlob(new Blob([small]))).not.toBe(await fingerprintBlob(new Blob([smallEdited])));
    expect(await fingerprintBlob(new Blob([data.subarray(1)]))).not.toBe(original);
  });

  it('names the size and is safe as a file name', async () => {
    expect(await fingerprintBlob(new Blob([bytes(255)]))).toMatch(/^fp-ff-[0-9a-f]{32}$/);
  });
});

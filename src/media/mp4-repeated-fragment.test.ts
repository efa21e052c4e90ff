import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutRepeatedFragmentHeaders } from './mp4-repeated-fragment.ts';

/** The top-level boxes' types and sizes. */
async function boxes(blob: Blob): Promise<string[]> {
  const view = new DataView(await blob.arrayBuffer());
  const found: string[] = [];
  for (let at = 0; at < view.byteLength; at += view.getUint32(at)) {
    found.push(`${String.fromCharCode(...new Uint8Array(view.buffer, at + 4, 4))}:${view.getUint32(at)}`);
  }
  return found;
}

describe('withoutRepeatedFragmentHeaders', () => {
  it('drops the first of the two alike headers WebKitGTK’s MediaRecorder writes for its last fragment', async () => {
    // Recorded (2.5 s, audio/mp4, start(1000)) in WebKitGTK 2.50 from its mock microphone.
    const recording = new Blob([readFileSync(new URL('../../e2e/fixtures/webkit-recording.m4a', import.meta.url))], { type: 'audio/mp4' });
    expect(await boxes(recording)).toEqual(['ftyp:32', 'ftyp:32', 'moov:753', 'moof:600', 'mdat:7963', 'moof:600', 'mdat:7963', 'moof:288', 'moof:288', 'mdat:3153']);
    const repaired = await withoutRepeatedFragmentHeaders(recording);
    expect(await boxes(repaired)).toEqual(['ftyp:32', 'ftyp:32', 'moov:753', 'moof:600', 'mdat:7963', 'moof:600', 'mdat:7963', 'moof:288', 'mdat:3153']);
    expect(repaired.size).toBe(recording.size - 288);
    expect(repaired.type).toBe('audio/mp4');
  });

  it('leaves a file without repeated headers as it is, the same Blob', async () => {
    const file = new Blob([readFileSync(new URL('../../e2e/fixtures/tone.m4a', import.meta.url))]);
    expect(await withoutRepeatedFragmentHeaders(file)).toBe(file);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { startEngine } from '../workers-api/engine-client.ts';
import { openMedia } from './open-media.ts';
import { fixtureFile } from '../test-support/fixtures.ts';

let running = startEngine();
afterAll(() => running.worker.terminate());

/** The barcode WebM with bytes 40–239 (its Segment's head: SeekHead, Info, Tracks) overwritten. */
async function damagedWebm(): Promise<File> {
  const bytes = new Uint8Array(await (await fixtureFile('webm')).arrayBuffer());
  for (let i = 40; i < 240; i++) bytes[i] = (i * 37) & 255;
  return new File([bytes], 'damaged.webm');
}

describe('a WebM damaged so that mediabunny scans to its end for the next element', () => {
  it('is answered (refused or opened), not left to freeze the worker (mediabunny 1.61 looped forever on the last 8 bytes)', async () => {
    const answer = running.engine.probe(await damagedWebm(), 'damaged.webm').then(
      (probe) => `opened: ${probe.tracks.length} tracks`,
      (error: Error) => error.message,
    );
    // The worker runs the open: a frozen one never answers, and is replaced so later tests are not stuck behind it.
    const hung = new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 20 s'), 20_000));
    const result = await Promise.race([answer, hung]);
    if (result === 'no answer in 20 s') {
      running.worker.terminate();
      running = startEngine();
    }
    expect(result).not.toBe('no answer in 20 s');
    expect(result).toMatch(/^(opened|"damaged\.webm" )/);
  });
});

describe("mediabunny's message for a damaged file", () => {
  it('becomes the end of one sentence of ours, without its request for a bug report or a doubled full stop', async () => {
    // An MPEG-TS whose packets from byte 1000 on lose their sync bytes.
    const bytes = new Uint8Array(await (await fixtureFile('barcodeTs')).arrayBuffer());
    for (let i = 1000; i < 1200; i++) bytes[i] = (i * 37) & 255;
    await expect(openMedia(new File([bytes], 'garbled.ts'), 'garbled.ts')).rejects.toMatchObject({
      name: 'CorruptMediaError',
      message: '"garbled.ts" is damaged or incomplete: invalid TS packet sync byte.',
    });
  });
});

describe('a WebM cut short before its first whole frame', () => {
  it('says so, as an MPEG-TS does, rather than calling it damaged with zero duration', async () => {
    const bytes = new Uint8Array(await (await fixtureFile('webm')).arrayBuffer());
    for (const end of [1000, 4000]) {
      await expect(openMedia(new File([bytes.subarray(0, end)], 'cut.webm'), 'cut.webm'), `cut at ${end}`).rejects.toMatchObject({
        name: 'CorruptMediaError',
        message: expect.stringMatching(/^"cut\.webm" is cut short before its first whole picture/),
      });
    }
    // A whole one is not.
    expect((await openMedia(new File([bytes], 'whole.webm'), 'whole.webm')).durationUs).toBeGreaterThan(0);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { EncodedPacketSink, Input } from 'mediabunny';
import { openMedia } from './open-media.ts';
import type { ContainerScan } from './container-scan.ts';
import type { MediaSource } from './media-source.ts';
import { probeSource } from './probe.ts';
import { keepScan, keptScan } from '../storage/scan-cache.ts';
import { fixtureFile, type FIXTURES } from '../test-support/fixtures.ts';

/** A fingerprint no other test uses: the browser's database is shared by every test file. */
const freshFingerprint = () => `fp-scan-test-${crypto.randomUUID()}`;

/**
 * Opens the file, counting its reads through: of every video packet (scanVideo) and of the duration (the whole file
 * where nothing indexes it). Decoding reads packets too, so only the open is counted.
 */
async function openCounting(file: File, name: string, fingerprint?: string): Promise<{ source: MediaSource; packetReads: number; durationReads: number }> {
  const packets = vi.spyOn(EncodedPacketSink.prototype, 'packets');
  const durations = vi.spyOn(Input.prototype, 'computeDuration');
  try {
    const source = await openMedia(file, name, fingerprint);
    return { source, packetReads: packets.mock.calls.length, durationReads: durations.mock.calls.length };
  } finally {
    packets.mockRestore();
    durations.mockRestore();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything an open tells the rest of Spool, and the first frame's and sound's times (where the file's origin shows). */
async function factsOf(source: MediaSource) {
  const firstFrameUs = source.video ? await firstOf(source.videoFrames(0, 0)) : undefined;
  const firstSoundUs = source.audio ? await firstOf(source.audioData(0, 100_000)) : undefined;
  return { probe: await probeSource(source), durationUs: source.durationUs, video: source.video, audio: source.audio, firstFrameUs, firstSoundUs };
}

async function firstOf(items: AsyncGenerator<VideoFrame | AudioData>): Promise<number | undefined> {
  for await (const item of items) {
    const timestamp = item.timestamp;
    item.close();
    await items.return(undefined);
    return timestamp;
  }
  return undefined;
}

const FILES: [keyof typeof FIXTURES, string][] = [
  ['barcodeTs', 'camcorder.ts'],
  ['lateStart', 'late-start.mkv'],
  ['webm', 'clip.webm'],
  ['mp3', 'tone.mp3'],
];

describe('a file read through once: what it found is kept by its fingerprint', () => {
  for (const [fixture, name] of FILES) {
    it(`${name}: the second open reads no packet and no duration, and gives the same facts`, async () => {
      const file = await fixtureFile(fixture, name);
      const fingerprint = freshFingerprint();
      const first = await openCounting(file, name, fingerprint);
      expect(first.durationReads).toBe(1);
      expect(first.packetReads).toBe(first.source.video ? 1 : 0);
      const second = await openCounting(file, name, fingerprint);
      expect([second.packetReads, second.durationReads]).toEqual([0, 0]);
      const facts = await factsOf(first.source);
      expect(await factsOf(second.source)).toEqual(facts);
      // And the same as a file opened with nothing kept.
      expect(await factsOf(await openMedia(file, name))).toEqual(facts);
    });
  }

  it('keeps keyframe times as a typed array, and the file’s origin', async () => {
    const fingerprint = freshFingerprint();
    const source = await openMedia(await fixtureFile('lateStart'), 'late-start.mkv', fingerprint);
    const kept = (await keptScan(fingerprint)) as ContainerScan;
    expect(kept.video?.keyframeTimesUs).toBeInstanceOf(Float64Array);
    expect(Array.from(kept.video!.keyframeTimesUs)).toEqual(source.video!.keyframeTimesUs);
    // The remux kept a clock that starts 1000 s in.
    expect(Math.round(kept.originUs / 1_000_000)).toBe(1000);
  });

  it('a kept scan that is damaged, of an older shape or of other tracks is read again, and replaced', async () => {
    const file = await fixtureFile('barcodeTs', 'camcorder.ts');
    const expected = await factsOf(await openMedia(file, 'camcorder.ts'));
    const good = (await keptScan(await scanned(file))) as ContainerScan;
    const broken: unknown[] = [
      'not a scan',
      { ...good, video: { ...good.video, keyframeTimesUs: Array.from(good.video!.keyframeTimesUs) } },
      { ...good, video: { ...good.video, trackId: 99 } },
      { ...good, audio: undefined },
      { ...good, durationUs: 'long' },
    ];
    for (const record of broken) {
      const fingerprint = freshFingerprint();
      await keepScan(fingerprint, record as ContainerScan);
      const fallback = await openCounting(file, 'camcorder.ts', fingerprint);
      expect(fallback.packetReads).toBe(1);
      expect(await factsOf(fallback.source)).toEqual(expected);
      expect((await openCounting(file, 'camcorder.ts', fingerprint)).packetReads).toBe(0);
    }
  });

  it('a database that cannot be read or written only costs the read', async () => {
    const file = await fixtureFile('lateStart', 'late-start.mkv');
    const expected = await factsOf(await openMedia(file, 'late-start.mkv'));
    const fingerprint = await scanned(file);
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(() => {
      throw new DOMException('The database is broken.', 'UnknownError');
    });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The disk is full.', 'QuotaExceededError');
    });
    for (const key of [fingerprint, freshFingerprint()]) {
      const opened = await openCounting(file, 'late-start.mkv', key);
      expect(opened.packetReads).toBe(1);
      expect(await factsOf(opened.source)).toEqual(expected);
    }
  });
});

/** A fresh fingerprint under which the file's scan is kept. */
async function scanned(file: File): Promise<string> {
  const fingerprint = freshFingerprint();
  await openMedia(file, file.name, fingerprint);
  expect(await keptScan(fingerprint)).toBeDefined();
  return fingerprint;
}

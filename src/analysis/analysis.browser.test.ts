import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisPool } from './analysis-pool.ts';
import { spanLoudnessLufs } from './loudness-range.ts';
import { fingerprintBlob } from '../storage/fingerprint.ts';
import { deleteAsset } from '../storage/library-db.ts';
import { keptScan } from '../storage/scan-cache.ts';
import { fixtureFile, FIXTURES } from '../test-support/fixtures.ts';
import { readBarcode } from '../test-support/export-check.ts';

const pool = createAnalysisPool();
afterAll(() => pool.dispose());

/** Analyses a fixture from scratch (its cache entries removed first). */
async function analyseFresh(name: keyof typeof FIXTURES) {
  const file = await fixtureFile(name);
  const fingerprint = await fingerprintBlob(file);
  await deleteAsset(fingerprint);
  return pool.analyze(fingerprint, file, file.name, () => undefined);
}

describe('analysis in workers, on inputs with known answers', () => {
  beforeAll(() => expect(pool.jobsStarted).toBe(0));

  it('finds 120 BPM in a 120 BPM click track, with beats on the clicks', async () => {
    const { tempo, waveform } = await analyseFresh('click120');
    expect(tempo).toBeDefined();
    expect(Math.abs(tempo!.bpm - 120)).toBeLessThanOrEqual(1);
    const beats = tempo!.beatsUs;
    expect(beats.length).toBeGreaterThan(15);
    for (const beat of beats) {
      const offset = beat % 500_000;
      expect(Math.min(offset, 500_000 - offset)).toBeLessThanOrEqual(30_000);
    }
    expect(waveform?.levels[0]?.max.length).toBeGreaterThan(1000);
  });

  it('measures a −23 LUFS tone at −23 ± 0.5, over the whole and over any span of it', async () => {
    const { loudnessLufs, loudnessBlocks } = await analyseFresh('tone23Lufs');
    expect(Math.abs(loudnessLufs! + 23)).toBeLessThanOrEqual(0.5);
    // 8 s: 77 blocks of 400 ms, one every 100 ms, from the sound's first sample.
    expect(loudnessBlocks!.originUs).toBe(0);
    expect(loudnessBlocks!.meanSquares.length).toBe(77);
    expect(spanLoudnessLufs(loudnessBlocks!, 0, 8_000_000)).toBeCloseTo(loudnessLufs!, 5);
    expect(Math.abs(spanLoudnessLufs(loudnessBlocks!, 2_500_000, 3_700_000)! + 23)).toBeLessThanOrEqual(0.5);
  });

  it("draws and measures a MOV's PCM sound: the waveform's loudest bin on its beep at 0.5 s", async () => {
    const { waveform, loudnessLufs } = await analyseFresh('soundPcm');
    const level = waveform!.levels[0]!;
    expect(waveform!.sampleRate).toBe(22_050);
    const loudest = level.max.indexOf(Math.max(...level.max));
    const timeUs = (loudest * level.samplesPerPeak * 1_000_000) / waveform!.sampleRate;
    expect(timeUs).toBeGreaterThanOrEqual(500_000 - (level.samplesPerPeak * 1_000_000) / 22_050);
    expect(timeUs).toBeLessThan(530_000);
    // Amplitude 0.5 on the louder (left) channel: 0.5 × 127.
    expect(Math.abs(level.max[loudest]! - 64)).toBeLessThanOrEqual(1);
    expect(loudnessLufs).toBeGreaterThan(-40);
    expect(loudnessLufs).toBeLessThan(-10);
  });

  it('leaves out sound the browser cannot decode (AC-3 here) and still finds the scene cuts (it failed as "damaged")', async () => {
    const canDecode = await AudioDecoder.isConfigSupported({ codec: 'ac-3', sampleRate: 48_000, numberOfChannels: 1 }).then((r) => r.supported === true);
    const analysis = await analyseFresh('soundAc3');
    expect(analysis.sceneCuts).toEqual([]);
    expect(analysis.waveform === undefined).toBe(!canDecode);
  });

  it('finds the hard cut at frame 45 and nothing else', async () => {
    const { sceneCuts } = await analyseFresh('cutAt45');
    expect(sceneCuts?.map((cut) => cut.frame)).toEqual([45]);
    expect(Math.abs(sceneCuts![0]!.timeUs - 1_500_000)).toBeLessThanOrEqual(1000);
  });

  it('makes small WebP thumbnails at keyframes', async () => {
    const { thumbnails } = await analyseFresh('barcode');
    expect(thumbnails).toHaveLength(5); // one per keyframe (GOP 2 s, 10 s)
    const bitmap = await createImageBitmap(thumbnails![0]!);
    expect([bitmap.width, bitmap.height]).toEqual([160, 90]);
    expect(thumbnails![0]!.type).toBe('image/webp');
    expect(thumbnails![0]!.size).toBeLessThan(20_000);
  });

  it("analyses a camcorder's MPEG-TS: a thumbnail per keyframe, the waveform's loudest bin on its beep at 0.25 s, no scene cut", async () => {
    const { thumbnails, waveform, sceneCuts } = await analyseFresh('barcodeTs');
    expect(thumbnails).toHaveLength(2); // keyframes at 0 and 0.5 s
    // Opened by its fingerprint: what reading it through found is kept, and the next open skips that read.
    expect(await keptScan(await fingerprintBlob(await fixtureFile('barcodeTs')))).toBeDefined();
    expect(sceneCuts).toEqual([]);
    const level = waveform!.levels[0]!;
    const loudest = level.max.indexOf(Math.max(...level.max));
    const binUs = (level.samplesPerPeak * 1_000_000) / waveform!.sampleRate;
    expect(Math.abs(loudest * binUs - 250_000)).toBeLessThanOrEqual(binUs + 2_000);
  });

  it("analyses a WebM whose sound starts before its picture as it plays: thumbnails of frames 0 and 15, the waveform's beep where the sound's is", async () => {
    const { thumbnails, waveform } = await analyseFresh('recorderWebm');
    const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
    const shown: number[] = [];
    for (const thumbnail of thumbnails!) {
      const bitmap = await createImageBitmap(thumbnail);
      const frame = new VideoFrame(bitmap, { timestamp: 0 });
      bitmap.close();
      shown.push(readBarcode(frame, scratch));
      frame.close();
    }
    expect(shown).toEqual([0, 15]); // its keyframes
    // The beep is 0.25 s into the picture less the 7 ms FFmpeg starts the picture after the Opus packets (see
    // matroska-export.browser.test.ts): the 0.107 s of sound before the picture are left out, as in preview and export.
    const level = waveform!.levels[0]!;
    const binUs = (level.samplesPerPeak * 1_000_000) / waveform!.sampleRate;
    const firstLoud = level.max.findIndex((peak) => peak > 25);
    expect(Math.abs(firstLoud * binUs - 243_000)).toBeLessThanOrEqual(binUs);
  });

  it('says it is done only once the results are in: no update at full progress lacks the waveform', async () => {
    const file = await fixtureFile('tone23Lufs');
    const fingerprint = await fingerprintBlob(file);
    await deleteAsset(fingerprint);
    const updates: { progress: number; hasWaveform: boolean }[] = [];
    await pool.analyze(fingerprint, file, file.name, (analysis, progress) => updates.push({ progress, hasWaveform: analysis.waveform !== undefined }));
    expect(updates.filter((u) => u.progress >= 1)).toEqual([{ progress: 1, hasWaveform: true }]);
  });

  it('never analyses the same bytes twice: renamed re-import reads the cache, no worker job runs', async () => {
    const first = await analyseFresh('tone23Lufs');
    const jobsBefore = pool.jobsStarted;
    const renamed = new File([await fixtureFile('tone23Lufs')], 'renamed copy.m4a');
    const again = await pool.analyze(await fingerprintBlob(renamed), renamed, renamed.name, () => undefined);
    expect(pool.jobsStarted).toBe(jobsBefore);
    expect(again.loudnessLufs).toBe(first.loudnessLufs);
    expect(again.waveform?.levels[0]?.max).toEqual(first.waveform?.levels[0]?.max);
  });
});

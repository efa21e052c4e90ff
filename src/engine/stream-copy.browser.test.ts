import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { exportedFile } from '../media/output-file.ts';
import { Mp4Source } from '../media/mp4-source.ts';
import { emptyProject, newClip, type Clip, type Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

const PLAIN: AssetId = 'asset:plain';
const BFRAMES: AssetId = 'asset:bframes';
let plainFile: File;

beforeAll(async () => {
  plainFile = await fixtureFile('noBFrames');
  await engine.addAsset(PLAIN, plainFile, 'plain.mp4');
  await engine.addAsset(BFRAMES, await fixtureFile('barcode'), 'barcode.mp4');
});

/** Clips back to back on Video 1, each [inUs, outUs) of `assetId`, at the sources' 640×360 30 fps. */
function project(cuts: [number, number][], assetId: AssetId = PLAIN, extra: Partial<Clip> = {}): Project {
  let startUs = 0;
  const clips = cuts.map(([inUs, outUs], i) => {
    const clip = { ...newClip({ id: `clip:${i}`, assetId, trackId: 'track:v1', startUs, inUs, outUs }), ...extra };
    startUs += outUs - inUs;
    return clip;
  });
  return {
    ...emptyProject(),
    output: { width: 640, height: 360, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [
      { id: PLAIN, name: 'plain.mp4', durationUs: 8_000_000, hasVideo: true, hasAudio: true },
      { id: BFRAMES, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true },
    ],
    clips,
  };
}

/** Every video sample's bytes, in decode order. */
async function sampleBytes(file: Blob, from = 0, to?: number): Promise<Uint8Array[]> {
  const source = await Mp4Source.open(file, 'x.mp4');
  const out: Uint8Array[] = [];
  for await (const { data } of source.read(source.video!, from, to ?? source.video!.samples.length)) out.push(data.slice());
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('stream copy (lossless: encoded samples copied, never decoded)', () => {
  it('joins two keyframe-aligned cuts by copying: the same bytes as the source, the right frames, continuous time, sound re-mixed', async () => {
    const result = await engine.exportProject(project([[1_000_000, 3_000_000], [5_000_000, 6_000_000]]), 'copy-join');
    expect(result.stats).toMatchObject({ path: 'copy', frames: 90, directFrames: 0, container: 'mp4' });
    expect(result.stats.copyRefused).toBeUndefined();
    const file = await exportedFile(result.output);
    const copied = await sampleBytes(file);
    const expected = [...(await sampleBytes(plainFile, 30, 90)), ...(await sampleBytes(plainFile, 150, 180))];
    expect(copied.length).toBe(90);
    copied.forEach((bytes, i) => expect(bytes, `sample ${i}`).toEqual(expected[i]));
    const out = await inspectExport(file);
    expect(out.frameIndices).toEqual([...range(30, 90), ...range(150, 180)]);
    expect(out.frameTimestampsUs).toEqual(range(0, 90).map((i) => Math.round((i * 1_000_000) / 30)));
    // The beeps at 1.25 and 2.25 s of the source, then 5.25 s (at 2.25 s on the timeline).
    expect(out.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([25, 125, 225]);
  });

  it('re-encodes, and says why, when a cut is off a keyframe, the source has B-frames, or a clip has picture settings', async () => {
    const offKey = await engine.exportProject(project([[1_500_000, 2_000_000]]), 'copy-offkey');
    expect(offKey.stats.path).toBe('reencode');
    expect(offKey.stats.copyRefused).toBe('the cut at 0:00.000 is not on a keyframe of "plain.mp4"');
    expect((await inspectExport(await exportedFile(offKey.output))).frameIndices).toEqual(range(45, 60));
    const bframes = await engine.exportProject(project([[0, 1_000_000]], BFRAMES), 'copy-bframes');
    expect(bframes.stats).toMatchObject({ path: 'reencode', copyRefused: '"barcode.mp4" reorders frames (B-frames)' });
    const pictured = await engine.exportProject(project([[0, 1_000_000]], PLAIN, { picture: { brightness: 0.1 } }), 'copy-picture');
    expect(pictured.stats).toMatchObject({ path: 'reencode', copyRefused: '"plain.mp4" has picture or speed settings' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport, readBarcode } from '../test-support/export-check.ts';
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

/** What a <video> element (Chromium's own demuxer and decoder) shows at `times`, and its duration. */
async function playerBarcodes(file: Blob, times: number[]): Promise<{ duration: number; barcodes: number[] }> {
  const video = Object.assign(document.createElement('video'), { muted: true, src: URL.createObjectURL(file) });
  document.body.append(video);
  const scratch = new OffscreenCanvas(640, 360).getContext('2d', { willReadFrequently: true })!;
  const still = new OffscreenCanvas(640, 360);
  const event = (name: string) =>
    new Promise((resolve, reject) => {
      video.addEventListener(name, resolve, { once: true });
      video.addEventListener('error', () => reject(new Error(`the <video> cannot play the export: ${video.error?.message}`)), { once: true });
    });
  try {
    await event('loadeddata');
    const barcodes: number[] = [];
    for (const time of times) {
      video.currentTime = time;
      await event('seeked');
      still.getContext('2d')!.drawImage(video, 0, 0, 640, 360);
      const shown = new VideoFrame(still, { timestamp: 0 });
      barcodes.push(readBarcode(shown, scratch));
      shown.close();
    }
    return { duration: Math.round(video.duration * 100) / 100, barcodes };
  } finally {
    video.remove();
    URL.revokeObjectURL(video.src);
  }
}

/** The export's video samples are the source's samples [from, to) of each range, in order, byte for byte. */
async function expectCopied(exported: Blob, source: Blob, ranges: [number, number][]): Promise<void> {
  const copied = await sampleBytes(exported);
  const expected = (await Promise.all(ranges.map(([from, to]) => sampleBytes(source, from, to)))).flat();
  expect(copied.length).toBe(ranges.reduce((n, [from, to]) => n + to - from, 0));
  copied.forEach((bytes, i) => expect(bytes, `sample ${i}`).toEqual(expected[i]));
}

/** Beeps where expected (ms): copied sound joins on whole AAC packets, so within half of one (10.7 ms). */
function expectBeepsNear(onsetsUs: number[], expectedMs: number[]): void {
  expect(onsetsUs.length).toBe(expectedMs.length);
  onsetsUs.forEach((us, i) => expect(Math.abs(us / 1000 - expectedMs[i]!), `beep ${i} at ${us} µs`).toBeLessThanOrEqual(10.7));
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('stream copy (lossless: encoded samples copied, never decoded)', () => {
  it('joins two keyframe-aligned cuts by copying: the same bytes as the source, the right frames, continuous time, sound copied too', async () => {
    const result = await engine.exportProject(project([[1_000_000, 3_000_000], [5_000_000, 6_000_000]]), 'copy-join');
    expect(result.stats).toMatchObject({ path: 'copy', frames: 90, directFrames: 0, container: 'mp4', soundPath: 'copy' });
    expect(result.stats.copyRefused).toBeUndefined();
    const file = await exportedFile(result.output);
    await expectCopied(file, plainFile, [[30, 90], [150, 180]]);
    const out = await inspectExport(file);
    expect(out.frameIndices).toEqual([...range(30, 90), ...range(150, 180)]);
    expect(out.frameTimestampsUs).toEqual(range(0, 90).map((i) => Math.round((i * 1_000_000) / 30)));
    // The beeps at 1.25 and 2.25 s of the source, then 5.25 s (at 2.25 s on the timeline).
    expectBeepsNear(out.beepOnsetsUs, [250, 1250, 2250]);
  });

  it('ends a clip on any frame where no frame is reordered (and only on a keyframe where B-frames are), and a transition between clips that no longer meet does not stop the copy', async () => {
    const edit = project([[1_000_000, 2_500_000], [5_000_000, 5_600_000]]);
    // A crossfade left over from when the clips met: it draws nothing now.
    edit.transitions = [{ id: 'transition:1', kind: 'crossfade', fromClipId: 'clip:0', toClipId: 'clip:1', durationUs: 400_000 }];
    edit.clips[1]!.startUs += 1_000_000;
    edit.clips.splice(1, 0, newClip({ id: 'clip:gap', assetId: PLAIN, trackId: 'track:v1', startUs: 1_500_000, inUs: 0, outUs: 1_000_000 }));
    const result = await engine.exportProject(edit, 'copy-any-end');
    expect(result.stats).toMatchObject({ path: 'copy', frames: 93 });
    const file = await exportedFile(result.output);
    await expectCopied(file, plainFile, [[30, 75], [0, 30], [150, 168]]);
    expect((await inspectExport(file)).frameIndices).toEqual([...range(30, 75), ...range(0, 30), ...range(150, 168)]);
    const bframes = await engine.exportProject(project([[2_000_000, 3_500_000]], BFRAMES), 'copy-bframes-end');
    expect(bframes.stats).toMatchObject({ path: 'reencode', copyRefused: 'the cut at 0:01.500 is not on a keyframe of "barcode.mp4"' });
  });

  it('copies B-frames: composition offsets kept, and an edit list so the file starts at its first frame (in the demuxer and in a <video>)', async () => {
    const barcode = await fixtureFile('barcode');
    // Keyframes every 2 s; the source decodes two frames ahead of what it shows.
    const result = await engine.exportProject(project([[2_000_000, 4_000_000], [6_000_000, 8_000_000]], BFRAMES), 'copy-bframes');
    expect(result.stats).toMatchObject({ path: 'copy', frames: 120 });
    const file = await exportedFile(result.output);
    await expectCopied(file, barcode, [[60, 120], [180, 240]]);
    const out = await inspectExport(file);
    expect(out.frameIndices).toEqual([...range(60, 120), ...range(180, 240)]);
    expect(out.frameTimestampsUs).toEqual(range(0, 120).map((i) => Math.round((i * 1_000_000) / 30)));
    expectBeepsNear(out.beepOnsetsUs, [250, 1250, 2250, 3250]);

    // Chromium's own player (its demuxer, not ours) starts on frame 60, reaches 180 at 2 s, and lasts 4 s.
    // Without the edit every frame would show 67 ms late: 88 at 1 s, 178 at 2.01 s.
    const played = await playerBarcodes(file, [0, 1, 2.01, 3.99]);
    expect(played.barcodes).toEqual([60, 90, 180, 239]);
    expect(Math.abs(played.duration - 4)).toBeLessThan(0.05); // the sound's last packet may run a little past
  });

  it('re-encodes, and says why, when a cut is off a keyframe, B-frames would not join, or a clip has picture settings', async () => {
    const offKey = await engine.exportProject(project([[1_500_000, 2_000_000]]), 'copy-offkey');
    expect(offKey.stats.path).toBe('reencode');
    expect(offKey.stats.copyRefused).toBe('the cut at 0:00.000 is not on a keyframe of "plain.mp4"');
    expect((await inspectExport(await exportedFile(offKey.output))).frameIndices).toEqual(range(45, 60));
    const mixed = project([[0, 2_000_000]]);
    mixed.clips.push({ ...project([[2_000_000, 4_000_000]], BFRAMES).clips[0]!, id: 'clip:b', startUs: 2_000_000 });
    const joined = await engine.exportProject(mixed, 'copy-mixed');
    expect(joined.stats).toMatchObject({ path: 'reencode', copyRefused: 'the clips were encoded with different settings' });
    const overlapping = project([[0, 2_000_000], [3_000_000, 4_000_000]]);
    overlapping.clips[1]!.startUs = 1_500_000;
    overlapping.clips[1]!.trackId = 'track:v1';
    expect((await engine.exportPaths(overlapping)).video).toEqual({ path: 'reencode', reason: 'clips overlap at 0:01.500', snappable: false });
    // Only a cut off a keyframe (or inside a frame) is something snapping cuts to keyframes can mend.
    expect((await engine.exportPaths(project([[1_500_000, 2_000_000]]))).video).toEqual({ path: 'reencode', reason: 'the cut at 0:00.000 is not on a keyframe of "plain.mp4"', snappable: true });
    expect((await engine.exportPaths(project([[1_000_000, 2_010_000]]))).video).toEqual({ path: 'reencode', reason: 'the cut at 0:01.010 is not on a frame of "plain.mp4"', snappable: true });
    // Sound on past the last clip: the background shows under it, frames to draw.
    const trailing = project([[0, 1_000_000]]);
    trailing.clips.push(newClip({ id: 'clip:music', assetId: PLAIN, trackId: 'track:a1', startUs: 0, inUs: 0, outUs: 1_500_000 }));
    expect((await engine.exportPaths(trailing)).video).toEqual({ path: 'reencode', reason: 'the sound runs on past the picture at 0:01.000, where the background shows', snappable: false });
    // A few tens of milliseconds (a phone's sound is a packet or two longer than its picture) is within the hold: the last frame stays on, copied or not.
    const justPast = project([[0, 1_000_000]]);
    justPast.clips.push(newClip({ id: 'clip:music', assetId: PLAIN, trackId: 'track:a1', startUs: 0, inUs: 0, outUs: 1_050_000 }));
    expect((await engine.exportPaths(justPast)).video).toEqual({ path: 'copy', reason: null, snappable: false });
    const pictured = await engine.exportProject(project([[0, 1_000_000]], PLAIN, { picture: { brightness: 0.1 } }), 'copy-picture');
    expect(pictured.stats).toMatchObject({ path: 'reencode', copyRefused: '"plain.mp4" has picture or speed settings' });
  });
});

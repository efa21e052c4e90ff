import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transfer } from 'comlink';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { exportedFile } from '../media/output-file.ts';
import { emptyProject, newClip, type Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

const CAMCORDER: AssetId = 'asset:camcorder-ts';

beforeAll(async () => {
  await engine.addAsset(CAMCORDER, await fixtureFile('barcodeTs'), 'clip.ts');
});

/** The whole 1 s MPEG-TS (its clock starting at 1.4 s) as one clip, exported as an MP4 of its own size and rate. */
function project(): Project {
  return {
    ...emptyProject(),
    output: { width: 160, height: 90, fps: 30, container: 'mp4', videoCodec: 'avc', audioCodec: 'auto' },
    assets: [{ id: CAMCORDER, name: 'clip.ts', durationUs: 1_000_000, hasVideo: true, hasAudio: true }],
    clips: [newClip({ id: 'clip:ts', assetId: CAMCORDER, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 1_000_000 })],
  };
}

describe('an MPEG-TS on the timeline', () => {
  it('is not copied into an MP4, and the export panel says why (its H.264 is Annex B, its AAC in ADTS: not what an MP4 holds)', async () => {
    expect(await engine.exportPaths(project())).toEqual({
      video: { path: 'reencode', reason: '"clip.ts" is not an MP4/MOV video', snappable: false },
      sound: { path: 'encode', reason: 'the sound of "clip.ts" is not from an MP4' },
    });
  });

  it('exports to MP4 frame for frame, the beep in step with its picture', async () => {
    const result = await engine.exportProject(project(), 'ts-to-mp4');
    expect(result.stats).toMatchObject({ path: 'reencode', frames: 30, soundPath: 'encode' });
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.container).toBe('mp4');
    expect(out.frameIndices).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(out.beepOnsetsUs).toHaveLength(1);
    expect(Math.abs(out.beepOnsetsUs[0]! - 250_000)).toBeLessThanOrEqual(10_000);
  });

  it('the preview shows its frame n at n / 30 s, from its first', async () => {
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const offscreen = canvas.transferControlToOffscreen();
    await engine.attachPreview(transfer(offscreen, [offscreen]));
    for (const frame of [0, 1, 14, 15, 29, 7]) {
      const shown = await engine.showFrame(project(), Math.round((frame * 1_000_000) / 30));
      expect(Math.abs(shown.sourceUs! - (frame * 1_000_000) / 30), `frame ${frame}`).toBeLessThanOrEqual(1);
    }
  });

  it('keeps sound that starts well before the picture (0.52 s), its first picture shown until then, as for Matroska', async () => {
    const id: AssetId = 'asset:sound-first-ts';
    const { durationUs } = await engine.addAsset(id, await fixtureFile('soundFirstTs'), 'sound-first.ts');
    expect(durationUs).toBe(1_024_000); // the sound: 48 AAC packets from its start
    const job: Project = {
      ...project(),
      assets: [{ id, name: 'sound-first.ts', durationUs, hasVideo: true, hasAudio: true }],
      clips: [newClip({ id: 'clip:sound-first', assetId: id, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: durationUs })],
    };
    const out = await inspectExport(await exportedFile((await engine.exportProject(job, 'ts-sound-first')).output));
    // Frame 0 from 0 s until the first tick after it shows (0.533 s), then each frame once.
    expect(out.frameIndices).toEqual([...Array<number>(17).fill(0), ...Array.from({ length: 14 }, (_, i) => i + 1)]);
    expect(out.beepOnsetsUs).toHaveLength(1);
    // 0.25 s after the picture, which starts at 0.521 s: the AAC's 21 ms of priming stays in the lead (a TS cannot mark it).
    expect(Math.abs(out.beepOnsetsUs[0]! - 771_333)).toBeLessThanOrEqual(5_000);
  });
});

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

const FRAME_US = 1_000_000 / 30;

/** The whole file as one clip (as the bin puts it on the timeline: its probed length), exported as a 160×90 30 fps MP4. */
async function wholeClip(fixture: Parameters<typeof fixtureFile>[0], name: string): Promise<Project> {
  const id = `asset:${fixture}` as AssetId;
  const { durationUs } = await engine.addAsset(id, await fixtureFile(fixture), name);
  return {
    ...emptyProject(),
    output: { width: 160, height: 90, fps: 30, container: 'mp4', videoCodec: 'avc', audioCodec: 'auto' },
    assets: [{ id, name, durationUs, hasVideo: true, hasAudio: true }],
    clips: [newClip({ id: `clip:${fixture}`, assetId: id, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: durationUs })],
  };
}

beforeAll(async () => {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const offscreen = canvas.transferControlToOffscreen();
  await engine.attachPreview(transfer(offscreen, [offscreen]));
});

/**
 * Each file's sound starts a little before its picture. The beep is where the file puts it: 0.25 s into the picture,
 * or 7 ms less in a WebM from FFmpeg (5.1), which starts the picture 7 ms in to make room for Opus's pre-skip but
 * writes the sound from 0 all the same (ffprobe reads its sound as starting 7 ms before the picture too).
 */
const CASES = [
  { fixture: 'barcodeMkv', name: 'ffmpeg.mkv', kind: 'FFmpeg MKV (H.264 + AAC, picture 21 ms in)', frames: 30, beepsUs: [250_000] },
  { fixture: 'webm', name: 'ffmpeg.webm', kind: 'FFmpeg WebM (VP9 + Opus, picture 7 ms in)', frames: 60, beepsUs: [243_000, 1_243_000] },
  { fixture: 'recorderWebm', name: 'recorder.webm', kind: 'MediaRecorder-style WebM (VP8 + Opus, picture 107 ms in)', frames: 30, beepsUs: [243_000] },
] as const;

describe('WebM and Matroska whose sound starts just before the picture: the clip starts at its first picture', () => {
  for (const { fixture, name, kind, frames, beepsUs } of CASES) {
    it(`${kind}: exported frame for frame (frame 0 once, the last kept), the beep in step`, async () => {
      const project = await wholeClip(fixture, name);
      const result = await engine.exportProject(project, `mkv-${fixture}`);
      const out = await inspectExport(await exportedFile(result.output));
      expect(out.frameIndices).toEqual(Array.from({ length: frames }, (_, i) => i));
      expect(project.assets[0]!.durationUs).toBe((frames * 1_000_000) / 30);
      expect(out.beepOnsetsUs).toHaveLength(beepsUs.length);
      for (const [i, us] of beepsUs.entries()) expect(Math.abs(out.beepOnsetsUs[i]! - us), `beep ${i} at ${out.beepOnsetsUs[i]} µs`).toBeLessThanOrEqual(5_000);
    });

    it(`${kind}: the preview shows frame n at n / 30 s, from its first`, async () => {
      const project = await wholeClip(fixture, name);
      for (const frame of [0, 1, 2, 15, frames - 1]) {
        const shown = await engine.showFrame(project, Math.round(frame * FRAME_US));
        // WebM and MKV times are in milliseconds.
        expect(Math.abs(shown.sourceUs! - frame * FRAME_US), `frame ${frame}`).toBeLessThanOrEqual(1_000);
      }
    });
  }

  it('sound recorded half a second before the first picture is kept: the clip starts with it, the first picture held', async () => {
    const project = await wholeClip('soundFirstWebm', 'sound-first.webm');
    expect(project.assets[0]!.durationUs).toBe(1_007_000);
    expect((await engine.showFrame(project, 0)).sourceUs).toBe(507_000);
    const result = await engine.exportProject(project, 'mkv-sound-first');
    const out = await inspectExport(await exportedFile(result.output));
    // Frame 0 from 0 s to 0.540 s (the first tick on which a later one shows), then each frame once.
    expect(out.frameIndices).toEqual([...Array<number>(17).fill(0), ...Array.from({ length: 14 }, (_, i) => i + 1)]);
    expect(out.beepOnsetsUs).toHaveLength(1);
    expect(Math.abs(out.beepOnsetsUs[0]! - 750_000)).toBeLessThanOrEqual(5_000);
  });
});

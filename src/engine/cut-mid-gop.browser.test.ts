import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { Mp4Source } from '../media/mp4-source.ts';
import { exportedFile } from '../media/output-file.ts';
import { deleteExport } from '../storage/export-library.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { cutMp4, cutWebm } from '../test-support/cut-mid-gop.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { emptyProject, newClip, type Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const CUT: AssetId = 'asset:cut';
const CUT_WEBM: AssetId = 'asset:cut-webm';
const FRAME_US = 1_000_000 / 30;

/** The barcode clip's video from decode-order sample 31 on (source frame 33, mid-GOP): its first keyframe is source frame 60. */
const cutFile = async (keyframes = true) => cutMp4(await Mp4Source.open(await fixtureFile('barcode'), 'barcode.mp4'), 31, keyframes);

function project(asset: AssetId, durationUs: number, width = 640, height = 360): Project {
  return {
    ...emptyProject(),
    output: { width, height, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [{ id: asset, name: 'cut', durationUs, hasVideo: true, hasAudio: false }],
    clips: [newClip({ id: 'clip:0', assetId: asset, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: durationUs })],
  };
}

/** The colour at the centre of a file's first frame. */
async function firstFramePixel(file: File): Promise<[number, number, number]> {
  const source = await Mp4Source.open(file, 'export.mp4');
  const context = new OffscreenCanvas(source.video!.codedWidth, source.video!.codedHeight).getContext('2d', { willReadFrequently: true })!;
  for await (const frame of source.videoFrames(0, 0)) {
    context.drawImage(frame, 0, 0);
    frame.close();
  }
  const [r, g, b] = context.getImageData(source.video!.codedWidth / 2, source.video!.codedHeight / 2, 1, 1).data;
  return [r!, g!, b!];
}

describe('a video cut mid-GOP (its first frames come before its first keyframe)', () => {
  // The engine in the page: the worker hosts the same class.
  const engine = new Engine();
  const exported: string[] = [];
  afterAll(async () => {
    for (const id of exported) await deleteExport(id);
  });

  it('imports with a note, and preview and export show the first keyframe in place of the frames before it', async () => {
    const probe = await engine.addAsset(CUT, await cutFile(), 'cut.mp4');
    // Remuxed without an edit list, the cut's frame n is source frame n + 29 (its first frame shows at 2/30 s, its last, 299, until the end).
    const keyAtUs = 31 * FRAME_US;
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', decodable: true, keyframeCount: 4 });
    expect(probe.notice).toBe(
      'The first 29 frames of "cut.mp4" come before its first keyframe (0:01.033), so they cannot be decoded (the file was probably cut without re-encoding): the picture at 0:01.033 is shown in their place.',
    );

    await engine.attachPreview(new OffscreenCanvas(1, 1));
    const p = project(CUT, probe.durationUs);
    for (const tUs of [0, 500_000, 1_000_000]) expect((await engine.showFrame(p, tUs)).sourceUs).toBeCloseTo(keyAtUs, -3);
    expect((await engine.showFrame(p, 2_000_000)).sourceUs).toBeCloseTo(2_000_000, -3);

    const result = await engine.exportProject(p, 'cut-mid-gop');
    if (result.output.kind === 'opfs') exported.push(result.output.record.id);
    const out = await inspectExport(await exportedFile(result.output));
    const frames = out.frameIndices.length;
    expect(frames).toBe(Math.round(probe.durationUs / FRAME_US));
    expect(out.frameIndices).toEqual(Array.from({ length: frames }, (_, i) => (i < 31 ? 60 : Math.min(i + 29, 299))));
  });

  it('the same from WebM (read by mediabunny)', async () => {
    // Frames 5–29 of a VP9 stream with keyframes at 0 and 15: the cut's first keyframe is its frame 10.
    const probe = await engine.addAsset(CUT_WEBM, await cutWebm(5), 'cut.webm');
    expect(probe.notice).toBe(
      'The first 10 frames of "cut.webm" come before its first keyframe (0:00.333), so they cannot be decoded (the file was probably cut without re-encoding): the picture at 0:00.333 is shown in their place.',
    );
    const p = project(CUT_WEBM, probe.durationUs, 160, 90);
    for (const tUs of [0, 200_000]) expect((await engine.showFrame(p, tUs)).sourceUs).toBe(333_000); // WebM times are in milliseconds
    expect((await engine.showFrame(p, 500_000)).sourceUs).toBe(500_000);
    // A clip wholly before the keyframe: its picture (frame 15 of the whole: red 120), not the black background.
    const before = project(CUT_WEBM, 200_000, 160, 90);
    const result = await engine.exportProject(before, 'cut-mid-gop-webm');
    if (result.output.kind === 'opfs') exported.push(result.output.record.id);
    expect(result.stats.frames).toBe(6);
    const [r, g, b] = await firstFramePixel(await exportedFile(result.output));
    expect(Math.abs(r - 120) + Math.abs(g - 80) + Math.abs(b - 160)).toBeLessThan(30);
  });

  it('is refused at import when no frame is a keyframe, with a message that says so', async () => {
    await expect(engine.addAsset('asset:none' as AssetId, await cutFile(false), 'none.mp4')).rejects.toThrow(
      /^"none\.mp4" cannot be used: its video has no keyframe \(a frame that decodes on its own\), so none of its pictures can be decoded\./,
    );
  });
});

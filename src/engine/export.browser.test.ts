import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy, transfer } from 'comlink';
import type { ExportProgress } from './export-types.ts';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { exportedFile } from '../media/output-file.ts';
import { exportEntries } from '../storage/export-library.ts';
import { Mp4Source } from '../media/mp4-source.ts';
import { decodeVideo } from '../media/video-frames.ts';
import { clipPicture, defaultTextStyle, emptyProject, type Clip, type OutputSettings, type Project } from '../model/project.ts';
import { openMedia } from '../media/open-media.ts';
import type { AssetId } from '../model/ids.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

const BAR: AssetId = 'asset:bar';
const ROT: AssetId = 'asset:rot';
const OUTPUT: OutputSettings = { width: 640, height: 360, fps: 30, videoCodec: 'avc', audioCodec: 'auto' };

beforeAll(async () => {
  await engine.addAsset(BAR, await fixtureFile('barcode'), 'barcode.mp4');
  await engine.addAsset(ROT, await fixtureFile('rotated'), 'rotated.mp4');
});

type ClipPlacement = Pick<Clip, 'assetId' | 'startUs' | 'inUs' | 'outUs'> & Partial<Clip>;

function project(clips: ClipPlacement[], output: OutputSettings = OUTPUT): Project {
  return {
    ...emptyProject(),
    output,
    assets: [
      { id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true },
      { id: ROT, name: 'rotated.mp4', durationUs: 2_000_000, hasVideo: true, hasAudio: false },
    ],
    clips: clips.map((c, i) => ({ trackId: 'track:v1' as const, volume: 1, fadeInUs: 0, fadeOutUs: 0, ...c, id: `clip:${i}` as const })),
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('export spine (worker: demux → decode → WebGPU → encode → mux)', () => {
  it('exports 2.000–5.000 s as exactly source frames 60–149 with audio beeps in place', async () => {
    const result = await engine.exportProject(project([{ assetId: BAR, startUs: 0, inUs: 2_000_000, outUs: 5_000_000 }]), 'trim-test');
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.frameIndices).toEqual(range(60, 150));
    expect(out.frameTimestampsUs).toEqual(range(0, 90).map((i) => Math.round((i * 1_000_000) / 30)));
    expect(Math.abs(out.videoDurationUs - 3_000_000)).toBeLessThanOrEqual(33_334);
    expect(out.width).toBe(640);
    expect(out.audioCodec).not.toBeNull();
    expect(out.beepOnsetsUs).toHaveLength(3);
    out.beepOnsetsUs.forEach((onset, i) => expect(Math.abs(onset - (250_000 + i * 1_000_000))).toBeLessThanOrEqual(33_333));
    expect(Math.abs(out.audioDurationUs - 3_000_000)).toBeLessThanOrEqual(33_334);
    // A plain trim at the source's size needs no compositing: every frame goes from decoder to encoder as it is.
    expect(result.stats).toMatchObject({ frames: 90, path: 'reencode', width: 640, height: 360, directFrames: 90 });
    expect(result.stats.videoCodec).toMatch(/^avc1\./);
    expect(['mp4a.40.2', 'opus']).toContain(result.stats.audioCodec);
    // The queues stayed within their bounds: one clip's video (6 ahead) and audio (16 ahead) decoders, 4 frames and 24 blocks in the encoders.
    const { decode, videoEncode, audioEncode } = result.stats.queuePeaks;
    expect(decode).toBeGreaterThan(0);
    expect(decode).toBeLessThanOrEqual(6 + 16);
    expect(videoEncode).toBeLessThanOrEqual(4);
    expect(audioEncode).toBeLessThanOrEqual(24); // an encoder that keeps up may never hold one
  });

  it('joins two trims back to back, frame-exact, with each beep where its clip puts it', async () => {
    const result = await engine.exportProject(
      project([
        { assetId: BAR, startUs: 0, inUs: 1_000_000, outUs: 2_000_000 },
        { assetId: BAR, startUs: 1_000_000, inUs: 7_500_000, outUs: 9_000_000 },
      ]),
      'join-test',
    );
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.frameIndices).toEqual([...range(30, 60), ...range(225, 270)]);
    // Beeps at source 1.25 (→ 0.25) and 8.25 (→ 1.75).
    expect(out.beepOnsetsUs).toHaveLength(2);
    expect(Math.abs(out.beepOnsetsUs[0]! - 250_000)).toBeLessThanOrEqual(33_333);
    expect(Math.abs(out.beepOnsetsUs[1]! - 1_750_000)).toBeLessThanOrEqual(33_333);
  });

  it('a file with drawn and undrawn frames shows both alike: one range throughout (undrawn ones were washed out, black at 16)', async () => {
    // 0–1 s plain, 1–2 s with a brightness too small to see (+1%): drawn.
    const result = await engine.exportProject(
      project([
        { assetId: BAR, startUs: 0, inUs: 0, outUs: 1_000_000 },
        { assetId: BAR, startUs: 1_000_000, inUs: 1_000_000, outUs: 2_000_000, picture: { ...clipPicture({} as Clip), brightness: 0.01 } },
      ]),
      'range-test',
    );
    // Barcode cell 0 is black and cell 3 white in both frames 10 and 40 (bits of 10 and 40).
    const levels: Record<number, [number, number]> = {};
    const scratch = new OffscreenCanvas(640, 360).getContext('2d', { willReadFrequently: true })!;
    let index = 0;
    const source = await openMedia(await exportedFile(result.output), 'range.mp4');
    for await (const frame of source.videoFrames(0, 2_000_000)) {
      if (index === 10 || index === 40) {
        scratch.drawImage(frame, 0, 0, 640, 360);
        const luma = (x: number) => scratch.getImageData(x, 20, 1, 1).data[1]!;
        levels[index] = [luma(20), luma(3 * 40 + 20)];
      }
      frame.close();
      index++;
    }
    expect(Math.abs(levels[10]![0] - levels[40]![0])).toBeLessThanOrEqual(5);
    expect(Math.abs(levels[10]![1] - levels[40]![1])).toBeLessThanOrEqual(6);
    expect(result.stats.directFrames).toBe(0);
  });

  it('layers tracks: a clip on Video 2 covers Video 1 while it plays', async () => {
    const p = project([
      { assetId: BAR, startUs: 0, inUs: 0, outUs: 3_000_000 },
      { assetId: BAR, trackId: 'track:v2', startUs: 1_000_000, inUs: 5_000_000, outUs: 6_000_000 },
    ]);
    p.tracks = [{ ...p.tracks[0]!, id: 'track:v2', name: 'Video 2' }, ...p.tracks];
    const out = await inspectExport(await exportedFile((await engine.exportProject(p, 'layers-test')).output));
    expect(out.frameIndices).toEqual([...range(0, 30), ...range(150, 180), ...range(60, 90)]);
  });

  it('mixes overlapping sound from several tracks, each clip at its own volume', async () => {
    const clips = (musicVolume: number): ClipPlacement[] => [
      { assetId: BAR, startUs: 0, inUs: 0, outUs: 3_000_000 },
      { assetId: BAR, trackId: 'track:a1', startUs: 0, inUs: 500_000, outUs: 3_500_000, volume: musicVolume },
    ];
    const loud = await inspectExport(await exportedFile((await engine.exportProject(project(clips(1)), 'mix-test')).output));
    const expected = [250_000, 750_000, 1_250_000, 1_750_000, 2_250_000, 2_750_000];
    expect(loud.beepOnsetsUs).toHaveLength(expected.length);
    loud.beepOnsetsUs.forEach((t, i) => expect(Math.abs(t - expected[i]!)).toBeLessThanOrEqual(33_333));
    const muted = await inspectExport(await exportedFile((await engine.exportProject(project(clips(0)), 'mix-muted-test')).output));
    expect(muted.beepOnsetsUs).toHaveLength(3);
    expect(Math.abs(muted.audioDurationUs - 3_000_000)).toBeLessThanOrEqual(33_334);
  });

  it('crossfades across a cut: frames inside the transition are blends of both clips', async () => {
    // Clip A shows source frames 0–59, B 200–259; a 20-frame crossfade centred on the cut at frame 60.
    const p = project([
      { id: 'clip:a', assetId: BAR, startUs: 0, inUs: 0, outUs: 2_000_000 },
      { id: 'clip:b', assetId: BAR, startUs: 2_000_000, inUs: Math.round((200 * 1_000_000) / 30), outUs: Math.round((260 * 1_000_000) / 30) },
    ]);
    p.clips = p.clips.map((c, i) => ({ ...c, id: i === 0 ? 'clip:a' : 'clip:b' }));
    p.transitions = [{ id: 'transition:x', kind: 'crossfade', fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: Math.round((20 * 1_000_000) / 30) }];
    const file = await exportedFile((await engine.exportProject(p, 'crossfade-test')).output);
    const out = await inspectExport(file);
    expect(out.frameIndices.slice(0, 50)).toEqual(range(0, 50)); // untouched before the window
    expect(out.frameIndices.slice(70)).toEqual(range(210, 260)); // and after it
    // At the cut both are half-way: barcode cells where A's and B's bits differ are mid-grey.
    const source = await Mp4Source.open(file, 'x.mp4');
    const context = new OffscreenCanvas(640, 360).getContext('2d', { willReadFrequently: true })!;
    let frameIndex = 0;
    for await (const frame of decodeVideo(source, source.video!, 0, source.video!.samples.length)) {
      if (frameIndex++ === 60) context.drawImage(frame, 0, 0);
      frame.close();
    }
    const a = 60; // A continues past its out point into its own media
    const b = 200;
    const luma = (bit: number) => {
      const [r, g, bl] = context.getImageData(Math.floor(((bit + 0.5) * 640) / 16), 20, 1, 1).data;
      return 0.299 * r! + 0.587 * g! + 0.114 * bl!;
    };
    for (let bit = 0; bit < 9; bit++) {
      const onA = (a >> bit) & 1;
      const onB = (b >> bit) & 1;
      const value = luma(bit);
      if (onA !== onB) expect(value, `bit ${bit}`).toBeGreaterThan(80);
      if (onA !== onB) expect(value, `bit ${bit}`).toBeLessThan(175);
      if (onA && onB) expect(value, `bit ${bit}`).toBeGreaterThan(200);
      if (!onA && !onB) expect(value, `bit ${bit}`).toBeLessThan(50);
    }
  });

  it("pushes across a cut: at its middle the first clip's right half is on the left, the second's left half on the right", async () => {
    // A shows 0–59, B 150–299; a 30-frame push centred on the cut at frame 60.
    const p = project([
      { assetId: BAR, startUs: 0, inUs: 0, outUs: 2_000_000 },
      { assetId: BAR, startUs: 2_000_000, inUs: 5_000_000, outUs: 10_000_000 },
    ]);
    p.transitions = [{ id: 'transition:p', kind: 'push', fromClipId: p.clips[0]!.id, toClipId: p.clips[1]!.id, durationUs: 1_000_000 }];
    const out = await inspectExport(await exportedFile((await engine.exportProject(p, 'push-test')).output));
    expect(out.frameIndices.slice(0, 45)).toEqual(range(0, 45));
    expect(out.frameIndices.slice(76)).toEqual(range(166, 300));
    // Frame 60: cells 0–7 show A's (frame 60, run on past its out point) cells 8–15, cells 8–15 B's (frame 150) cells 0–7.
    expect(out.frameIndices[60]).toBe((60 >> 8) | ((150 & 0xff) << 8));
  });

  it('draws a title over the video, transparent around it', async () => {
    const green = (file: File, at: number) => countPixels(file, at, (r, g, b) => r < 60 && g > 200 && b < 60);
    const withTitle = project([{ assetId: BAR, startUs: 0, inUs: 0, outUs: 1_000_000 }, { assetId: 'asset:title', trackId: 'track:v2', startUs: 0, inUs: 0, outUs: 1_000_000 }]);
    withTitle.tracks = [{ ...withTitle.tracks[0]!, id: 'track:v2', name: 'Titles' }, ...withTitle.tracks];
    withTitle.assets.push({ id: 'asset:title', name: 'Hi', durationUs: 86_400_000_000, hasVideo: true, hasAudio: false, text: { ...defaultTextStyle('HELLO'), background: '#00ff00' } });
    const titled = await exportedFile((await engine.exportProject(withTitle, 'title-test')).output);
    const plain = await exportedFile((await engine.exportProject(project([{ assetId: BAR, startUs: 0, inUs: 0, outUs: 1_000_000 }]), 'no-title-test')).output);
    expect(await green(titled, 10)).toBeGreaterThan(200);
    expect(await green(plain, 10)).toBeLessThan(20);
    // Around the title the video shows through: the barcode still reads.
    expect((await inspectExport(titled)).frameIndices).toEqual(range(0, 30));
  });

  it('applies the picture settings of a clip: scaled down, grey, and half transparent over the background', async () => {
    const p = project([{ assetId: BAR, startUs: 0, inUs: 0, outUs: 500_000, picture: { scale: 0.5, saturation: 0, opacity: 0.5 } }], { ...OUTPUT, background: '#0000ff' });
    const pictured = await engine.exportProject(p, 'picture-test');
    expect(pictured.stats.directFrames).toBe(0);
    const file = await exportedFile(pictured.output);
    const blueCorner = await countPixels(file, 5, (r, g, b) => b > 200 && r < 40 && g < 40, [0, 0, 100, 60]);
    expect(blueCorner).toBe(100 * 60); // outside the half-size picture: only background
    // In the middle, grey video at half opacity over blue: red and green equal, blue lifted.
    const tinted = await countPixels(file, 5, (r, g, b) => Math.abs(r - g) < 12 && b > r + 40, [280, 160, 80, 40]);
    expect(tinted).toBeGreaterThan(80 * 40 * 0.9);
  });

  it('plays a clip at 2× speed: every other frame, and its sound in half the time (pitch: see the time-stretch tests)', async () => {
    const p = project([{ assetId: BAR, startUs: 0, inUs: 0, outUs: 4_000_000, speed: 2 }]);
    const out = await inspectExport(await exportedFile((await engine.exportProject(p, 'speed-test')).output));
    expect(out.frameIndices).toEqual(Array.from({ length: 60 }, (_, i) => 2 * i));
    expect(out.beepOnsetsUs).toHaveLength(4);
    out.beepOnsetsUs.forEach((t, i) => expect(Math.abs(t - (125_000 + i * 500_000))).toBeLessThanOrEqual(33_333));
    expect(Math.abs(out.audioDurationUs - 2_000_000)).toBeLessThanOrEqual(33_334);
  });

  it('fills uncovered frames with the project background colour', async () => {
    const p = project([{ assetId: BAR, startUs: 1_000_000, inUs: 0, outUs: 1_000_000 }], { ...OUTPUT, background: '#ff0000' });
    const file = await exportedFile((await engine.exportProject(p, 'background-test')).output);
    const source = await Mp4Source.open(file, 'bg.mp4');
    const context = new OffscreenCanvas(640, 360).getContext('2d', { willReadFrequently: true })!;
    for await (const frame of decodeVideo(source, source.video!, 0, 1)) {
      context.drawImage(frame, 0, 0);
      frame.close();
    }
    const [r, g, b] = context.getImageData(320, 180, 1, 1).data;
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(50);
    expect(b).toBeLessThan(50);
  });

  it('draws a rotated source upright (rotation metadata honoured)', async () => {
    const output = { ...OUTPUT, width: 180, height: 320 };
    const result = await engine.exportProject(project([{ assetId: ROT, startUs: 0, inUs: 0, outUs: 1_000_000 }], output), 'rotation-test');
    const out = await inspectExport(await exportedFile(result.output), 270);
    expect([out.width, out.height]).toEqual([180, 320]);
    expect(out.frameIndices).toEqual(range(0, 30));
    expect(out.audioCodec).toBeNull();
  });

  it('shows non-square pixels at their true shape: a 320×240 source with 4:3 pixels fills a 16:9 output', async () => {
    const probe = await engine.addAsset('asset:ana', await fixtureFile('anamorphic'), 'anamorphic.mp4');
    expect(probe.tracks[0]).toMatchObject({ codedWidth: 320, codedHeight: 240, displayWidth: 427, displayHeight: 240 });
    const p = project([{ assetId: 'asset:ana', startUs: 0, inUs: 0, outUs: 500_000 }], { ...OUTPUT, background: '#0000ff' });
    const file = await exportedFile((await engine.exportProject(p, 'anamorphic-test')).output);
    // Red edge to edge: square pixels would leave 80-pixel blue bars each side (a 4:3 picture in 16:9).
    for (const x of [4, 40, 596, 632]) expect(await countPixels(file, 5, (r, g, b) => r > 200 && g < 50 && b < 50, [x, 150, 4, 60]), `x ${x}`).toBe(4 * 60);
    engine.removeAsset('asset:ana');
  });

  it('exports at a fractional frame rate (29.97 fps)', async () => {
    const probe = await engine.addAsset('asset:ntsc', await fixtureFile('ntsc'), 'ntsc.mp4');
    expect(probe.tracks[0]).toMatchObject({ fps: 29.97 });
    const p = project([{ assetId: 'asset:ntsc', startUs: 0, inUs: 0, outUs: probe.durationUs }], { ...OUTPUT, width: 160, height: 90, fps: 29.97 });
    const result = await engine.exportProject(p, 'ntsc-test');
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.frameTimestampsUs.length).toBe(result.stats.frames);
    expect(Math.abs(out.frameTimestampsUs.length - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(out.frameTimestampsUs[1]! - 33_367)).toBeLessThanOrEqual(1);
  });

  it('refuses a project whose media is not open, naming it, and writes nothing', async () => {
    const before = await exportEntries();
    const p = project([{ assetId: 'asset:gone', startUs: 0, inUs: 0, outUs: 1_000_000 }]);
    p.assets.push({ id: 'asset:gone', name: 'holiday.mp4', durationUs: 1_000_000, hasVideo: true, hasAudio: false });
    await expect(engine.exportProject(p, 'missing-test')).rejects.toMatchObject({
      name: 'MissingMediaError',
      message: 'The media for "holiday.mp4" is not open any more. Import it again, then export.',
    });
    expect(await exportEntries()).toEqual(before);
  });

  it('a canceled export stops and leaves no file behind', async () => {
    const before = await exportEntries();
    // Canceled from its own progress reports (ten a second), once a tenth is done (a plain clip exports too fast to cancel by the clock).
    let frames = 0;
    let canceledAt = 0;
    const left: (number | null)[] = [];
    const onProgress = proxy((progress: ExportProgress) => {
      frames = progress.frame;
      left.push(progress.secondsLeft);
      if (progress.frame >= 30 && progress.frame < progress.totalFrames && canceledAt === 0) {
        canceledAt = performance.now();
        void engine.cancelExport('cancel-test');
      }
    });
    // A chosen bitrate makes it encode (the plain clip would otherwise be stream-copied, faster than any cancel).
    const job = project([{ assetId: BAR, startUs: 0, inUs: 0, outUs: 10_000_000 }]);
    const running = engine.exportProject({ ...job, output: { ...job.output, videoBitrate: 1_000_000 } }, 'cancel-test', onProgress);
    await expect(running).rejects.toMatchObject({ name: 'ExportCanceledError' });
    // Stopped, file removed, within a second of the request (it is checked between frames).
    expect(performance.now() - canceledAt).toBeLessThan(1000);
    expect(frames).toBeLessThan(300);
    // Each report after the first carries an estimate of the time left, from the pace so far.
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((s) => s === null || s >= 0)).toBe(true);
    const after = await exportEntries();
    expect(after.filter((name) => !before.includes(name))).toEqual([]);
    expect(after).not.toContain('cancel-test');
  });
});

/** Pixels of decoded frame `at` passing `test`, in a box (default 200×60 at the centre of a 640×360 frame). */
async function countPixels(file: File, at: number, test: (r: number, g: number, b: number) => boolean, box: [number, number, number, number] = [220, 150, 200, 60]): Promise<number> {
  const source = await Mp4Source.open(file, 'x.mp4');
  const context = new OffscreenCanvas(640, 360).getContext('2d', { willReadFrequently: true })!;
  let index = 0;
  for await (const frame of decodeVideo(source, source.video!, 0, source.video!.samples.length)) {
    if (index++ === at) context.drawImage(frame, 0, 0);
    frame.close();
  }
  const data = context.getImageData(...box).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (test(data[i]!, data[i + 1]!, data[i + 2]!)) count++;
  return count;
}

describe('preview sink (same compositor, worker-owned canvas)', () => {
  it('shows the exact source frame at each scrubbed time, including mid-GOP', async () => {
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const offscreen = canvas.transferControlToOffscreen();
    await engine.attachPreview(transfer(offscreen, [offscreen]));
    const p = project([{ assetId: BAR, startUs: 0, inUs: 2_000_000, outUs: 8_000_000 }]);
    for (const frame of [0, 1, 47, 59, 60, 119, 150, 3]) {
      const tUs = Math.round((frame * 1_000_000) / 30);
      const shown = await engine.showFrame(p, tUs);
      expect(shown.sourceUs).toBe(Math.round(((frame + 60) * 1_000_000) / 30));
    }
    expect([canvas.width, canvas.height]).toEqual([640, 360]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from 'comlink';
import { startEngine } from '../workers-api/engine-client.ts';
import type { ExportProgress } from './export-types.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { exportedFile } from '../media/output-file.ts';
import { exportEntries } from '../storage/export-library.ts';
import { emptyProject, newClip, type ContainerChoice, type OutputSettings, type Project, type VideoCodecChoice } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

const BAR: AssetId = 'asset:bar';
const TONE: AssetId = 'asset:silent-video';
const MONO: AssetId = 'asset:mono';
const PCM: AssetId = 'asset:pcm';
let encodable: VideoCodecChoice[] = [];

beforeAll(async () => {
  await engine.addAsset(BAR, await fixtureFile('barcode'), 'barcode.mp4');
  await engine.addAsset(TONE, await fixtureFile('rotated'), 'rotated.mp4');
  await engine.addAsset(MONO, await fixtureFile('lateSound'), 'late-sound.mp4');
  await engine.addAsset(PCM, await fixtureFile('soundPcm'), 'camera.mov');
  encodable = (await engine.encodableVideoCodecs(640, 360, 30)).map((c) => c.codec);
});

/** Source seconds 2–3 of the barcode clip (frames 60–89, a beep at 2.25 s) in the given format. */
function project(container: ContainerChoice, videoCodec: VideoCodecChoice, assetId: AssetId = BAR, audioCodec: OutputSettings['audioCodec'] = 'auto'): Project {
  const output: OutputSettings = { width: 640, height: 360, fps: 30, container, videoCodec, audioCodec };
  return {
    ...emptyProject(),
    output,
    assets: [
      { id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true },
      { id: TONE, name: 'rotated.mp4', durationUs: 2_000_000, hasVideo: true, hasAudio: false },
    ],
    clips: [newClip({ id: 'clip:0', assetId, trackId: 'track:v1', startUs: 0, inUs: 2_000_000, outUs: 3_000_000 })],
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** The duration a <video> element (Chromium's own demuxer) gives a file, in seconds. */
async function playerDuration(file: Blob): Promise<number> {
  const video = Object.assign(document.createElement('video'), { muted: true, preload: 'metadata', src: URL.createObjectURL(file) });
  try {
    await new Promise((resolve, reject) => {
      video.addEventListener('loadedmetadata', resolve, { once: true });
      video.addEventListener('error', () => reject(new Error(`the <video> cannot open the export: ${video.error?.message}`)), { once: true });
    });
    return video.duration;
  } finally {
    URL.revokeObjectURL(video.src);
  }
}

describe('export formats: each round-trips (demuxed and decoded back: the right frames, the beep in place)', () => {
  it('this Chromium encodes H.264, AV1, VP9 and VP8, and no HEVC', () => {
    expect(encodable).toEqual(expect.arrayContaining(['avc', 'av1', 'vp9', 'vp8']));
  });

  const cases: [ContainerChoice, VideoCodecChoice, RegExp][] = [
    ['webm', 'vp9', /^vp09\./],
    ['webm', 'vp8', /^vp8$/],
    ['webm', 'av1', /^av01\./],
    ['mp4', 'vp9', /^vp09\./],
    ['mp4', 'av1', /^av01\./],
  ];
  for (const [container, codec, pattern] of cases) {
    it(`${container.toUpperCase()} with ${codec}`, async () => {
      const result = await engine.exportProject(project(container, codec), `format-${container}-${codec}`);
      expect(result.stats).toMatchObject({ container, frames: 30 });
      expect(result.output.kind === 'opfs' && result.output.record).toMatchObject({ id: `format-${container}-${codec}`, name: expect.stringMatching(new RegExp(`-edit(-\\d+)?\\.${container}$`)), size: result.stats.outputBytes });
      const out = await inspectExport(await exportedFile(result.output));
      expect(out.container).toBe(container);
      expect(out.videoCodec).toMatch(pattern);
      expect(out.frameIndices).toEqual(range(60, 90));
      expect(out.audioCodec).toBe(container === 'webm' ? 'opus' : result.stats.audioCodec);
      expect(out.beepOnsetsUs).toHaveLength(1);
      expect(Math.abs(out.beepOnsetsUs[0]! - 250_000)).toBeLessThanOrEqual(33_333);
    });
  }

  it('a WebM lasts to its last frame’s end in a player, with sound or picture only (webm-muxer stops a frame short)', async () => {
    const silent = project('webm', 'vp9', TONE);
    silent.clips[0] = { ...silent.clips[0]!, inUs: 0, outUs: 1_000_000 };
    for (const [edit, id] of [[project('webm', 'vp9'), 'webm-sound'], [silent, 'webm-picture-only']] as const) {
      const file = await exportedFile((await engine.exportProject(edit, `format-${id}`)).output);
      expect(Math.abs((await playerDuration(file)) - 1), id).toBeLessThan(0.002);
    }
  });

  it('HEVC where the browser encodes it; otherwise a plain refusal and no file', async () => {
    const before = await exportEntries();
    const running = engine.exportProject(project('mp4', 'hevc'), 'format-hevc');
    if (encodable.includes('hevc')) {
      expect((await inspectExport(await exportedFile((await running).output))).videoCodec).toMatch(/^(hvc1|hev1)\./);
    } else {
      await expect(running).rejects.toMatchObject({ name: 'PlatformError', message: expect.stringMatching(/^This browser cannot encode HEVC \(H\.265\) at all\. Choose another format\.$/) });
      expect(await exportEntries()).toEqual(before);
    }
  });

  // The source's AAC copied as it is (auto), and mixed and encoded to Opus (chosen): both sound-only paths.
  for (const audioCodec of ['auto', 'opus'] as const) {
    it(`M4A (${audioCodec}): sound only, by the direct audio path (no video pipeline)`, async () => {
      const stages: ExportProgress['stage'][] = [];
      const id = `format-m4a-${audioCodec}`;
      const result = await engine.exportProject(project('m4a', 'avc', BAR, audioCodec), id, proxy((p: ExportProgress) => void stages.push(p.stage)));
      // Progress says what is being written: sound, then the file being closed.
      expect(stages[0]).toBe('sound');
      expect(stages[stages.length - 1]).toBe('finishing');
      const codec = audioCodec === 'auto' ? 'mp4a.40.2' : 'opus';
      expect(result.stats).toMatchObject({ container: 'm4a', frames: 0, videoCodec: null, directFrames: 0, audioCodec: codec, soundPath: audioCodec === 'auto' ? 'copy' : 'encode' });
      expect(result.output.kind === 'opfs' && result.output.record).toMatchObject({ id, name: expect.stringMatching(/-edit(-\d+)?\.m4a$/), mimeType: 'audio/mp4' });
      const out = await inspectExport(await exportedFile(result.output));
      expect(out.videoCodec).toBeNull();
      expect(out.audioCodec).toBe(codec);
      expect(Math.abs(out.audioDurationUs - 1_000_000)).toBeLessThanOrEqual(25_000);
      expect(out.beepOnsetsUs).toHaveLength(1);
      expect(Math.abs(out.beepOnsetsUs[0]! - 250_000)).toBeLessThanOrEqual(10_000);
    });
  }

  it('M4A of a project with no sound says so and writes nothing', async () => {
    const before = await exportEntries();
    await expect(engine.exportProject(project('m4a', 'avc', TONE), 'format-m4a-silent')).rejects.toMatchObject({
      name: 'MissingMediaError',
      message: 'Nothing in this project has sound, so there is nothing to write to an M4A. Add a clip with sound, or export a video.',
    });
    expect(await exportEntries()).toEqual(before);
  });

  it('mixes to stereo when any clip heard is stereo, even after a mono one', async () => {
    const edit = project('m4a', 'avc', BAR, 'opus');
    edit.assets.push({ id: MONO, name: 'late-sound.mp4', durationUs: 2_000_000, hasVideo: true, hasAudio: true });
    edit.clips = [newClip({ id: 'clip:mono', assetId: MONO, trackId: 'track:v1', startUs: 0, inUs: 500_000, outUs: 1_000_000 }), { ...edit.clips[0]!, startUs: 500_000 }];
    const result = await engine.exportProject(edit, 'format-m4a-stereo');
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.audioChannels).toBe(2);
    expect(out.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([75]); // the stereo clip's beep, 0.25 s into it
  });

  it("a MOV's PCM sound is mixed and encoded: its beep in place, at its level", async () => {
    const edit = project('m4a', 'avc', BAR, 'opus');
    edit.assets.push({ id: PCM, name: 'camera.mov', durationUs: 1_000_000, hasVideo: true, hasAudio: true });
    edit.clips = [newClip({ id: 'clip:pcm', assetId: PCM, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 1_000_000 })];
    const result = await engine.exportProject(edit, 'format-m4a-pcm');
    expect(result.stats).toMatchObject({ soundPath: 'encode', audioCodec: 'opus' });
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.audioChannels).toBe(2);
    expect(out.beepOnsetsUs).toHaveLength(1);
    expect(Math.abs(out.beepOnsetsUs[0]! - 500_000)).toBeLessThanOrEqual(2_000);
    // The left channel's amplitude, 0.5, through Opus.
    const peak = out.audioSamples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(Math.abs(peak - 0.5)).toBeLessThan(0.05);
  });

  it('sound on muted tracks is left out, as the preview leaves it out: an MP4 with no sound track, an M4A refused', async () => {
    const muted = (container: ContainerChoice) => {
      const edit = project(container, 'avc');
      return { ...edit, tracks: edit.tracks.map((t) => ({ ...t, muted: true })) };
    };
    const result = await engine.exportProject(muted('mp4'), 'format-mp4-muted');
    expect(result.stats).toMatchObject({ frames: 30, soundPath: null, audioCodec: null });
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.audioCodec).toBeNull();
    expect(out.frameIndices).toEqual(range(60, 90));
    const before = await exportEntries();
    await expect(engine.exportProject(muted('m4a'), 'format-m4a-muted')).rejects.toMatchObject({
      name: 'MissingMediaError',
      message: 'Every clip with sound is on a muted track (or a track that is not soloed), so there is nothing to write to an M4A. Unmute a track, or export a video.',
    });
    expect(await exportEntries()).toEqual(before);
  });
});

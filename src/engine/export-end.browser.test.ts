import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transfer } from 'comlink';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { findBeeps, inspectExport } from '../test-support/export-check.ts';
import { exportedFile } from '../media/output-file.ts';
import { emptyProject, newClip, type ContainerChoice, type OutputSettings, type Project, type VideoCodecChoice } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

/** 1 s of picture (the barcode's frames 30–59) whose sound runs on to 1.5 s. */
const LONG: AssetId = 'asset:long-sound';

beforeAll(async () => {
  await engine.addAsset(LONG, await fixtureFile('longSound'), 'long-sound.mp4');
});

/** The long-sound clip (to `outUs`) at its own 320×180, 30 fps. */
function project(container: ContainerChoice, videoCodec: VideoCodecChoice, audioCodec: OutputSettings['audioCodec'] = 'opus', outUs = 1_500_000): Project {
  return {
    ...emptyProject(),
    output: { width: 320, height: 180, fps: 30, container, videoCodec, audioCodec },
    assets: [{ id: LONG, name: 'long-sound.mp4', durationUs: 1_500_000, hasVideo: true, hasAudio: true }],
    clips: [newClip({ id: 'clip:0', assetId: LONG, trackId: 'track:v1', startUs: 0, inUs: 0, outUs })],
  };
}

/** A file's sound as Chromium's own demuxer and decoder give it (Web Audio, at its 48 kHz): first channel. */
async function chromiumSound(file: Blob): Promise<Float32Array> {
  return (await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(await file.arrayBuffer())).getChannelData(0);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** Frame i's time as each container stores it: WebM in whole milliseconds (rounded down by webm-muxer), MP4 in µs. */
const frameTimeIn = (container: ContainerChoice, i: number) => (container === 'webm' ? Math.floor((i * 1000) / 30) * 1000 : Math.round((i * 1_000_000) / 30));

describe('the export ends where the timeline does', () => {
  const cases: [ContainerChoice, VideoCodecChoice][] = [
    ['webm', 'vp9'],
    ['mp4', 'avc'],
  ];
  for (const [container, codec] of cases) {
    it(`${container.toUpperCase()}: a clip whose sound outlasts its picture holds its last frame a tenth of a second, then shows the background`, async () => {
      const result = await engine.exportProject(project(container, codec), `end-picture-${container}`);
      // 1.5 s of timeline: 45 frames. The picture's 30, its last held for the 3 frames within PICTURE_HOLD_US (0.1 s), then 12 of
      // black background (barcode 0: the fixture has no frame 0).
      expect(result.stats.frames).toBe(45);
      const out = await inspectExport(await exportedFile(result.output));
      expect(out.frameIndices).toEqual([...range(30, 60), 59, 59, 59, ...Array<number>(12).fill(0)]);
      expect(out.frameTimestampsUs).toEqual(range(0, 45).map((i) => frameTimeIn(container, i)));
      // The sound plays on under the background: its beeps at 0.25 s and, past the picture, 1.25 s.
      expect(out.beepOnsetsUs.map((us) => Math.round(us / 10_000))).toEqual([25, 125]);
      // MP4 would copy this clip's samples, but the frames after its picture need drawing.
      if (container === 'mp4') expect(result.stats).toMatchObject({ path: 'reencode', copyRefused: 'the sound of "long-sound.mp4" runs on past its picture, where the background shows' });
    });
  }

  // 1.234 s: 59,232 samples at 48 kHz, which the Opus encoder (312 samples of pre-skip, then 960 a packet) pads out to 63 packets.
  const SOUND_END_US = 1_234_000;
  const SOUND_SAMPLES = 59_232;

  it('WebM: Opus sound ends with the timeline to the sample (the encoder’s padding marked as DiscardPadding), and starts with it', async () => {
    const file = await exportedFile((await engine.exportProject(project('webm', 'vp9', 'opus', SOUND_END_US), 'end-sound-webm')).output);
    // Chromium's demuxer drops what the last block's DiscardPadding says; without it, 936 samples (19.5 ms) more.
    const sound = await chromiumSound(file);
    expect(sound.length).toBe(SOUND_SAMPLES);
    expect(findBeeps(sound, 48_000).map((us) => Math.round(us / 1000))).toEqual([250]);
  });

  for (const container of ['mp4', 'm4a'] as const) {
    it(`${container.toUpperCase()}: Opus sound ends with the timeline to the sample (an edit list hides the pre-skip and the padding), and starts with it`, async () => {
      const result = await engine.exportProject(project(container, 'avc', 'opus', SOUND_END_US), `end-sound-${container}`);
      expect(result.stats.audioCodec).toBe('opus');
      const out = await inspectExport(await exportedFile(result.output));
      expect(out.audioSamples.length).toBe(SOUND_SAMPLES);
      expect(out.beepOnsetsUs.map((us) => Math.round(us / 1000))).toEqual([250]);
    });
  }

  it('MP4: copied AAC ends with its clip, though its last packet runs on (the edit list stops it)', async () => {
    const result = await engine.exportProject(project('mp4', 'avc', 'auto', SOUND_END_US), 'end-sound-aac');
    expect(result.stats).toMatchObject({ soundPath: 'copy', audioCodec: 'mp4a.40.2' });
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.audioSamples.length).toBe(SOUND_SAMPLES);
    expect(out.beepOnsetsUs).toHaveLength(1);
  });

  it('the preview shows the same: the last frame until the picture ends and a tenth of a second more, then the background', async () => {
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const offscreen = canvas.transferControlToOffscreen();
    await engine.attachPreview(transfer(offscreen, [offscreen]));
    const edit = project('mp4', 'avc');
    const shown = [];
    for (const frame of [0, 29, 32, 33, 44]) shown.push((await engine.showFrame(edit, Math.round((frame * 1_000_000) / 30))).sourceUs);
    expect(shown).toEqual([0, Math.round((29 * 1_000_000) / 30), Math.round((29 * 1_000_000) / 30), null, null]);
  });
});

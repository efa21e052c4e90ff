import { describe, expect, it } from 'vitest';
import type { AssetId } from './ids.ts';
import { PROJECT_SCHEMA_VERSION } from './project.ts';
import { buildProject, parseRenderJob, type MediaFacts, type RenderJob } from './render-job.ts';

const minimal = () => ({ media: { a: 'a.mp4' }, clips: [{ media: 'a' }] });

/** Expects `parseRenderJob(raw)` to throw a TypeError whose message starts with `path`. */
function expectBad(raw: unknown, path: string, problem?: RegExp): void {
  let error: unknown;
  try {
    parseRenderJob(raw);
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${path} to be rejected`).toBeInstanceOf(TypeError);
  const message = (error as Error).message;
  expect(message.startsWith(`${path} `), `"${message}" should name ${path}`).toBe(true);
  if (problem) expect(message).toMatch(problem);
}

describe('parseRenderJob: valid input', () => {
  it('accepts a minimal job and fills defaults', () => {
    expect(parseRenderJob(minimal())).toEqual({ output: {}, media: { a: 'a.mp4' }, clips: [{ media: 'a', inUs: 0 }] });
  });

  it('keeps every optional field that is given', () => {
    const job = parseRenderJob({
      output: { width: 1920, height: 1080, fps: 29.97, videoBitrate: 8_000_000.4, videoCodec: 'avc', audioCodec: 'opus' },
      media: { a: 'one.mp4', b: 'dir/two.mov' },
      clips: [
        { media: 'a', inUs: 1_000_000, outUs: 2_000_000, startUs: 0 },
        { media: 'b', inUs: 0, startUs: 5_000_000 },
      ],
    });
    expect(job).toEqual({
      output: { width: 1920, height: 1080, fps: 29.97, videoBitrate: 8_000_000, videoCodec: 'avc', audioCodec: 'opus' },
      media: { a: 'one.mp4', b: 'dir/two.mov' },
      clips: [
        { media: 'a', inUs: 1_000_000, outUs: 2_000_000, startUs: 0 },
        { media: 'b', inUs: 0, startUs: 5_000_000 },
      ],
    });
    // Absent optional clip fields stay absent rather than becoming undefined keys.
    expect(Object.keys(job.clips[1]!)).toEqual(['media', 'inUs', 'startUs']);
  });

  it('rounds fractional microseconds', () => {
    const job = parseRenderJob({ media: { a: 'a.mp4' }, clips: [{ media: 'a', inUs: 10.4, outUs: 20.6, startUs: 0.5 }] });
    expect(job.clips[0]).toEqual({ media: 'a', inUs: 10, outUs: 21, startUs: 1 });
  });

  it('accepts the boundary values of each range', () => {
    const low = parseRenderJob({ ...minimal(), output: { width: 16, height: 16, fps: 1, videoBitrate: 10_000 } });
    expect(low.output).toEqual({ width: 16, height: 16, fps: 1, videoBitrate: 10_000 });
    const high = parseRenderJob({ ...minimal(), output: { width: 8192, height: 8192, fps: 240, videoBitrate: 500_000_000 } });
    expect(high.output).toEqual({ width: 8192, height: 8192, fps: 240, videoBitrate: 500_000_000 });
  });

  it('accepts every audio codec choice', () => {
    for (const audioCodec of ['auto', 'aac', 'opus']) expect(parseRenderJob({ ...minimal(), output: { audioCodec } }).output.audioCodec).toBe(audioCodec);
  });

  it('accepts exactly 10 000 clips', () => {
    const clips = Array.from({ length: 10_000 }, () => ({ media: 'a' }));
    expect(parseRenderJob({ media: { a: 'a.mp4' }, clips }).clips.length).toBe(10_000);
  });
});

describe('parseRenderJob: bad input names the field', () => {
  it('rejects a non-object project', () => {
    for (const raw of [null, undefined, 42, 'job', [], [minimal()], true]) expectBad(raw, 'project', /JSON object/);
  });

  it('rejects bad output', () => {
    expectBad({ ...minimal(), output: null }, 'output', /object/);
    expectBad({ ...minimal(), output: [] }, 'output', /object/);
    expectBad({ ...minimal(), output: '1080p' }, 'output', /object/);
  });

  it('rejects bad output numbers with the field name', () => {
    for (const key of ['width', 'height', 'fps', 'videoBitrate']) {
      for (const value of ['100', null, NaN, Infinity, -Infinity, {}, true]) expectBad({ ...minimal(), output: { [key]: value } }, `output.${key}`, /must be a number/);
    }
  });

  it('rejects out-of-range output numbers', () => {
    expectBad({ ...minimal(), output: { width: 14 } }, 'output.width', /between 16 and 8192/);
    expectBad({ ...minimal(), output: { width: 8194 } }, 'output.width', /between 16 and 8192/);
    expectBad({ ...minimal(), output: { height: 0 } }, 'output.height', /between 16 and 8192/);
    expectBad({ ...minimal(), output: { fps: 0 } }, 'output.fps', /between 1 and 240/);
    expectBad({ ...minimal(), output: { fps: 240.5 } }, 'output.fps', /between 1 and 240/);
    expectBad({ ...minimal(), output: { videoBitrate: 9_999 } }, 'output.videoBitrate', /between/);
    expectBad({ ...minimal(), output: { videoBitrate: 500_000_001 } }, 'output.videoBitrate', /between/);
  });

  it('rejects odd or fractional sizes', () => {
    expectBad({ ...minimal(), output: { width: 641 } }, 'output.width', /even whole number/);
    expectBad({ ...minimal(), output: { height: 361 } }, 'output.height', /even whole number/);
    expectBad({ ...minimal(), output: { width: 640.5 } }, 'output.width', /even whole number/);
    expectBad({ ...minimal(), output: { width: 640, height: 100.2 } }, 'output.height', /even whole number/);
  });

  it('rejects unknown codecs', () => {
    expectBad({ ...minimal(), output: { videoCodec: 'h265' } }, 'output.videoCodec', /avc, hevc, av1, vp9, vp8/);
    expectBad({ ...minimal(), output: { videoCodec: null } }, 'output.videoCodec');
    expectBad({ ...minimal(), output: { audioCodec: 'mp3' } }, 'output.audioCodec', /auto, aac, opus/);
    expectBad({ ...minimal(), output: { audioCodec: 'AAC' } }, 'output.audioCodec');
    expectBad({ ...minimal(), output: { audioCodec: null } }, 'output.audioCodec');
  });

  it('rejects missing, empty or non-object media', () => {
    expectBad({ clips: [{ media: 'a' }] }, 'media', /at least one/);
    expectBad({ media: {}, clips: [{ media: 'a' }] }, 'media', /at least one/);
    expectBad({ media: ['a.mp4'], clips: [{ media: '0' }] }, 'media');
    expectBad({ media: 'a.mp4', clips: [{ media: 'a' }] }, 'media');
  });

  it('rejects media entries that are not paths', () => {
    expectBad({ media: { a: 'a.mp4', b: '' }, clips: [{ media: 'a' }] }, 'media.b', /file path/);
    expectBad({ media: { cam: 7 }, clips: [{ media: 'cam' }] }, 'media.cam', /file path/);
    expectBad({ media: { cam: null }, clips: [{ media: 'cam' }] }, 'media.cam', /file path/);
  });

  it('rejects missing, empty or oversized clip lists', () => {
    expectBad({ media: { a: 'a.mp4' } }, 'clips', /non-empty array/);
    expectBad({ media: { a: 'a.mp4' }, clips: [] }, 'clips', /non-empty array/);
    expectBad({ media: { a: 'a.mp4' }, clips: { 0: { media: 'a' } } }, 'clips', /non-empty array/);
    expectBad({ media: { a: 'a.mp4' }, clips: Array.from({ length: 10_001 }, () => ({ media: 'a' })) }, 'clips', /at most 10000/);
  });

  it('rejects a clip that is not an object, by index', () => {
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a' }, 'a'] }, 'clips[1]', /must be an object/);
    expectBad({ media: { a: 'a.mp4' }, clips: [null] }, 'clips[0]', /must be an object/);
    expectBad({ media: { a: 'a.mp4' }, clips: [[]] }, 'clips[0]', /must be an object/);
  });

  it('rejects a clip whose media is missing or unknown', () => {
    expectBad({ media: { a: 'a.mp4' }, clips: [{}] }, 'clips[0].media', /entry of "media"/);
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a' }, { media: 'b' }] }, 'clips[1].media', /entry of "media"/);
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 1 }] }, 'clips[0].media');
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a.mp4' }] }, 'clips[0].media');
  });

  it('rejects bad clip times, naming the clip and field', () => {
    for (const key of ['inUs', 'outUs', 'startUs']) {
      expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a' }, { media: 'a', [key]: '5' }] }, `clips[1].${key}`, /must be a number/);
      expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', [key]: NaN }] }, `clips[0].${key}`, /must be a number/);
      expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', [key]: -1 }] }, `clips[0].${key}`, /between 0 and/);
      expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', [key]: 2 ** 60 }] }, `clips[0].${key}`, /between 0 and/);
    }
  });

  it('rejects an out point not after the in point', () => {
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', inUs: 1000, outUs: 1000 }] }, 'clips[0].outUs', /after inUs/);
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', inUs: 1000, outUs: 999 }] }, 'clips[0].outUs', /after inUs/);
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', outUs: 0 }] }, 'clips[0].outUs', /after inUs/);
  });
});

describe('buildProject', () => {
  const video = (durationUs: number, extra: Partial<MediaFacts> = {}): MediaFacts => ({ durationUs, hasVideo: true, hasAudio: true, width: 1920, height: 1080, fps: 25, ...extra });
  const audioOnly = (durationUs: number): MediaFacts => ({ durationUs, hasVideo: false, hasAudio: true });
  const ids = (...keys: string[]): Record<string, AssetId> => Object.fromEntries(keys.map((k) => [k, `asset:${k}` as AssetId]));
  const job = (clips: RenderJob['clips'], output: RenderJob['output'] = {}, media: Record<string, string> = { a: 'a.mp4', b: 'b.mp4' }): RenderJob => ({ output, media, clips });

  it('places clips back to back, defaulting outUs to the media duration', () => {
    const p = buildProject(
      job([
        { media: 'a', inUs: 1_000_000 },
        { media: 'b', inUs: 0, outUs: 500_000 },
        { media: 'a', inUs: 0, outUs: 250_000 },
      ]),
      { a: video(3_000_000), b: video(2_000_000) },
      ids('a', 'b'),
    );
    const sound = { trackId: 'track:v1', volume: 1, fadeInUs: 0, fadeOutUs: 0 };
    expect(p.clips).toEqual([
      { id: 'clip:1', assetId: 'asset:a', startUs: 0, inUs: 1_000_000, outUs: 3_000_000, ...sound },
      { id: 'clip:2', assetId: 'asset:b', startUs: 2_000_000, inUs: 0, outUs: 500_000, ...sound },
      { id: 'clip:3', assetId: 'asset:a', startUs: 2_500_000, inUs: 0, outUs: 250_000, ...sound },
    ]);
    expect(p.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
  });

  it('clamps an out point past the end of the media', () => {
    const p = buildProject(job([{ media: 'a', inUs: 500_000, outUs: 9_000_000 }, { media: 'b', inUs: 0 }]), { a: video(2_000_000), b: video(1_000_000) }, ids('a', 'b'));
    expect(p.clips[0]!.outUs).toBe(2_000_000);
    expect(p.clips[1]!.startUs).toBe(1_500_000);
  });

  it('keeps fades within the clip, as the editor does (a 3 s fade on a 1 s clip cut off the sound at a third)', () => {
    const p = buildProject(
      job([{ media: 'a', inUs: 0, outUs: 1_000_000, fadeInUs: 3_000_000 }, { media: 'a', inUs: 0, outUs: 1_000_000, fadeInUs: 800_000, fadeOutUs: 800_000 }]),
      { a: video(2_000_000) },
      ids('a'),
    );
    expect(p.clips.map((c) => [c.fadeInUs, c.fadeOutUs])).toEqual([
      [1_000_000, 0],
      [800_000, 200_000],
    ]);
  });

  it('honours an explicit startUs and continues placement after it', () => {
    const p = buildProject(
      job([
        { media: 'a', inUs: 0, startUs: 4_000_000 },
        { media: 'b', inUs: 0 },
      ]),
      { a: video(1_000_000), b: video(1_000_000) },
      ids('a', 'b'),
    );
    expect(p.clips.map((c) => c.startUs)).toEqual([4_000_000, 5_000_000]);
  });

  it('throws a RangeError when inUs is at or past the end of the media', () => {
    const facts = { a: video(2_000_000), b: video(1_000_000) };
    expect(() => buildProject(job([{ media: 'a', inUs: 0 }, { media: 'b', inUs: 1_000_000 }]), facts, ids('a', 'b'))).toThrow(RangeError);
    expect(() => buildProject(job([{ media: 'a', inUs: 2_500_000 }]), facts, ids('a', 'b'))).toThrow(/clips\[0\] starts at 0:02\.500 of "a", past its end \(0:02\.000\)/);
  });

  it('throws a TypeError naming the clip when a media key has no probe result or asset id', () => {
    expect(() => buildProject(job([{ media: 'a', inUs: 0 }, { media: 'b', inUs: 0 }]), { a: video(1_000_000) }, ids('a', 'b'))).toThrow(
      new TypeError('clips[1].media has no probe result'),
    );
    expect(() => buildProject(job([{ media: 'a', inUs: 0 }]), { a: video(1_000_000) }, {})).toThrow(new TypeError('clips[0].media has no probe result'));
  });

  it('takes output settings from the first clip with video', () => {
    const p = buildProject(
      job([
        { media: 'b', inUs: 0 },
        { media: 'a', inUs: 0 },
      ]),
      { a: video(1_000_000, { width: 1280, height: 720, fps: 59.94 }), b: audioOnly(1_000_000) },
      ids('a', 'b'),
    );
    expect(p.output).toEqual({ width: 1280, height: 720, fps: 59.94, videoCodec: 'avc', audioCodec: 'auto' });
  });

  it('rounds a probed size to even numbers', () => {
    const p = buildProject(job([{ media: 'a', inUs: 0 }]), { a: video(1_000_000, { width: 1081, height: 607 }) }, ids('a'));
    expect(p.output.width % 2).toBe(0);
    expect(p.output.height % 2).toBe(0);
    expect(Math.abs(p.output.width - 1081)).toBe(1);
    expect(Math.abs(p.output.height - 607)).toBe(1);
  });

  it('takes the frame rate from the first moving video: a still has none (30 fps if nothing moves)', () => {
    const still = video(2_000_000, { width: 320, height: 180, fps: 0 });
    const p = buildProject(job([{ media: 'a', inUs: 0 }, { media: 'b', inUs: 0 }]), { a: still, b: video(1_000_000, { fps: 24 }) }, ids('a', 'b'));
    expect(p.output).toMatchObject({ width: 320, height: 180, fps: 24 });
    expect(buildProject(job([{ media: 'a', inUs: 0 }]), { a: still }, ids('a')).output.fps).toBe(30);
  });

  it('falls back to 1280×720 at 30 fps without any video', () => {
    const p = buildProject(job([{ media: 'a', inUs: 0 }]), { a: audioOnly(1_000_000) }, ids('a'));
    expect(p.output).toEqual({ width: 1280, height: 720, fps: 30, videoCodec: 'avc', audioCodec: 'auto' });
  });

  it('lets the job override every output setting', () => {
    const p = buildProject(
      job([{ media: 'a', inUs: 0 }], { width: 640, height: 360, fps: 24, audioCodec: 'aac', videoBitrate: 2_000_000 }),
      { a: video(1_000_000) },
      ids('a'),
    );
    expect(p.output).toEqual({ width: 640, height: 360, fps: 24, videoCodec: 'avc', audioCodec: 'aac', videoBitrate: 2_000_000 });
  });

  it('lists one asset per media key with its probe facts and path', () => {
    const p = buildProject(job([{ media: 'a', inUs: 0 }]), { a: video(1_000_000), b: audioOnly(2_000_000) }, ids('a', 'b'));
    expect(p.assets).toEqual([
      { id: 'asset:a', name: 'a.mp4', durationUs: 1_000_000, hasVideo: true, hasAudio: true },
      { id: 'asset:b', name: 'b.mp4', durationUs: 2_000_000, hasVideo: false, hasAudio: true },
    ]);
  });

  it('works end to end from parsed JSON', () => {
    const parsed = parseRenderJob(JSON.parse('{"output":{"fps":30},"media":{"x":"x.mp4"},"clips":[{"media":"x","inUs":250000},{"media":"x","outUs":250000}]}'));
    const p = buildProject(parsed, { x: video(1_000_000) }, ids('x'));
    expect(p.clips.map((c) => [c.startUs, c.inUs, c.outUs])).toEqual([
      [0, 250_000, 1_000_000],
      [750_000, 0, 250_000],
    ]);
    expect(p.output.fps).toBe(30);
    expect(p.output.width).toBe(1920);
  });
});

describe('render job regressions', () => {
  it('rejects media keys that are only inherited object properties', () => {
    for (const media of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expectBad({ media: { a: 'a.mp4' }, clips: [{ media }] }, 'clips[0].media');
  });

  it('rounds in/out before comparing them', () => {
    expectBad({ media: { a: 'a.mp4' }, clips: [{ media: 'a', inUs: 10.2, outUs: 10.4 }] }, 'clips[0].outUs');
  });

  it('keeps overlapping clips on one track (the app allows them; the later-starting one draws on top)', () => {
    const facts: Record<string, MediaFacts> = { a: { durationUs: 5_000_000, hasVideo: true, hasAudio: true, width: 640, height: 360, fps: 30 } };
    const job = parseRenderJob({ media: { a: 'a.mp4' }, clips: [{ media: 'a', outUs: 2_000_000 }, { media: 'a', outUs: 1_000_000, startUs: 500_000 }] });
    expect(buildProject(job, facts, { a: 'asset:a' as AssetId }).clips.map((c) => c.startUs)).toEqual([0, 500_000]);
  });

  it('refuses times past a day (hostile or broken files)', () => {
    expect(() => parseRenderJob({ media: { a: 'a.mp4' }, clips: [{ media: 'a', startUs: 1e14 }] })).toThrow(/clips\[0\]\.startUs must be between 0 and 86400000000/);
  });
});

describe('.spool.json round trip', () => {
  it('a project written by projectToJob parses and rebuilds with the same tracks, clips, sound and markers', async () => {
    const { projectToJob } = await import('./render-job.ts');
    const { emptyProject: empty, newClip: clipOf, newTrack } = await import('./project.ts');
    const project = empty('Trip');
    project.tracks = [newTrack('track:v2', 'video', 'Titles'), ...project.tracks];
    project.tracks[2]!.muted = true;
    project.assets = [{ id: 'asset:fp-1', name: 'a.mp4', durationUs: 9_000_000, hasVideo: true, hasAudio: true }];
    project.clips = [
      { ...clipOf({ id: 'clip:x', assetId: 'asset:fp-1', trackId: 'track:v1', startUs: 0, inUs: 1_000_000, outUs: 4_000_000 }), volume: 0.5, fadeInUs: 200_000 },
      clipOf({ id: 'clip:y', assetId: 'asset:fp-1', trackId: 'track:v2', startUs: 500_000, inUs: 0, outUs: 1_000_000 }),
    ];
    project.markers = [{ id: 'marker:m', timeUs: 2_000_000, label: 'beat' }];
    const json = JSON.parse(JSON.stringify(projectToJob(project, () => 'fp-1')));
    const job = parseRenderJob(json);
    expect(job.fingerprints).toEqual({ 'fp-1': 'fp-1' });
    const rebuilt = buildProject(job, { 'fp-1': { durationUs: 9_000_000, hasVideo: true, hasAudio: true, width: 640, height: 360, fps: 30 } }, { 'fp-1': 'asset:fp-1' as AssetId });
    expect(rebuilt.name).toBe('Trip');
    expect(rebuilt.tracks).toEqual(project.tracks);
    expect(rebuilt.output).toEqual(project.output);
    const strip = (c: { id: string }) => ({ ...c, id: undefined });
    expect(rebuilt.clips.map(strip)).toEqual(project.clips.map(strip));
    expect(rebuilt.markers.map((m) => [m.timeUs, m.label])).toEqual([[2_000_000, 'beat']]);
  });

  it('refuses hostile or broken tracks and references', () => {
    const media = { a: 'a.mp4' };
    expect(() => parseRenderJob({ media, tracks: [{ id: 'track:<img>', kind: 'video' }], clips: [{ media: 'a' }] })).toThrow(/tracks\[0\]\.id/);
    expect(() => parseRenderJob({ media, tracks: [{ id: 'track:v', kind: 'text' }], clips: [{ media: 'a' }] })).toThrow(/tracks\[0\]\.kind/);
    expect(() => parseRenderJob({ media, tracks: [{ id: 'track:v', kind: 'video' }], clips: [{ media: 'a', track: 'track:w' }] })).toThrow(/clips\[0\]\.track/);
    expect(() => parseRenderJob({ media, clips: [{ media: 'a', volume: 3 }] })).toThrow(/clips\[0\]\.volume/);
    expect(() => parseRenderJob({ media, fingerprints: { b: 'x' }, clips: [{ media: 'a' }] })).toThrow(/fingerprints\.b/);
  });
});

describe('output.background', () => {
  it('accepts a #rrggbb colour and refuses anything else', () => {
    expect(parseRenderJob({ output: { background: '#FF0000' }, media: { a: 'a.mp4' }, clips: [{ media: 'a' }] }).output.background).toBe('#ff0000');
    expect(() => parseRenderJob({ output: { background: 'red' }, media: { a: 'a.mp4' }, clips: [{ media: 'a' }] })).toThrow(/output\.background/);
  });
});

describe('.spool.json with titles, speed, picture and transitions', () => {
  it('saves two titles whose names share their first 40 characters as two (one was lost)', async () => {
    const { projectToJob } = await import('./render-job.ts');
    const job = parseRenderJob({ media: {}, titles: { ['k'.repeat(40) + 'AAAA']: { content: 'FIRST' }, ['k'.repeat(40) + 'BBBB']: { content: 'SECOND' } }, clips: [{ title: 'k'.repeat(40) + 'AAAA' }, { title: 'k'.repeat(40) + 'BBBB' }] });
    const saved = parseRenderJob(JSON.parse(JSON.stringify(projectToJob(buildProject(job, {}, {}), () => undefined))));
    const reopened = buildProject(saved, {}, {});
    expect(reopened.clips.map((c) => reopened.assets.find((a) => a.id === c.assetId)?.text?.content)).toEqual(['FIRST', 'SECOND']);
  });

  it('round-trips them, and refuses a broken title or transition', async () => {
    const { projectToJob } = await import('./render-job.ts');
    const { emptyProject: empty, newClip: clipOf, defaultTextStyle } = await import('./project.ts');
    const project = empty('Full');
    project.assets = [
      { id: 'asset:fp-1', name: 'a.mp4', durationUs: 9_000_000, hasVideo: true, hasAudio: true },
      { id: 'asset:title-t1', name: 'Hi', durationUs: 86_400_000_000, hasVideo: true, hasAudio: false, text: { ...defaultTextStyle('Hi'), background: '#000000' } },
    ];
    project.clips = [
      { ...clipOf({ id: 'clip:x', assetId: 'asset:fp-1', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 4_000_000 }), speed: 2, picture: { fit: 'cover', scale: 0.5, crop: { left: 0.1, top: 0, right: 0, bottom: 0 }, fadeInUs: 300_000, end: { scale: 0.7, x: 0.4, y: 0.5 } } },
      clipOf({ id: 'clip:y', assetId: 'asset:fp-1', trackId: 'track:v1', startUs: 2_000_000, inUs: 5_000_000, outUs: 7_000_000 }),
      clipOf({ id: 'clip:z', assetId: 'asset:title-t1', trackId: 'track:v1', startUs: 4_000_000, inUs: 0, outUs: 3_000_000 }),
    ];
    project.transitions = [{ id: 'transition:a', kind: 'dip', fromClipId: 'clip:x', toClipId: 'clip:y', durationUs: 500_000 }];
    const job = parseRenderJob(JSON.parse(JSON.stringify(projectToJob(project, () => 'fp-1'))));
    const rebuilt = buildProject(job, { 'fp-1': { durationUs: 9_000_000, hasVideo: true, hasAudio: true, width: 640, height: 360, fps: 30 } }, { 'fp-1': 'asset:fp-1' as AssetId });
    const strip = (c: { id: string }) => ({ ...c, id: undefined });
    expect(rebuilt.clips.map(strip)).toEqual(project.clips.map(strip));
    expect(rebuilt.assets.find((a) => a.text)).toMatchObject({ id: 'asset:title-t1', text: project.assets[1]!.text });
    expect(rebuilt.transitions).toEqual([{ id: 'transition:1', kind: 'dip', fromClipId: rebuilt.clips[0]!.id, toClipId: rebuilt.clips[1]!.id, durationUs: 500_000 }]);
    const base = { media: { a: 'a.mp4' }, clips: [{ media: 'a' }] };
    expect(() => parseRenderJob({ ...base, titles: { t: { content: 'x', color: 'red' } }, clips: [{ title: 't' }] })).toThrow(/titles\.t\.color/);
    expect(parseRenderJob({ ...base, titles: { t: { content: 'x', outline: true } }, clips: [{ title: 't' }] }).titles!.t!.outline).toBe(true);
    expect(() => parseRenderJob({ ...base, titles: { t: { content: 'x', outline: 'yes' } }, clips: [{ title: 't' }] })).toThrow('titles.t.outline must be true or false');
    expect(() => parseRenderJob({ ...base, titles: { t: { content: 'x', fontFamily: '<script>' } }, clips: [{ title: 't' }] })).toThrow(/titles\.t\.fontFamily/);
    expect(() => parseRenderJob({ ...base, clips: [{ title: 'nope' }] })).toThrow(/clips\[0\]\.title/);
    expect(() => parseRenderJob({ ...base, transitions: [{ from: 0, to: 5, kind: 'crossfade' }] })).toThrow(/transitions\[0\]\.to/);
    const two = { ...base, clips: [{ media: 'a' }, { media: 'a' }, { media: 'a' }] };
    expect(() => parseRenderJob({ ...two, transitions: [{ from: 1, to: 1, kind: 'wipe' }] })).toThrow('transitions[0].to must be another clip than from');
    expect(() => parseRenderJob({ ...two, transitions: [{ from: 0, to: 1, kind: 'wipe' }, { from: 0, to: 2, kind: 'dip' }] })).toThrow('transitions[1].from clip 0 already has a transition at its end');
    expect(() => parseRenderJob({ ...base, clips: [{ media: 'a', speed: 10 }] })).toThrow(/clips\[0\]\.speed/);
    expect(() => parseRenderJob({ ...base, clips: [{ media: 'a', picture: { fit: 'stretch' } }] })).toThrow(/clips\[0\]\.picture\.fit must be "contain"/);
    // An end value left out stays where the picture starts; a bad one is named.
    expect(parseRenderJob({ ...base, clips: [{ media: 'a', picture: { scale: 2, end: { x: 0.3 } } }] }).clips[0]!.picture).toEqual({ scale: 2, end: { scale: 2, x: 0.3, y: 0.5 } });
    expect(() => parseRenderJob({ ...base, clips: [{ media: 'a', picture: { end: { scale: 50 } } }] })).toThrow(/clips\[0\]\.picture\.end\.scale/);
    expect(() => parseRenderJob({ ...base, clips: [{ media: 'a', picture: { fadeOutUs: -1 } }] })).toThrow(/clips\[0\]\.picture\.fadeOutUs/);
    expect(parseRenderJob({ ...base, clips: [{ media: 'a', picture: { key: { color: '#00B140' } } }] }).clips[0]!.picture).toEqual({ key: { color: '#00b140', tolerance: 0.15 } });
    expect(() => parseRenderJob({ ...base, clips: [{ media: 'a', picture: { key: { color: 'green' } } }] })).toThrow('clips[0].picture.key.color must be a colour like "#00b140"');
    expect(() => parseRenderJob({ ...base, clips: [{ media: 'a', picture: { key: { color: '#00ff00', tolerance: 2 } } }] })).toThrow(/clips\[0\]\.picture\.key\.tolerance/);
    expect(parseRenderJob({ ...base, output: { container: 'webm', videoCodec: 'av1' } }).output).toEqual({ container: 'webm', videoCodec: 'av1' });
    expect(() => parseRenderJob({ ...base, output: { videoCodec: 'h264' } })).toThrow('output.videoCodec must be one of avc, hevc, av1, vp9, vp8');
    expect(() => parseRenderJob({ ...base, output: { container: 'avi' } })).toThrow('output.container must be one of mp4, webm, m4a');
  });
});

describe('strict fields and names (files and links are untrusted)', () => {
  const media = { a: 'a.mp4' };
  it('names a field it does not know, at any depth', () => {
    expectBad({ media, clips: [{ media: 'a' }], colour: 'red' }, 'project.colour', /is not a field Spool knows/);
    expectBad({ media, clips: [{ media: 'a', sped: 2 }] }, 'clips[0].sped', /is not a field Spool knows/);
    expectBad({ media, clips: [{ media: 'a', picture: { crop: { left: 0.1, middle: 0 } } }] }, 'clips[0].picture.crop.middle', /is not a field/);
    expectBad({ output: { width: 640, depth: 8 }, media, clips: [{ media: 'a' }] }, 'output.depth', /is not a field/);
  });

  it('refuses names that reach a prototype, and overlong names', () => {
    expectBad(JSON.parse('{"media":{"a":"a.mp4","__proto__":"b.mp4"},"clips":[{"media":"a"}]}'), 'media.__proto__', /not an allowed name/);
    expectBad(JSON.parse('{"media":{"a":"a.mp4"},"clips":[{"media":"a","__proto__":{"x":1}}]}'), 'clips[0].__proto__', /is not a field/);
    expectBad({ media: { a: 'a.mp4', constructor: 'b.mp4' }, clips: [{ media: 'a' }] }, 'media.constructor', /not an allowed name/);
    expectBad({ media: { ['k'.repeat(65)]: 'a.mp4' }, clips: [{ media: 'k'.repeat(65) }] }, `media.${'k'.repeat(40)}`, /1 to 64 characters/);
    expectBad({ media: { a: 'p'.repeat(4097) }, clips: [{ media: 'a' }] }, 'media.a', /at most 4096/);
  });

  it('fingerprints must be safe as ids; mediaInfo must be a duration and a kind of a named file', () => {
    expectBad({ media, fingerprints: { a: 'fp:<x>' }, clips: [{ media: 'a' }] }, 'fingerprints.a', /must be a fingerprint/);
    expectBad({ media, mediaInfo: { b: { durationUs: 1, kind: 'video' } }, clips: [{ media: 'a' }] }, 'mediaInfo.b', /must name an entry of "media"/);
    expectBad({ media, mediaInfo: { a: { durationUs: -1, kind: 'video' } }, clips: [{ media: 'a' }] }, 'mediaInfo.a.durationUs', /between 1 and/);
    expectBad({ media, mediaInfo: { a: { durationUs: 1, kind: 'image' } }, clips: [{ media: 'a' }] }, 'mediaInfo.a.kind', /video, audio, video\+audio/);
    expect(parseRenderJob({ media, fingerprints: { a: 'fp-3f-0a1b' }, mediaInfo: { a: { durationUs: 2_000_000, kind: 'audio' } }, clips: [{ media: 'a' }] }).mediaInfo).toEqual({ a: { durationUs: 2_000_000, kind: 'audio' } });
  });

  it('a project of titles only needs no media; a locked track stays locked', () => {
    const job = parseRenderJob({ media: {}, titles: { t: { content: 'Hi' } }, tracks: [{ id: 'track:v1', kind: 'video', locked: true }], clips: [{ title: 't' }] });
    const project = buildProject(job, {}, {});
    expect(project.clips).toHaveLength(1);
    expect(project.tracks[0]!.locked).toBe(true);
  });

  it('titles whose keys come out alike as ids ("a b", "a_b") stay two titles', () => {
    const job = parseRenderJob({ media: {}, titles: { 'a b': { content: 'first' }, a_b: { content: 'second' } }, clips: [{ title: 'a b' }, { title: 'a_b' }] });
    const project = buildProject(job, {}, {});
    const words = project.clips.map((c) => project.assets.find((a) => a.id === c.assetId)?.text?.content);
    expect(words).toEqual(['first', 'second']);
    expect(new Set(project.assets.map((a) => a.id)).size).toBe(2);
  });
});

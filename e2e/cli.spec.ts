import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixture, inspectInBrowser, makeBadFiles, tempDir } from './helpers.ts';

const SPOOL = fileURLToPath(new URL('../src/cli/spool.js', import.meta.url));

function spool(...args: string[]) {
  const run = spawnSync(process.execPath, [SPOOL, ...args], { encoding: 'utf8', timeout: 170_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^spool: building the app…\n/m, '') };
}

test('probe prints the file as JSON', () => {
  const run = spool('probe', fixture('barcode-h264-aac.mp4'));
  expect(run.code).toBe(0);
  const probe = JSON.parse(run.stdout);
  expect(probe).toMatchObject({ container: 'mp4', durationUs: 10_000_000, name: 'barcode-h264-aac.mp4' });
  expect(probe.tracks[0]).toMatchObject({ kind: 'video', codedWidth: 640, codedHeight: 360, displayWidth: 640, displayHeight: 360, rotation: 0, fps: 30, frameCount: 300, keyframeCount: 5 });
  expect(probe.tracks[0].codec).toMatch(/^avc1\.64/);
  expect(probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'mp4a.40.2', sampleRate: 48000, channels: 2 });
});

test("probe names the PCM sound of a MOV (a camera's or screen recorder's) and says it plays", () => {
  const run = spool('probe', fixture('sound-pcm.mov'));
  expect(run.code).toBe(0);
  const probe = JSON.parse(run.stdout);
  expect(probe.notice).toBeUndefined();
  expect(probe.tracks[1]).toEqual({ kind: 'audio', codec: 'pcm-s16le', codecName: '16-bit PCM (little-endian)', sampleRate: 22050, channels: 2, durationUs: 1_000_000, decodable: true });
});

test('probe fails on bad input with one line and exit 1', () => {
  const bad = makeBadFiles(tempDir());
  const cases: [string, RegExp][] = [
    [bad.empty, /^spool: "empty\.mp4" is empty \(0 bytes\): it is not a video file\.\n$/],
    [bad.noise, /^spool: "noise\.mp4" is not a video file: its contents match no video, audio or image format Spool knows\.\n$/],
    [bad.truncated, /^spool: "truncated\.mp4" is cut short: .*\n$/],
    ['/no/such/file.mp4', /^spool: \/no\/such\/file\.mp4: no such file\n$/],
  ];
  for (const [path, message] of cases) {
    const run = spool('probe', path);
    expect(run.code, path).toBe(1);
    expect(run.stderr).toMatch(message);
  }
});

test('probe reads a file by its contents, not its name', () => {
  const bad = makeBadFiles(tempDir());
  const run = spool('probe', bad.png);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ container: 'image', notice: '"picture.mp4" is really a PNG image, whatever its .mp4 name says; it was imported as such.' });
});

test('render --from 2 --to 5 writes exactly frames 60–149, with audio, and --stats', async ({ page }) => {
  const dir = tempDir();
  const out = join(dir, 'trim.mp4');
  const statsPath = join(dir, 'stats.json');
  const run = spool('render', fixture('barcode-h264-aac.mp4'), '--from', '2', '--to', '5', '-o', out, '--stats', statsPath);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('spool: wrote');
  const stats = JSON.parse(readFileSync(statsPath, 'utf8'));
  expect(stats).toMatchObject({ frames: 90, path: 'reencode', hardwareAcceleration: expect.stringMatching(/hardware|no-preference/) });
  for (const key of ['wallMs', 'fps', 'peakMemoryBytes', 'outputBytes']) expect(stats[key], key).toBeGreaterThan(0);
  for (const stage of ['demux', 'decode', 'composite', 'encode', 'mux']) expect(stats.stages[stage], stage).toBeGreaterThanOrEqual(0);
  expect(stats.videoCodec).toMatch(/^avc1\./);
  expect(['mp4a.40.2', 'opus']).toContain(stats.audioCodec);
  const inspected = await inspectInBrowser(page, out);
  expect(inspected.frameIndices).toEqual(Array.from({ length: 90 }, (_, i) => 60 + i));
  expect(inspected.beepOnsetsUs).toHaveLength(3);
  expect(readdirSync(dir).sort()).toEqual(['stats.json', 'trim.mp4']);
});

test('render PROJECT.json joins clips as the project says', async ({ page }) => {
  const dir = tempDir();
  const projectPath = join(dir, 'join.json');
  writeFileSync(
    projectPath,
    JSON.stringify({
      output: { width: 320, height: 180, fps: 30 },
      media: { bars: fixture('barcode-h264-aac.mp4') },
      clips: [
        { media: 'bars', inUs: 0, outUs: 500_000 },
        { media: 'bars', inUs: 6_000_000, outUs: 6_500_000 },
      ],
    }),
  );
  const out = join(dir, 'join.mp4');
  const run = spool('render', projectPath, '-o', out);
  expect(run.code, run.stderr).toBe(0);
  const inspected = await inspectInBrowser(page, out);
  expect([inspected.width, inspected.height]).toEqual([320, 180]);
  expect(inspected.frameIndices).toEqual([...Array.from({ length: 15 }, (_, i) => i), ...Array.from({ length: 15 }, (_, i) => 180 + i)]);
});

test('render draws titles, speed and transitions from a project file', async ({ page }) => {
  const dir = tempDir();
  const projectPath = join(dir, 'titled.spool.json');
  writeFileSync(
    projectPath,
    JSON.stringify({
      output: { width: 320, height: 180, fps: 30 },
      media: { bars: fixture('barcode-h264-aac.mp4') },
      titles: { hello: { content: 'Hello', y: 0.8, background: '#00ff00' } },
      tracks: [
        { id: 'track:titles', kind: 'video', name: 'Titles' },
        { id: 'track:v1', kind: 'video', name: 'Video' },
      ],
      clips: [
        { media: 'bars', track: 'track:v1', inUs: 0, outUs: 2_000_000, speed: 2 },
        { title: 'hello', track: 'track:titles', startUs: 0, outUs: 1_000_000 },
      ],
    }),
  );
  const out = join(dir, 'titled.mp4');
  const run = spool('render', projectPath, '-o', out);
  expect(run.code, run.stderr).toBe(0);
  const inspected = await inspectInBrowser(page, out);
  // 2 s of source at 2× is 1 s: every other frame; the title sits low, leaving the barcode band readable.
  expect(inspected.frameIndices).toEqual(Array.from({ length: 30 }, (_, i) => 2 * i));
});

test('render refuses what it cannot do, leaving no output file', () => {
  const dir = tempDir();
  const hevcOut = join(dir, 'hevc.mp4');
  const hevc = spool('render', fixture('hevc.mp4'), '-o', hevcOut);
  expect(hevc.code).toBe(1);
  expect(hevc.stderr).toMatch(/^spool: This browser can't decode HEVC \(H\.265\) video \("hevc\.mp4"\)\. .*\n$/);
  expect(existsSync(hevcOut)).toBe(false);

  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, JSON.stringify({ media: { a: fixture('barcode-h264-aac.mp4') }, clips: [{ media: 'b' }] }));
  const project = spool('render', badJson, '-o', join(dir, 'x.mp4'));
  expect(project.code).toBe(1);
  expect(project.stderr).toMatch(/^spool: .*bad\.json: clips\[0\]\.media must name an entry of "media"\n$/);

  const mov = spool('render', fixture('barcode-h264-aac.mp4'), '-o', join(dir, 'x.mov'));
  expect(mov.code).toBe(1);
  expect(mov.stderr).toMatch(/^spool: .*x\.mov: the output must end in \.mp4, \.webm or \.m4a\n$/);
  const misfit = spool('render', fixture('barcode-h264-aac.mp4'), '-o', join(dir, 'x.webm'), '--video-codec', 'avc');
  expect(misfit.code).toBe(1);
  expect(misfit.stderr).toBe('spool: --video-codec avc cannot go in a WEBM file (it takes vp9, av1, vp8)\n');
  const soundOnly = spool('render', fixture('barcode-h264-aac.mp4'), '-o', join(dir, 'x.m4a'), '--video-codec', 'avc');
  expect(soundOnly.code).toBe(1);
  expect(soundOnly.stderr).toBe('spool: --video-codec avc: an M4A file holds sound only\n');
  // Writing over one of its own sources would destroy what it reads.
  const source = join(dir, 'self.mp4');
  copyFileSync(fixture('barcode-h264-aac.mp4'), source);
  const self = spool('render', source, '--to', '1', '-o', source);
  expect(self.code).toBe(1);
  expect(self.stderr).toMatch(/^spool: .*self\.mp4: this is one of the project's own media files; write the export to another file\n$/);
  expect(readFileSync(source).equals(readFileSync(fixture('barcode-h264-aac.mp4')))).toBe(true);

  const usage = spool('render', fixture('barcode-h264-aac.mp4'));
  expect(usage.code).toBe(1);
  expect(usage.stderr).toContain('render needs -o OUT.mp4 (or .webm, .m4a)');
  expect(readdirSync(dir).sort()).toEqual(['bad.json', 'self.mp4']);
});

test('render --renderer webgpu and webgl2 draw the same frames (titles, picture settings, a crossfade)', async ({ page }) => {
  const dir = tempDir();
  const projectPath = join(dir, 'effects.json');
  writeFileSync(
    projectPath,
    JSON.stringify({
      output: { width: 320, height: 180, fps: 30 },
      media: { bars: fixture('barcode-h264-aac.mp4') },
      tracks: [
        { id: 'track:v2', kind: 'video', name: 'Titles' },
        { id: 'track:v1', kind: 'video', name: 'Video' },
      ],
      titles: { hello: { content: 'Hello', size: 0.15, color: '#ffffff', align: 'center', x: 0.5, y: 0.8, background: '#000000' } },
      clips: [
        { media: 'bars', track: 'track:v1', inUs: 1_000_000, outUs: 2_000_000, picture: { saturation: 1.4, brightness: 0.05 } },
        { media: 'bars', track: 'track:v1', inUs: 5_000_000, outUs: 6_000_000 },
        { title: 'hello', track: 'track:v2', startUs: 0, outUs: 2_000_000 },
      ],
      transitions: [{ from: 0, to: 1, kind: 'crossfade', durationUs: 400_000 }],
    }),
  );
  const frames: number[][] = [];
  for (const renderer of ['webgpu', 'webgl2']) {
    const out = join(dir, `${renderer}.mp4`);
    const statsPath = join(dir, `${renderer}.json`);
    const run = spool('render', projectPath, '-o', out, '--stats', statsPath, '--renderer', renderer);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(statsPath, 'utf8'))).toMatchObject({ frames: 60, renderer });
    frames.push((await inspectInBrowser(page, out)).frameIndices);
  }
  expect(frames[0]!.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 30 + i));
  expect(frames[1]).toEqual(frames[0]);
  const refused = spool('render', projectPath, '-o', join(dir, 'x.mp4'), '--renderer', 'metal');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^spool: --renderer is auto, webgpu or webgl2\n/);
});

test('render writes WebM (VP9 by default, AV1 asked for) and M4A by the output name', async ({ page }) => {
  const dir = tempDir();
  // A saved project names H.264 (the app's default) and here AAC: to WebM they give way to VP9 and Opus, and it says so.
  const saved = join(dir, 'saved.json');
  writeFileSync(saved, JSON.stringify({ output: { videoCodec: 'avc', audioCodec: 'aac' }, media: { a: fixture('barcode-h264-aac.mp4') }, clips: [{ media: 'a', inUs: 1_000_000, outUs: 2_000_000 }] }));
  const runs: [string, string[], RegExp | null][] = [
    ['clip.webm', [], /^vp09\./],
    ['clip-av1.webm', ['--video-codec', 'av1'], /^av01\./],
    ['clip.m4a', [], null],
    ['saved.webm', [], /^vp09\./],
  ];
  for (const [name, extra, codec] of runs) {
    const out = join(dir, name);
    const statsPath = join(dir, `${name}.json`);
    const input = name === 'saved.webm' ? [saved] : [fixture('barcode-h264-aac.mp4'), '--from', '1', '--to', '2'];
    const run = spool('render', ...input, '-o', out, '--stats', statsPath, ...extra);
    expect(run.code, run.stderr).toBe(0);
    if (name === 'saved.webm') expect(run.stderr).toContain("spool: the project's avc cannot go in a WEBM file: writing vp9\n");
    if (name === 'saved.webm') expect(run.stderr).toContain('spool: the project asks for AAC sound, which a WEBM file cannot hold: writing opus\n');
    const stats = JSON.parse(readFileSync(statsPath, 'utf8'));
    expect(stats.container).toBe(name.endsWith('.m4a') ? 'm4a' : 'webm');
    const inspected = await inspectInBrowser(page, out);
    if (codec) {
      expect(inspected.videoCodec).toMatch(codec);
      expect(inspected.frameIndices).toEqual(Array.from({ length: 30 }, (_, i) => 30 + i));
    } else expect(inspected.videoCodec).toBeNull();
    expect(inspected.beepOnsetsUs).toHaveLength(1);
  }
});

test('render copies the video when nothing needs drawing (cuts on keyframes): --stats says copy', async ({ page }) => {
  const dir = tempDir();
  const out = join(dir, 'copy.mp4');
  const statsPath = join(dir, 'copy.json');
  const run = spool('render', fixture('barcode-nobframes.mp4'), '--from', '2', '--to', '4', '-o', out, '--stats', statsPath);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(readFileSync(statsPath, 'utf8'))).toMatchObject({ path: 'copy', frames: 60 });
  expect((await inspectInBrowser(page, out)).frameIndices).toEqual(Array.from({ length: 60 }, (_, i) => 60 + i));
});

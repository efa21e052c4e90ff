#!/usr/bin/env node
// Drives the built Spool app in WebKitGTK (the nearest engine to Safari here: no WebGPU, so the
// WebGL2 compositor runs) and prints a JSON summary. For developers, not CI.
// Steps: load; open the sample (import into browser storage, first frame shown); play 2 s (stats); export as it
// comes (a stream copy); export re-encoded (the clip at half volume, 540p: compositor, video and audio encoders).
// Each export is downloaded through its Download link and, where ffmpeg is installed, checked against the sample:
// its codecs, its pictures' PSNR (copy: identical; re-encoded: at least 25 dB) and its sound's level (copy: the
// sample's; re-encoded: 6 dB down, ±1.5).
//
// Needs (Debian, as root, ~300 MB):
//   apt-get update && apt-get install -y webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb xauth python3-gi gir1.2-webkit2-4.1 \
//     gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-gl
// and a served build:  npx vite build && npx vite preview --port 4310 --host 127.0.0.1 &
// ffmpeg/ffprobe (optional) check the exported files' contents.
//
// Usage:
//   node e2e/webkit/check-app.mjs [URL ...] [--features=+AllowWebGLInWorkers,...] [--warm-media] [--out=DIR] [--video-codec=C] [--skip-export]
//     URL            default http://127.0.0.1:4310/ ; several URLs run one after another, each in a fresh browser and profile
//     --features     WebKit feature flags for the browser (wkbrowser.py --features=), e.g. +AllowWebGLInWorkers
//                    (default +StorageAPI,+StorageAPIEstimate,+FileSystem,+FileSystemWritableStream; -StorageAPI: WebKitGTK's own)
//     --warm-media   call document.createElement('video').canPlayType('video/mp4') on a blank page before loading the app
//                    (the test-side workaround for WebKit bug 320327; without it, this checks whether the app does it itself)
//     --out=DIR      where screenshots, exported files and the browser's console log go (default /tmp/spool-webkit-check)
//     --video-codec=C the re-encoded export's video codec (avc, hevc, av1, vp9, vp8; default: the panel's choice)
//     --skip-export  stop after playback (else: export as it comes, a stream copy; then re-encoded at half volume and 540p)
//     --probe-only   only load the page and report what the platform offers (main thread and worker)
// Starts its own Xvfb (free display) and WebKitWebDriver (free port), and stops them at the end.
// Exit code: 0 when every step passed for every URL, 1 otherwise, 2 on a harness error.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
const urls = args.filter((a) => !a.startsWith('--'));
if (urls.length === 0) urls.push('http://127.0.0.1:4310/');
const features = flag('features') ?? '+StorageAPI,+StorageAPIEstimate,+FileSystem,+FileSystemWritableStream';
const warmMedia = args.includes('--warm-media');
const skipExport = args.includes('--skip-export');
const encodeCodec = flag('video-codec');
const probeOnly = args.includes('--probe-only');
const outDir = flag('out') ?? join(tmpdir(), 'spool-webkit-check');
const browserBinary = process.env.WK_BROWSER ?? join(here, 'wkbrowser.py');
mkdirSync(outDir, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.error('[check-app]', ...m);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Xvfb on the first free display (it writes the number to fd 3). */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let buf = '';
    proc.stdio[3].on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve({ proc, display: `:${buf.trim()}` });
    });
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

/** WebKitWebDriver; the browser it starts inherits its stdout, where wkbrowser.py writes console messages. */
async function startDriver(display, consoleLines) {
  const port = await freePort();
  const proc = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, DISPLAY: display, JSC_useSharedArrayBuffer: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (stream) => {
    let rest = '';
    stream.on('data', (d) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop();
      for (const line of lines) if (line.trim()) consoleLines.push(line);
    });
  };
  collect(proc.stdout);
  collect(proc.stderr);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) return { proc, base };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error('WebKitWebDriver did not start');
}

class WebDriver {
  constructor(base) {
    this.base = base;
  }
  async rq(method, path, body) {
    const r = await fetch(this.base + path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const j = await r.json();
    // A WebDriver error comes with an error status; a script may return an object with an `error` key of its own.
    if (!r.ok && j.value && j.value.error) throw new Error(`${j.value.error}: ${j.value.message}`);
    return j.value;
  }
  async start(dataDir) {
    const browserArgs = ['--automation', `--data-dir=${dataDir}`];
    if (features) browserArgs.push(`--features=${features}`);
    const s = await this.rq('POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'wkbrowser', 'webkitgtk:browserOptions': { binary: browserBinary, args: browserArgs } } },
    });
    this.id = s.sessionId;
    this.capabilities = s.capabilities;
    await this.s('POST', '/timeouts', { script: 300000, pageLoad: 60000, implicit: 0 });
  }
  s(method, path, body) {
    return this.rq(method, `/session/${this.id}${path}`, body);
  }
  exec(script, a = []) {
    return this.s('POST', '/execute/sync', { script, args: a });
  }
  async find(using, value) {
    const found = await this.s('POST', '/elements', { using, value });
    return found.map((e) => Object.values(e)[0]);
  }
  click(el) {
    return this.s('POST', `/element/${el}/click`, {});
  }
  async quit() {
    if (this.id) await this.s('DELETE', '').catch(() => undefined);
  }
}

/** Share of pixels that are not (near) black, and the mean brightness, of a PNG. */
function pictureStats(buffer) {
  const png = PNG.sync.read(buffer);
  let lit = 0;
  let sum = 0;
  const distinct = new Set();
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const r = png.data[4 * i];
    const g = png.data[4 * i + 1];
    const b = png.data[4 * i + 2];
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += y;
    if (y > 24) lit++;
    if (i % 97 === 0) distinct.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
  }
  return { width: png.width, height: png.height, litFraction: +(lit / n).toFixed(3), meanLuma: +(sum / n).toFixed(1), colours: distinct.size };
}
const isPicture = (st) => st.litFraction > 0.05 && st.colours > 8;

/**
 * A download wkbrowser.py reported, kept as `keepAs`: its size and first box type, and with ffmpeg its streams, its
 * pictures' PSNR against `source` (scaled to the export's size, frame by frame) and its sound's mean volume beside the source's.
 */
function inspectDownload(line, keepAs, source) {
  if (line.startsWith('download failed:')) return { error: line };
  copyFileSync(line.slice('download finished:'.length).trim(), keepAs);
  const bytes = readFileSync(keepAs);
  const found = { path: keepAs, bytes: bytes.length, ftyp: bytes.subarray(4, 8).toString('latin1') };
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height,sample_rate:format=duration', '-of', 'json', keepAs], { encoding: 'utf8' });
  if (probe.error) return { ...found, ffprobe: 'ffprobe not installed' };
  let parsed;
  try {
    parsed = JSON.parse(probe.stdout);
  } catch {
    return { ...found, ffprobe: probe.stderr.trim() };
  }
  const video = parsed.streams.find((st) => st.width);
  const ffmpeg = (...a) => spawnSync('ffmpeg', ['-hide_banner', '-nostats', ...a], { encoding: 'utf8' }).stderr;
  const meanVolume = (file) => Number(/mean_volume: (-?[\d.]+) dB/.exec(ffmpeg('-i', file, '-vn', '-af', 'volumedetect', '-f', 'null', '-'))?.[1]);
  const psnr = video ? /average:([\d.]+|inf)/.exec(ffmpeg('-i', keepAs, '-i', source, '-lavfi', `[1:v]scale=${video.width}:${video.height}[ref];[0:v][ref]psnr`, '-f', 'null', '-'))?.[1] : undefined;
  return {
    ...found,
    ffprobe: { durationS: Number(parsed.format?.duration), streams: parsed.streams },
    psnrDb: psnr === 'inf' ? 'inf' : Number(psnr),
    meanVolumeDb: meanVolume(keepAs),
    sourceMeanVolumeDb: meanVolume(source),
  };
}

/** Text of every alert on the page (the error banner, export errors). */
const ALERTS = `return [...document.querySelectorAll('[role=alert], .error-banner')].map(e => e.textContent.trim()).filter(Boolean)`;
const HOOK_ERRORS = `
  if (!window.__wkErrors) {
    window.__wkErrors = [];
    addEventListener('error', e => window.__wkErrors.push('error: ' + (e.message || e.error)));
    addEventListener('unhandledrejection', e => window.__wkErrors.push('unhandledrejection: ' + (e.reason && (e.reason.stack || e.reason.message) || e.reason)));
  }
  return true;`;

/**
 * What the platform offers on the main thread and in a dedicated worker (where Spool's engine and
 * library run): WebGPU, WebGL2 on OffscreenCanvas, OPFS writers, WebCodecs. Touches no app state
 * (the OPFS probe writes and removes "wk-probe-main" and "wk-probe-worker").
 */
const PROBE_BODY = `async function probe(name) {
  const r = {};
  r.webgpu = 'gpu' in navigator;
  try { r.webgpuAdapter = r.webgpu ? !!(await navigator.gpu.requestAdapter()) : false; } catch (e) { r.webgpuAdapter = String(e); }
  try { r.webgl2Offscreen = typeof OffscreenCanvas === 'undefined' ? 'no OffscreenCanvas' : !!new OffscreenCanvas(1, 1).getContext('webgl2'); } catch (e) { r.webgl2Offscreen = String(e); }
  try { r.context2dOffscreen = !!new OffscreenCanvas(1, 1).getContext('2d'); } catch (e) { r.context2dOffscreen = String(e); }
  r.videoEncoder = typeof VideoEncoder; r.videoDecoder = typeof VideoDecoder; r.audioEncoder = typeof AudioEncoder;
  try {
    const root = await navigator.storage.getDirectory();
    const h = await root.getFileHandle(name, { create: true });
    r.opfsCreateWritable = typeof h.createWritable; r.opfsCreateSyncAccessHandle = typeof h.createSyncAccessHandle; r.opfsMove = typeof h.move;
    if (h.createSyncAccessHandle) { try { const a = await h.createSyncAccessHandle(); a.write(new Uint8Array(4), { at: 0 }); a.flush(); a.close(); r.opfsSyncWrite = 'ok'; } catch (e) { r.opfsSyncWrite = String(e); } }
    if (h.createWritable) { try { const w = await h.createWritable(); await w.write(new Uint8Array(4)); await w.close(); r.opfsWritableWrite = 'ok'; } catch (e) { r.opfsWritableWrite = String(e); } }
    await root.removeEntry(name);
  } catch (e) { r.opfs = String(e); }
  return r;
}`;
const PROBE = `const done = arguments[arguments.length - 1];
  ${PROBE_BODY}
  const src = URL.createObjectURL(new Blob([PROBE_SRC_PLACEHOLDER + '; probe(\\'wk-probe-worker\\').then(r => postMessage(r), e => postMessage({ error: String(e) }));'], { type: 'text/javascript' }));
  const w = new Worker(src);
  const inWorker = new Promise(res => { w.onmessage = e => res(e.data); w.onerror = e => res({ error: String(e.message || e) }); setTimeout(() => res({ error: 'timeout' }), 10000); });
  Promise.all([probe('wk-probe-main'), inWorker]).then(([mainThread, worker]) => { w.terminate(); done({ userAgent: navigator.userAgent, crossOriginIsolated: self.crossOriginIsolated, mainThread, worker }); }, e => done({ error: String(e) }));`.replace(
  'PROBE_SRC_PLACEHOLDER',
  JSON.stringify(PROBE_BODY),
);

async function waitFor(wd, check, timeoutMs, stepMs = 250) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) return null;
    await sleep(stepMs);
  }
}

async function checkUrl(wd, url, tag, consoleLines, result) {
  const step = (name, data) => (result.steps[name] = data);
  const stepStarted = (name) => (result.steps[name] = { ok: false, unfinished: true });
  const alertsNow = async () => {
    const a = await wd.exec(ALERTS);
    for (const t of a) if (!result.alerts.includes(t)) result.alerts.push(t);
    return a;
  };
  const shot = async (name) => {
    await sleep(400); // screenshots right after an action can be stale
    const [preview] = await wd.find('css selector', '[data-testid=preview]');
    const whole = Buffer.from(await wd.s('GET', '/screenshot'), 'base64');
    writeFileSync(join(outDir, `${tag}-${name}-page.png`), whole);
    if (!preview) return { file: null, error: 'no [data-testid=preview]' };
    const png = Buffer.from(await wd.s('GET', `/element/${preview}/screenshot`), 'base64');
    const file = join(outDir, `${tag}-${name}-preview.png`);
    writeFileSync(file, png);
    const st = pictureStats(png);
    return { file, ...st, picture: isPicture(st) };
  };

  /** The app's sample (what the exports are compared with), fetched once from the server under test. */
  let source = null;
  const sourceFile = async () => {
    if (!source) {
      source = join(outDir, `${tag}-source.mp4`);
      writeFileSync(source, Buffer.from(await (await fetch(new URL('samples/sample.mp4', url))).arrayBuffer()));
    }
    return source;
  };

  // The test-side workaround for WebKit bug 320327, before the app runs (it asks its encoders at start-up):
  // the media framework is started once per web process, by a blank page the app's page then replaces.
  if (warmMedia) {
    await wd.s('POST', '/url', { url: 'about:blank' });
    await wd.exec(`return document.createElement('video').canPlayType('video/mp4')`);
  }

  // 1. Load.
  stepStarted('load');
  const t0 = Date.now();
  await wd.s('POST', '/url', { url });
  await wd.exec(HOOK_ERRORS);
  const loaded = await waitFor(wd, () => wd.exec(`return !!document.querySelector('[data-testid=preview]') && document.readyState === 'complete'`), 20000);
  await sleep(1500); // the engine worker attaches the preview (and picks a compositor) after mount
  const env = await wd.s('POST', '/execute/async', { script: PROBE, args: [] }).catch((e) => ({ error: String(e.message ?? e) }));
  step('load', { ok: !!loaded, ms: Date.now() - t0, env, alerts: await alertsNow() });

  if (probeOnly) {
    result.ok = result.steps.load.ok;
    return result;
  }

  // 2. Open sample.
  stepStarted('openSample');
  const [sample] = await wd.find('xpath', `//button[normalize-space()='Open sample']`);
  if (!sample) {
    step('openSample', { ok: false, error: 'no "Open sample" button' });
  } else {
    await wd.click(sample);
    const clip = await waitFor(wd, async () => (await wd.find('css selector', '[data-testid=clip]')).length > 0 || ((await alertsNow()).length > 0 && 'alert'), 90000);
    await sleep(2000); // the first frame is drawn after the clip lands
    const clips = (await wd.find('css selector', '[data-testid=clip]')).length;
    const preview = await shot('sample');
    step('openSample', { ok: clips > 0 && preview.picture === true, clips, waited: clip, preview, alerts: await alertsNow() });
  }

  // 4. Play, then stats.
  stepStarted('play');
  const [play] = await wd.find('css selector', '[data-testid=play]');
  if (!play || !(await wd.exec(`return !document.querySelector('[data-testid=play]').disabled`))) {
    step('play', { ok: false, error: play ? 'Play is disabled' : 'no Play button' });
  } else {
    await wd.click(play);
    await sleep(2000);
    const [toggle] = await wd.find('css selector', '[data-testid=stats-toggle]');
    if (toggle) await wd.click(toggle);
    const raw = await waitFor(wd, () => wd.exec(`const e = document.querySelector('[data-testid=playback-stats]'); return e && e.getAttribute('data-stats')`), 3000);
    let stats = null;
    try {
      stats = raw ? JSON.parse(raw) : null;
    } catch {
      stats = raw;
    }
    const preview = await shot('playing');
    const playing = await wd.exec(`return document.querySelector('[data-testid=play]').getAttribute('aria-pressed')`);
    // Pause again (no-op if it already ended).
    if (playing === 'true') await wd.click(play);
    step('play', { ok: !!stats && stats.framesShown > 0, playingAfter2s: playing, stats, preview, alerts: await alertsNow() });
  }

  /**
   * Exports with the panel as it is set, downloads the file and checks it: `expect.codecs` (ffprobe's names) among its
   * streams, its pictures at least `expect.minPsnrDb` against the source, its sound `expect.volumeDb` (±1.5) from the source's.
   */
  const exportStep = async (name, expect) => {
    stepStarted(name);
    const [exportButton] = await wd.find('css selector', '[data-testid=export-button]');
    if (!exportButton || !(await wd.exec(`return !document.querySelector('[data-testid=export-button]').disabled`))) {
      step(name, { ok: false, error: exportButton ? 'Export is disabled' : 'no Export button' });
      return;
    }
    const panel = await wd.exec(`return {
      videoCodecs: [...document.querySelectorAll('[data-testid=export-video-codec] option')].map(o => o.textContent.trim() + (o.disabled ? ' [disabled]' : '')),
      audioCodecs: [...document.querySelectorAll('[data-testid=export-audio-codec] option')].map(o => o.value),
      sound: document.querySelector('[data-testid=export-sound]')?.textContent,
      videoPath: document.querySelector('[data-testid=export-video-path]')?.textContent }`);
    const a = Date.now();
    await wd.click(exportButton);
    const outcome = await waitFor(
      wd,
      () =>
        wd.exec(`
          const done = document.querySelector('[data-testid=export-done]');
          if (done) return { done: done.textContent.trim() };
          const err = document.querySelector('[data-testid=export-error]');
          if (err) return { failed: err.textContent.trim() };
          return null;`),
      240000,
      500,
    );
    // The Download link, as a person would use it (a blob: URL cannot be fetched under the app's CSP):
    // wkbrowser.py saves it and prints its path; the file is checked here (ftyp box, ffprobe where installed).
    let file = null;
    const [download] = outcome?.done ? await wd.find('css selector', '[data-testid=download]') : [];
    if (download) {
      const seen = consoleLines.length;
      await wd.click(download);
      const line = await waitFor(wd, async () => consoleLines.slice(seen).find((l) => /^download (finished|failed):/.test(l)), 30000);
      file = line ? inspectDownload(line, join(outDir, `${tag}-${name}.mp4`), await sourceFile()) : { error: 'no download within 30 s' };
    }
    const codecs = Array.isArray(file?.ffprobe?.streams) ? file.ffprobe.streams.map((st) => st.codec_name) : null;
    // Without ffmpeg only the container is checked.
    const content = !codecs
      ? { codecs: 'unchecked' }
      : {
          codecs: expect.codecs.every((c) => codecs.includes(c)),
          pictures: file.psnrDb === 'inf' || file.psnrDb >= expect.minPsnrDb,
          sound: Math.abs(file.meanVolumeDb - file.sourceMeanVolumeDb - expect.volumeDb) <= 1.5,
        };
    const ok = !!outcome?.done && file?.ftyp === 'ftyp' && !file.error && Object.values(content).every((v) => v !== false);
    step(name, { ok, content, ms: Date.now() - a, panel, outcome: outcome ?? 'timeout', file, alerts: await alertsNow() });
  };

  // 5. Export as it comes (the sample's H.264 and AAC are copied), then 6. re-encoded: the clip at half
  // volume and a smaller size, so the compositor, the H.264 encoder and the AAC (or Opus) encoder all run.
  if (!skipExport) {
    await exportStep('export', { codecs: ['h264', 'aac'], minPsnrDb: 60, volumeDb: 0 });
    const [clip] = await wd.find('css selector', '[data-testid=clip]');
    if (clip) await wd.click(clip);
    await wd.exec(`
      const set = (testid, value) => { const e = document.querySelector('[data-testid=' + testid + ']'); if (!e) return; e.value = value; e.dispatchEvent(new Event('change', { bubbles: true })); };
      set('volume', '0.5');
      set('export-size', 'small');
      if (arguments[0]) set('export-video-codec', arguments[0]);`, [encodeCodec ?? null]);
    await sleep(1000);
    await exportStep('exportEncoded', { codecs: [{ avc: 'h264', hevc: 'hevc', av1: 'av1', vp9: 'vp9', vp8: 'vp8' }[encodeCodec ?? 'avc']], minPsnrDb: 25, volumeDb: -6 });
  }

  result.pageErrors = await wd.exec(`return window.__wkErrors || []`).catch((e) => [`(could not read: ${e.message})`]);
  result.ok = Object.values(result.steps).every((s) => s.ok) && result.alerts.length === 0;
  const consoleFile = join(outDir, `${tag}-console.log`);
  writeFileSync(consoleFile, consoleLines.join('\n') + '\n');
  result.console = {
    file: consoleFile,
    errors: consoleLines.filter((l) => /error|exception|terminated|crash/i.test(l)).slice(0, 40),
  };
  return result;
}

async function main() {
  const { proc: xvfb, display } = await startXvfb();
  log('Xvfb on', display);
  const results = [];
  const driverLines = [];
  let driver;
  try {
    driver = await startDriver(display, driverLines);
    log('WebKitWebDriver at', driver.base);
    for (const [i, url] of urls.entries()) {
      const tag = `run${i + 1}`;
      driverLines.length = 0;
      const dataDir = mkdtempSync(join(tmpdir(), 'spool-wk-profile-'));
      const wd = new WebDriver(driver.base);
      const result = { url, features, warmMedia, steps: {}, alerts: [], pageErrors: [], ok: false };
      try {
        await wd.start(dataDir);
        log(tag, url, 'in', wd.capabilities.browserName, wd.capabilities.browserVersion);
        results.push(await checkUrl(wd, url, tag, driverLines, result));
      } catch (e) {
        // A crashed page process ends the browser (wkbrowser.py), which ends the session.
        const consoleFile = join(outDir, `${tag}-console.log`);
        writeFileSync(consoleFile, driverLines.join('\n') + '\n');
        results.push({ ...result, ok: false, harnessError: String(e.message ?? e), console: { file: consoleFile, tail: driverLines.slice(-30) } });
      } finally {
        await wd.quit();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    driver?.proc.kill('SIGTERM');
    xvfb.kill('SIGTERM');
  }
  const ok = results.every((r) => r.ok);
  console.log(JSON.stringify({ ok, outDir, results }, null, 2));
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error('[check-app] harness error:', e);
  process.exit(2);
});

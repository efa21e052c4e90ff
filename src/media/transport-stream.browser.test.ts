import { describe, expect, it } from 'vitest';
import { openMedia } from './open-media.ts';
import type { MediaSource } from './media-source.ts';
import { firstProblem, probeSource } from './probe.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { readBarcode } from '../test-support/export-check.ts';

const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;

/** [barcode, timestamp µs] of each frame read over [fromUs, toUs]. */
async function framesOf(source: MediaSource, fromUs: number, toUs: number): Promise<[number, number][]> {
  const seen: [number, number][] = [];
  for await (const frame of source.videoFrames(fromUs, toUs)) {
    seen.push([readBarcode(frame, scratch), frame.timestamp]);
    frame.close();
  }
  return seen;
}

/** Where the sound read from `fromUs` first starts (µs), where it is first loud (> 0.2: the beep), and how many samples came. */
async function soundOf(source: MediaSource, fromUs = 0): Promise<{ firstUs: number; loudUs: number; frames: number }> {
  let firstUs = NaN;
  let loudUs = NaN;
  let frames = 0;
  for await (const data of source.audioData(fromUs, source.durationUs)) {
    const plane = new Float32Array(data.numberOfFrames);
    data.copyTo(plane, { planeIndex: 0, format: 'f32-planar' });
    if (Number.isNaN(firstUs)) firstUs = data.timestamp;
    const i = plane.findIndex((x) => Math.abs(x) > 0.2);
    if (Number.isNaN(loudUs) && i >= 0) loudUs = data.timestamp + (i * 1_000_000) / data.sampleRate;
    frames += data.numberOfFrames;
    data.close();
  }
  return { firstUs, loudUs, frames };
}

/** The file with its program map's stream types changed (`from` → `to`): the map's CRC is not checked by either reader. */
async function withStreamType(file: File, from: number, to: number): Promise<File> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // FFmpeg's program map: PID 0x1000, the third packet; its streams start 12 bytes into the section (no program info).
  const packet = 2 * 188;
  expect([bytes[packet + 1]! & 0x1f, bytes[packet + 2]]).toEqual([0x10, 0x00]);
  const streams = packet + 5 + 12;
  let found = false;
  for (let i = streams; i < streams + 20; i += 5) {
    if (bytes[i] === from) {
      bytes[i] = to;
      found = true;
      break;
    }
  }
  expect(found).toBe(true);
  return new File([bytes], file.name);
}

/** Opens the fixture cut to `bytes` and reads all of it: a specific refusal, or every frame and sound packet without error. */
async function readCut(whole: Blob, bytes: number): Promise<{ refused: string } | { frames: number[]; soundFrames: number; notice: string | undefined; durationUs: number }> {
  let source: MediaSource;
  try {
    source = await openMedia(whole.slice(0, bytes), 'cut.ts');
  } catch (error) {
    return { refused: (error as Error).message };
  }
  const probe = await probeSource(source);
  const frames = (await framesOf(source, 0, source.durationUs)).map(([n]) => n);
  return { frames, soundFrames: (await soundOf(source)).frames, notice: probe.notice, durationUs: probe.durationUs };
}

describe('MPEG transport streams (camcorders, broadcast recordings)', () => {
  it('H.264 + AAC in 188-byte packets: starts at its first frame though its clock starts at 1.4 s, frames and beep where they belong', async () => {
    const source = await openMedia(await fixtureFile('barcodeTs'), 'clip.ts');
    const probe = await probeSource(source);
    expect(probe.container).toBe('mpegts');
    expect(probe.notice).toBeUndefined();
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', codec: 'avc1.64000b', codedWidth: 160, codedHeight: 90, fps: 30, frameCount: 30, keyframeCount: 2, decodable: true });
    expect(probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'mp4a.40.2', sampleRate: 48_000, channels: 1, decodable: true });
    expect(Math.abs(probe.durationUs - 1_000_000)).toBeLessThan(5_000);
    const video = probe.tracks[0]!;
    if (video.kind === 'video') expect(video.keyframeTimesUs).toEqual([0, 500_000]);
    // Frame 0 at 0; frame n at n/30 s (reordered B-frames and all).
    const [first] = await framesOf(source, 0, 0);
    expect(first).toEqual([0, 0]);
    const seen = await framesOf(source, 300_000, 400_000);
    expect(seen.map(([n]) => n)).toEqual([9, 10, 11, 12]);
    for (const [n, us] of seen) expect(Math.abs(us - (n * 1_000_000) / 30)).toBeLessThan(1000);
    // The AAC starts its priming (1024 samples) before the picture: before 0, where the mixer drops it. The beep is
    // 0.25 s in, as in the picture.
    expect((await soundOf(source, -50_000)).firstUs).toBe(-21_333);
    const sound = await soundOf(source);
    expect(sound.firstUs).toBe(0);
    expect(Math.abs(sound.loudUs - 250_000)).toBeLessThan(2_000);
    expect(sound.frames).toBe(47 * 1024);
  });

  it('sound that starts after the picture (MP3, 0.2 s in) stays in step: the beep at 0.25 s, the first frame at 0', async () => {
    const source = await openMedia(await fixtureFile('lateSoundTs'), 'late.ts');
    const probe = await probeSource(source);
    expect(probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'mp3', codecName: 'MP3', decodable: true });
    expect(await framesOf(source, 0, 0)).toEqual([[0, 0]]);
    const sound = await soundOf(source);
    // MP3's priming (1105 samples at 48 kHz: 23 ms) before its first real sample at 0.2 s.
    expect(Math.abs(sound.firstUs - (200_000 - 23_021))).toBeLessThan(1000);
    expect(Math.abs(sound.loudUs - 250_000)).toBeLessThan(2_000);
  });

  it('sound alone (AAC) starts at its first sample', async () => {
    const source = await openMedia(await fixtureFile('toneTs'), 'radio.ts');
    const probe = await probeSource(source);
    expect(probe.tracks).toEqual([expect.objectContaining({ kind: 'audio', codec: 'mp4a.40.2', sampleRate: 48_000, decodable: true })]);
    expect(Math.abs(probe.durationUs - 533_333)).toBeLessThan(1000); // 25 AAC packets
    const sound = await soundOf(source);
    expect(sound.firstUs).toBe(0);
    expect(sound.frames).toBe(25 * 1024);
  });

  it("a camcorder's .m2ts/.mts (192-byte packets) reads the same; its AC-3 sound plays where the browser can, else is left out with a notice", async () => {
    const source = await openMedia(await fixtureFile('barcodeM2ts'), '00001.MTS');
    const probe = await probeSource(source);
    expect(probe.container).toBe('mpegts');
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', frameCount: 30, decodable: true });
    expect(probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'ac-3' });
    const canPlayAc3 = probe.tracks[1]!.decodable;
    expect(probe.notice).toBe(canPlayAc3 ? undefined : 'This browser can\'t play the Dolby Digital (AC-3) sound of "00001.MTS", so it was imported as picture only.');
    expect(await framesOf(source, 0, 0)).toEqual([[0, 0]]);
    expect((await framesOf(source, 500_000, 500_000)).map(([n]) => n)).toEqual([15]);
  });

  it("a DVB receiver's capture (204-byte packets: 16 bytes of Reed-Solomon parity after each) reads the same, whole or cut", async () => {
    const ts = new Uint8Array(await (await fixtureFile('barcodeTs')).arrayBuffer());
    // Zeros for the parity, which readers skip.
    const dvb = new Uint8Array((ts.length / 188) * 204);
    for (let i = 0; i * 188 < ts.length; i++) dvb.set(ts.subarray(i * 188, (i + 1) * 188), i * 204);
    const probe = await probeSource(await openMedia(new File([dvb], 'capture.ts'), 'capture.ts'));
    expect(probe.container).toBe('mpegts');
    expect(probe.notice).toBeUndefined();
    expect(probe.tracks.map((t) => [t.kind, t.decodable])).toEqual([['video', true], ['audio', true]]);
    expect(probe.tracks[0]).toMatchObject({ frameCount: 30 });
    const cut = await readCut(new Blob([dvb]), 44 * 204);
    if ('refused' in cut) throw new Error(cut.refused);
    // As the 188-byte file cut after its 44th packet: in the first sound PES 16 AAC packets whole, the priming one before 0.
    expect([cut.notice, cut.soundFrames]).toEqual(['"cut.ts" is cut short (as when a recording or copy stops early): its unfinished end is left out, the rest imported.', 15 * 1024]);
    expect(cut.frames[0]).toBe(0);
  });

  it('sound mediabunny does not read (LPCM, as AVCHD may carry) is named and left out; with no picture the file is refused saying why', async () => {
    const lpcm = await withStreamType(await fixtureFile('barcodeTs', 'lpcm.m2ts'), 0x0f, 0x80);
    const probe = await probeSource(await openMedia(lpcm, 'lpcm.m2ts'));
    expect(probe.tracks.map((t) => [t.kind, t.decodable])).toEqual([['video', true], ['audio', false]]);
    expect(probe.notice).toBe('Spool can\'t play the sound of "lpcm.m2ts" (Blu-ray LPCM), so it was imported as picture only.');
    expect(firstProblem(probe)).toBeUndefined();
    const soundOnly = await withStreamType(await fixtureFile('toneTs', 'lpcm.m2ts'), 0x0f, 0x80);
    await expect(openMedia(soundOnly, 'lpcm.m2ts')).rejects.toThrow('Spool can\'t play the sound of "lpcm.m2ts": it is Blu-ray LPCM. Convert it to AAC, or to 16- or 24-bit PCM.');
  });

  it('MP2 sound (MPEG-1 Layer II, as broadcasts carry) is named MP2, not MP3, and plays where the decoder does (Chromium: yes)', async () => {
    const source = await openMedia(await fixtureFile('mp2Ts'), 'dvb.ts');
    const probe = await probeSource(source);
    expect(probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'mp2', codecName: 'MP2 (MPEG Layer II)', decodable: true });
    expect(probe.notice).toBeUndefined();
    expect(Math.abs((await soundOf(source)).loudUs - 250_000)).toBeLessThan(2_000);
  });

  it('MPEG-2 video (HDV, SD broadcasts) is named and refused, never imported as its sound alone', async () => {
    await expect(openMedia(await fixtureFile('mpeg2Ts'), 'hdv.m2t')).rejects.toMatchObject({
      name: 'UnsupportedMediaError',
      message: 'No browser can decode MPEG-2 video ("hdv.m2t"). Convert it to H.264 video with AAC audio, then import it.',
    });
  });

  it('a transport stream with no program map (sync bytes and nothing else) says so', async () => {
    const ts = Uint8Array.from({ length: 192 * 8 }, (_, i) => (i % 192 === 4 ? 0x47 : 0x11));
    await expect(openMedia(new Blob([ts]), '00001.MTS')).rejects.toMatchObject({
      name: 'CorruptMediaError',
      message: '"00001.MTS" is damaged or cut short: it has no program map (the table of its picture and sound streams), so nothing in it can be found.',
    });
  });

  it('a stream with only streams Spool knows nothing of has no track to offer', async () => {
    const file = await withStreamType(await withStreamType(await fixtureFile('barcodeTs'), 0x1b, 0x99), 0x0f, 0x98);
    await expect(openMedia(file, 'data.ts')).rejects.toThrow('"data.ts" has no video or audio track.');
  });
});

describe('an MPEG-TS cut short (a recording or copy that stopped early)', () => {
  it('mid-packet or on a packet boundary, anywhere: what is there imports and every frame decodes, or it says it is cut short before anything', async () => {
    const whole = await fixtureFile('barcodeTs');
    const cuts = [...Array.from({ length: 40 }, (_, i) => 300 + i * 397), ...Array.from({ length: 20 }, (_, i) => (4 + i * 4) * 188)];
    let imported = 0;
    for (const bytes of cuts) {
      const result = await readCut(whole, bytes);
      if ('refused' in result) {
        expect(result.refused, `cut at ${bytes}`).toMatch(/^"cut\.ts" is (cut short before its first whole picture|damaged or cut short: it has no program map)/);
        continue;
      }
      imported++;
      // The frames that are there, in order from the first (up to two B-frames shown before the last frame may be missing,
      // as they come after it in the file); the notice says the end was left out, wherever that can be told.
      expect(result.frames[0], `cut at ${bytes}`).toBe(0);
      for (let i = 1; i < result.frames.length; i++) expect(result.frames[i]! - result.frames[i - 1]!, `cut at ${bytes}: ${result.frames}`).toBeOneOf([1, 2, 3]);
      // (Cut between two whole PES packets, a file cannot be told from a whole one, and need not be.)
      const notice = '"cut.ts" is cut short (as when a recording or copy stops early): its unfinished end is left out, the rest imported.';
      if (bytes % 188 !== 0) expect(result.notice, `cut at ${bytes}`).toBe(notice);
      else expect([undefined, notice], `cut at ${bytes}`).toContain(result.notice);
    }
    expect(imported).toBeGreaterThan(45);
  });

  it('cut at 60%: the frames and sound packets that are whole are there', async () => {
    const whole = await fixtureFile('barcodeTs');
    const result = await readCut(whole, Math.round(whole.size * 0.6));
    if ('refused' in result) throw new Error(result.refused);
    // FFmpeg puts 17 AAC packets in a PES: the second, cut, is left out, and the first's priming packet comes before 0.
    expect(result.frames.length).toBeGreaterThanOrEqual(15);
    expect(result.soundFrames).toBe(16 * 1024);
  });

  it('cut inside a sound PES packet (FFmpeg puts up to 17 AAC packets in one): its whole AAC packets before the cut are kept', async () => {
    const whole = await fixtureFile('barcodeTs');
    const notice = '"cut.ts" is cut short (as when a recording or copy stops early): its unfinished end is left out, the rest imported.';
    // The first sound PES (TS packets 39-44) holds the priming packet, 11 silent ones, the beep's, and 4 more. Cut 50
    // bytes into its second TS packet, the priming packet and 11 are whole (the field of the packet they end in grows).
    const early = await readCut(whole, 40 * 188 + 50);
    if ('refused' in early) throw new Error(early.refused);
    expect([early.notice, early.soundFrames]).toEqual([notice, 11 * 1024]);
    // Cut after its fifth TS packet, on a packet boundary: 16 are whole (the fifth, which had no field, gains one).
    const late = await readCut(whole, 44 * 188);
    if ('refused' in late) throw new Error(late.refused);
    expect([late.notice, late.soundFrames]).toEqual([notice, 15 * 1024]);
    const source = await openMedia(whole.slice(0, 44 * 188), 'cut.ts');
    expect(Math.abs((await soundOf(source)).loudUs - 250_000)).toBeLessThan(2_000);
  });

  it('the same for MP3 sound (15 MP3 packets in a PES)', async () => {
    const mp3 = await fixtureFile('lateSoundTs');
    // Its second sound PES starts in TS packet 76; cut after 80, 7 of its 96-byte packets (1152 samples each) are whole.
    const [before, cut] = await Promise.all([readCut(mp3, 76 * 188), readCut(mp3, 80 * 188)]);
    if ('refused' in before || 'refused' in cut) throw new Error('refused');
    expect(cut.notice).toBe('"cut.ts" is cut short (as when a recording or copy stops early): its unfinished end is left out, the rest imported.');
    expect(cut.soundFrames - before.soundFrames).toBe(7 * 1152);
  });

  it('a whole file is not called cut short', async () => {
    for (const key of ['barcodeTs', 'barcodeM2ts', 'lateSoundTs', 'toneTs', 'wholeFullEndTs'] as const) {
      const source = await openMedia(await fixtureFile(key), 'whole.ts');
      expect(source.cutShort, key).toBe(false);
    }
  });

  it('a whole file whose last picture exactly fills its last TS packet keeps that picture: the sound after it shows the picture ended', async () => {
    const result = await readCut(await fixtureFile('wholeFullEndTs'), Infinity);
    if ('refused' in result) throw new Error(result.refused);
    expect(result.notice).toBeUndefined();
    expect(result.frames).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

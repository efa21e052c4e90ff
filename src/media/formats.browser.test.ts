import { describe, expect, it } from 'vitest';
import { openMedia } from './open-media.ts';
import type { MediaSource } from './media-source.ts';
import { firstProblem, probeSource } from './probe.ts';
import { cannotDecodeMessage } from './codec-names.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { readBarcode } from '../test-support/export-check.ts';

async function firstFrame(name: Parameters<typeof fixtureFile>[0]) {
  const source = await openMedia(await fixtureFile(name), name);
  for await (const frame of source.videoFrames(0, 0)) return frame;
  throw new Error('no frame');
}

async function audioFrames(name: Parameters<typeof fixtureFile>[0]): Promise<{ frames: number; sampleRate: number; peak: number }> {
  const source = await openMedia(await fixtureFile(name), name);
  let frames = 0;
  let sampleRate = 0;
  let peak = 0;
  for await (const data of source.audioData(0, source.durationUs)) {
    const plane = new Float32Array(data.numberOfFrames);
    data.copyTo(plane, { planeIndex: 0, format: 'f32-planar' });
    for (const v of plane) peak = Math.max(peak, Math.abs(v));
    frames += data.numberOfFrames;
    sampleRate = data.sampleRate;
    data.close();
  }
  return { frames, sampleRate, peak };
}

/**
 * Channel 0 of `source`'s sound read from `fromUs` to `toUs`, each chunk placed by its timestamp into `length` samples
 * from 0 (what comes before 0 is dropped, as the mixer does); NaN where nothing came.
 */
async function placedSound(source: MediaSource, fromUs: number, toUs: number, length: number): Promise<Float32Array> {
  const out = new Float32Array(length).fill(NaN);
  for await (const data of source.audioData(fromUs, toUs)) {
    const plane = new Float32Array(data.numberOfFrames);
    data.copyTo(plane, { planeIndex: 0, format: 'f32-planar' });
    const at = Math.round((data.timestamp * data.sampleRate) / 1_000_000);
    for (let i = Math.max(0, -at); i < plane.length && at + i < out.length; i++) out[at + i] = plane[i]!;
    data.close();
  }
  return out;
}

describe('every format a person brings', () => {
  it('WebM (VP9 + Opus): probed, and its frames decode with the right barcode', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('webm'), 'clip.webm'));
    expect(probe.container).toBe('webm');
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', codedWidth: 320, codedHeight: 180, displayWidth: 320, frameCount: 60, fps: 30, decodable: true });
    expect(probe.tracks[0]?.codec).toMatch(/^vp09/);
    expect(probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'opus', sampleRate: 48000, decodable: true });
    expect(Math.abs(probe.durationUs - 2_000_000)).toBeLessThan(30_000);
    const source = await openMedia(await fixtureFile('webm'), 'clip.webm');
    const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
    const seen: number[] = [];
    const timestamps: number[] = [];
    for await (const frame of source.videoFrames(1_000_000, 1_100_000)) {
      timestamps.push(frame.timestamp);
      seen.push(readBarcode(frame, scratch));
      frame.close();
    }
    // ffmpeg starts this WebM's video 7 ms in (after Opus's pre-skip): the clip starts at its first picture, so frame
    // n is at n / 30 s (to the millisecond WebM keeps).
    expect(seen).toEqual([30, 31, 32, 33]);
    for (const [i, us] of timestamps.entries()) expect(Math.abs(us - ((30 + i) * 1_000_000) / 30)).toBeLessThanOrEqual(1_000);
  });

  for (const [name, container, rate] of [['mp3', 'mp3', 44100], ['wav', 'wav', 44100], ['flac', 'flac', 48000], ['ogg', 'ogg', 48000], ['m4a', 'mp4', 44100]] as const) {
    it(`${name.toUpperCase()} audio: probed and decoded to about 1 s of a loud tone`, async () => {
      const probe = await probeSource(await openMedia(await fixtureFile(name), `tone.${name}`));
      expect(probe.container).toBe(container);
      expect(probe.tracks).toHaveLength(1);
      expect(probe.tracks[0]).toMatchObject({ kind: 'audio', sampleRate: rate, channels: 1, decodable: true });
      expect(probe.notice).toBeUndefined();
      const audio = await audioFrames(name);
      expect(audio.sampleRate).toBe(rate);
      expect(Math.abs(audio.frames - rate)).toBeLessThan(rate * 0.1);
      expect(audio.peak).toBeGreaterThan(0.1); // ffmpeg's sine is at 1/8 full scale
    });
  }

  it('96 kHz AAC (a rate the MP4 sound entry cannot hold) opens at its rate and decodes', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('tone96k'), 'hi-res.m4a'));
    expect(probe.tracks[0]).toMatchObject({ kind: 'audio', codec: 'mp4a.40.2', sampleRate: 96_000, channels: 1, decodable: true });
    const audio = await audioFrames('tone96k');
    expect(audio.sampleRate).toBe(96_000);
    expect(Math.abs(audio.frames - 19_200)).toBeLessThan(3000);
    expect(audio.peak).toBeGreaterThan(0.1);
  });

  it('RF64 WAV (as field recorders write it) opens as a WAV and decodes (it was refused as no format Spool knows)', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('toneRf64'), 'take.wav'));
    expect(probe.container).toBe('wav');
    expect(probe.tracks[0]).toMatchObject({ kind: 'audio', codec: 'pcm-s24', sampleRate: 48_000, channels: 1, decodable: true });
    const audio = await audioFrames('toneRf64');
    expect(audio.frames).toBe(9600);
    expect(audio.peak).toBeGreaterThan(0.1);
  });

  it('VP9 in MP4 as Chromium\'s MediaRecorder writes it (level 0) decodes (it was called undecodable: the browser refuses that codec string)', async () => {
    const source = await openMedia(await fixtureFile('recorderVp9Mp4'), 'recording.mp4');
    const probe = await probeSource(source);
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', codecName: 'VP9', frameCount: 15, decodable: true });
    const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
    const seen: number[] = [];
    for await (const frame of source.videoFrames(0, 500_000)) {
      seen.push(readBarcode(frame, scratch));
      frame.close();
    }
    expect(seen).toEqual(Array.from({ length: 15 }, (_, n) => n));
  });

  it("a fragmented MP4's frames are at their fragment's start (tfdt), as a recorder wrote them", async () => {
    const source = await openMedia(await fixtureFile('fragmentsGap'), 'recording.mp4');
    expect(source.durationUs).toBe(1_500_000);
    const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
    const seen: [number, number][] = [];
    for await (const frame of source.videoFrames(0, 900_000)) {
      seen.push([readBarcode(frame, scratch), Math.round(frame.timestamp / 1000)]);
      frame.close();
    }
    // Frame 9 stays on screen until frame 10, 0.5 s late, at 0.833 s.
    expect(seen).toEqual(Array.from({ length: 13 }, (_, n) => [n, Math.round((n * 1000) / 30) + (n < 10 ? 0 : 500)]));
  });

  it('Opus in MP4 with an 80 ms pre-skip and no edit list (Chromium\'s MediaRecorder) is where ffmpeg has it, not 80 ms early', async () => {
    const sound = await placedSound(await openMedia(await fixtureFile('opusPreSkip'), 'recording.mp4'), 0, 1_000_000, 48_000);
    const onset = sound.findIndex((x) => Math.abs(x) > 0.1);
    expect(Math.abs(onset - 24_312)).toBeLessThanOrEqual(48); // 0.5065 s, within a millisecond
  });

  it('FLAC in an MP4 decodes (it was called decodable, then failed at the first preview with the browser\'s own words)', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('toneFlacMp4'), 'lossless.mp4'));
    expect(probe.tracks[0]).toMatchObject({ kind: 'audio', codec: 'flac', codecName: 'FLAC', sampleRate: 48_000, channels: 1, decodable: true });
    const audio = await audioFrames('toneFlacMp4');
    expect(Math.abs(audio.frames - 9600)).toBeLessThan(1000);
    expect(audio.peak).toBeGreaterThan(0.1);
  });

  it('a Matroska file whose clock starts at 1000 s starts at its first frame, not after 1000 s of it held', async () => {
    const source = await openMedia(await fixtureFile('lateStart'), 'remux.mkv');
    const probe = await probeSource(source);
    expect(probe.durationUs).toBeGreaterThan(480_000);
    expect(probe.durationUs).toBeLessThan(560_000);
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', frameCount: 15, keyframeCount: 1 });
    const video = probe.tracks[0]!;
    if (video.kind === 'video') expect(video.keyframeTimesUs[0]).toBeLessThan(20_000);
    const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
    const seen: [number, number][] = [];
    for await (const frame of source.videoFrames(300_000, 400_000)) {
      seen.push([readBarcode(frame, scratch), frame.timestamp]);
      frame.close();
    }
    // Frame n is on screen from n/30 s (to the millisecond Matroska keeps): the sound's 7 ms lead is left out.
    expect(seen.map(([n]) => n)).toEqual([9, 10, 11, 12]);
    for (const [n, us] of seen) expect(Math.abs(us - (n * 1_000_000) / 30)).toBeLessThanOrEqual(1_000);
    // The beep, 0.25 s into the picture, is 0.25 s in (within the sound's lead) when read from the start.
    let onsetUs = -1;
    for await (const data of source.audioData(0, 500_000)) {
      const plane = new Float32Array(data.numberOfFrames);
      data.copyTo(plane, { planeIndex: 0, format: 'f32-planar' });
      const i = plane.findIndex((x) => Math.abs(x) > 0.2);
      if (onsetUs < 0 && i >= 0) onsetUs = data.timestamp + (i * 1_000_000) / data.sampleRate;
      data.close();
    }
    expect(Math.abs(onsetUs - 250_000)).toBeLessThan(20_000);
  });

  it('PNG: a one-frame still', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('png'), 'still.png'));
    expect(probe).toMatchObject({ container: 'image', durationUs: 5_000_000 });
    expect(probe.tracks[0]).toMatchObject({ kind: 'video', codec: 'png', displayWidth: 320, displayHeight: 180, frameCount: 1 });
    const frame = await firstFrame('png');
    expect([frame.displayWidth, frame.displayHeight]).toEqual([320, 180]);
    frame.close();
  });

  it('JPEG with EXIF orientation is upright', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('jpeg'), 'photo.jpg'));
    expect(probe.tracks[0]).toMatchObject({ codec: 'jpeg', displayWidth: 180, displayHeight: 320, rotation: 0 });
  });

  it('a file whose extension lies is read by its contents, with a notice', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('png'), 'holiday.mp4'));
    expect(probe.container).toBe('image');
    expect(probe.notice).toBe('"holiday.mp4" is really a PNG image, whatever its .mp4 name says; it was imported as such.');
  });

  it('MP3 sound in an MP4 plays; sound this browser cannot play (AC-3 here) is left out with a notice, the picture kept', async () => {
    const mp3 = await openMedia(await fixtureFile('soundMp3'), 'mp3.mp4');
    const mp3Probe = await probeSource(mp3);
    expect(mp3Probe.tracks[1]).toMatchObject({ kind: 'audio', codec: 'mp3', codecName: 'MP3', decodable: true });
    expect(mp3Probe.notice).toBeUndefined();
    let frames = 0;
    for await (const data of mp3.audioData(0, 1_000_000)) {
      frames += data.numberOfFrames;
      data.close();
    }
    expect(frames).toBeGreaterThan(40_000);
    const ac3Probe = await probeSource(await openMedia(await fixtureFile('soundAc3'), 'ac3.mp4'));
    const canPlayAc3 = ac3Probe.tracks[1]!.decodable;
    expect(ac3Probe.notice).toBe(canPlayAc3 ? undefined : 'This browser can\'t play the Dolby Digital (AC-3) sound of "ac3.mp4", so it was imported as picture only.');
    expect(firstProblem(ac3Probe)).toBeUndefined();
  });

  it('an MP3 plays from its first real sample: the encoder and decoder delay (1105 samples, 25 ms) is left out', async () => {
    /** Channel 0 of the first 0.5 s. */
    const placed = async (key: 'mp3' | 'wav') => placedSound(await openMedia(await fixtureFile(key), `tone.${key}`), 0, 500_000, 22_050);
    const [mp3, wav] = [await placed('mp3'), await placed('wav')];
    // Where the tone starts (a sine from 0 s: the first sample above a tenth of its peak); 1105 samples apart before.
    const onset = (pcm: Float32Array) => pcm.findIndex((x) => Math.abs(x) > 0.1 * Math.max(...pcm.subarray(5000, 6000).map(Math.abs)));
    expect(onset(wav)).toBeLessThan(20);
    expect(Math.abs(onset(mp3) - onset(wav))).toBeLessThanOrEqual(10);
  });

  it('Ogg Vorbis read from mid-file has each sample where reading from the start has it (it came one packet, 21 ms, early)', async () => {
    const source = await openMedia(await fixtureFile('beepsVorbis'), 'beeps.ogg');
    /** Channel 0 of [0, 3 s) as read from `fromUs`. */
    const placed = (fromUs: number) => placedSound(source, fromUs, 3_000_000, 3 * 48_000);
    const whole = await placed(0);
    for (const fromUs of [1_600_000, 2_100_000, 2_240_000]) {
      const part = await placed(fromUs);
      const start = Math.round((fromUs * 48_000) / 1_000_000);
      // Sound from the requested start on (nothing missing), matching the whole read sample for sample.
      let worst = 0;
      for (let i = start; i < whole.length; i++) worst = Math.max(worst, Math.abs(part[i]! - whole[i]!));
      expect(worst, `from ${fromUs} µs`).toBeLessThan(1e-4);
    }
  });

  for (const [key, name] of [['twoSoundsMp4', 'two.mp4'], ['twoSoundsMkv', 'two.mkv']] as const) {
    it(`${name}: of two sound tracks, the one the file plays by default is used, and the notice says the other is left out`, async () => {
      const source = await openMedia(await fixtureFile(key), name);
      const probe = await probeSource(source);
      expect(probe.tracks.filter((t) => t.kind === 'audio')).toHaveLength(1);
      expect(probe.notice).toBe(`"${name}" has 2 sound tracks: Spool uses track 2 ("Beeps"), the one it plays by default, and leaves the other out.`);
      // The beep track: silent but for the beep at 0.25 s (the other is a tone throughout).
      let loudBefore = 0;
      let loudAt = 0;
      for await (const data of source.audioData(0, 500_000)) {
        const plane = new Float32Array(data.numberOfFrames);
        data.copyTo(plane, { planeIndex: 0, format: 'f32-planar' });
        plane.forEach((x, i) => {
          const us = data.timestamp + (i * 1_000_000) / data.sampleRate;
          if (Math.abs(x) <= 0.05) return;
          if (us > 240_000 && us < 300_000) loudAt++;
          else if (us > 20_000 && us < 200_000) loudBefore++;
        });
        data.close();
      }
      expect(loudBefore).toBe(0);
      expect(loudAt).toBeGreaterThan(500);
    });
  }

  it('of two sound tracks, the default one that this browser cannot decode (AC-3) gives way to one it can, and the notice says so', async () => {
    const source = await openMedia(await fixtureFile('ac3AndAac'), 'film.mp4');
    const probe = await probeSource(source);
    const canPlayAc3 = await AudioDecoder.isConfigSupported({ codec: 'ac-3', sampleRate: 48000, numberOfChannels: 1 }).then((r) => r.supported === true, () => false);
    if (canPlayAc3) {
      expect(probe.tracks[0]).toMatchObject({ kind: 'audio', codec: 'ac-3', decodable: true });
      expect(probe.notice).toBe('"film.mp4" has 2 sound tracks: Spool uses track 1 ("Surround"), the one it plays by default, and leaves the other out.');
      return;
    }
    expect(probe.tracks[0]).toMatchObject({ kind: 'audio', codec: 'mp4a.40.2', decodable: true });
    expect(probe.notice).toBe('"film.mp4" has 2 sound tracks: Spool uses track 2 ("Stereo"), as this browser cannot play the one it plays by default, and leaves the other out.');
    expect(firstProblem(probe)).toBeUndefined();
  });

  it('10-bit H.264 is named as such (and in the message browsers that cannot decode it show)', async () => {
    const probe = await probeSource(await openMedia(await fixtureFile('tenBit'), 'ten.mp4'));
    const video = probe.tracks[0]!;
    expect(video.codec).toMatch(/^avc1\.6e/);
    expect(video.codecName).toBe('10-bit H.264 (High 10)');
    expect(cannotDecodeMessage('video', video.codec, 'ten.mp4')).toMatch(/^This browser can't decode 10-bit H\.264 \(High 10\) video \("ten\.mp4"\)\./);
  });

  it('a zero-duration MP4 gets its own message', async () => {
    await expect(openMedia(await fixtureFile('zeroDuration'), 'zero.mp4')).rejects.toMatchObject({ message: expect.stringMatching(/^"zero\.mp4" (is damaged: it has zero duration|has no video or audio track|is damaged or incomplete: its video track has no samples)\.$/) });
  });

  it('an AVI is named, with what to do, not called "not media" (MPEG transport streams open: transport-stream.browser.test.ts)', async () => {
    const avi = new Blob([new TextEncoder().encode('RIFF\x24\x00\x00\x00AVI LIST'), new Uint8Array(200)]);
    await expect(openMedia(avi, 'old.avi')).rejects.toThrow('"old.avi" is an AVI video, which Spool cannot open: convert it to MP4 (H.264 video with AAC audio), then import it.');
  });

  it('an AIFF is named, with what to do (it was "not a video file" matching no format Spool knows)', async () => {
    const aiff = new Blob([new TextEncoder().encode('FORM\x00\x00\x10\x00AIFFCOMM'), new Uint8Array(200)]);
    await expect(openMedia(aiff, 'take.aiff')).rejects.toThrow('"take.aiff" is an AIFF audio file, which Spool cannot open: export or convert it to WAV (or FLAC), then import it.');
    await expect(openMedia(new Blob([]), 'take.aif')).rejects.toThrow('"take.aif" is empty (0 bytes): it is not an audio file.');
  });

  it('empty and unknown files are named by what their extension promised', async () => {
    await expect(openMedia(new Blob([]), 'song.mp3')).rejects.toThrow('"song.mp3" is empty (0 bytes): it is not an audio file.');
    await expect(openMedia(new Blob([new Uint8Array(100).fill(7)]), 'clip.mov')).rejects.toThrow(/^"clip\.mov" is not a video file: its contents match no/);
  });
});

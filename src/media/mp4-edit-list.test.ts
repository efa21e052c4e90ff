import { describe, expect, it } from 'vitest';
import { ArrayBufferTarget, Muxer } from 'mp4-muxer';
import { createFile, MP4BoxBuffer } from 'mp4box';
import { addEditList, withEditList } from './mp4-edit-list.ts';
import { inFile } from '../test-support/patchable-file.ts';

/** An MP4 from mp4-muxer: 30 frames at 30 fps decoded two frames ahead (I P B B …), and a second of AAC. */
function muxed(): Uint8Array {
  const muxer = new Muxer({ target: new ArrayBufferTarget(), video: { codec: 'avc', width: 64, height: 64 }, audio: { codec: 'aac', numberOfChannels: 1, sampleRate: 48_000 }, fastStart: false, firstTimestampBehavior: 'offset' });
  const frame = 1_000_000 / 30;
  const description = new Uint8Array([1, 100, 0, 10, 0xff, 0xe1, 0, 0, 1, 0, 0]);
  for (let i = 0; i < 30; i++) {
    // Decode order i shows at: 0, 3, 1, 2, 6, 4, 5, …  (a keyframe every 30).
    const shown = i === 0 ? 0 : i % 3 === 1 ? i + 2 : i - 1;
    const ptsUs = Math.round(shown * frame);
    const dtsUs = Math.round((i - 2) * frame);
    muxer.addVideoChunkRaw(new Uint8Array([i]), i === 0 ? 'key' : 'delta', ptsUs, Math.round(frame), i === 0 ? { decoderConfig: { codec: 'avc1.64000a', codedWidth: 64, codedHeight: 64, description } } : undefined, ptsUs - dtsUs);
  }
  for (let i = 0; i < 47; i++) muxer.addAudioChunkRaw(new Uint8Array([i]), 'key', Math.round((i * 1024 * 1e6) / 48_000), Math.round((1024 * 1e6) / 48_000), i === 0 ? { decoderConfig: { codec: 'mp4a.40.2', numberOfChannels: 1, sampleRate: 48_000, description: new Uint8Array([0x11, 0x88]) } } : undefined);
  muxer.finalize();
  return new Uint8Array(muxer.target.buffer);
}

function parse(bytes: Uint8Array) {
  const mp4 = createFile();
  const buffer = MP4BoxBuffer.fromArrayBuffer(bytes.slice().buffer, 0);
  mp4.appendBuffer(buffer);
  mp4.flush();
  const moov = mp4.moov!;
  return { mvhdDuration: moov.mvhd.duration, timescale: moov.mvhd.timescale, traks: moov.traks.map((t) => ({ handler: t.mdia.hdlr.handler, tkhdDuration: t.tkhd.duration, mediaTimescale: t.mdia.mdhd.timescale, edits: t.edts?.elst?.entries.map((e) => ({ segment_duration: e.segment_duration, media_time: e.media_time })) })) };
}

describe('addEditList', () => {
  it('gives the video track one edit that skips its decode lead, and shortens the durations to match', () => {
    const file = inFile(muxed());
    const before = parse(file.bytes);
    const video = before.traks.find((t) => t.handler === 'vide')!;
    expect(video.edits).toBeUndefined();
    addEditList(file, 'vide', 66_667);
    const after = parse(file.bytes);
    const edited = after.traks.find((t) => t.handler === 'vide')!;
    // The movie now counts in the video's own timescale (mp4-muxer's is milliseconds), and every length with it.
    expect(after.timescale).toBe(video.mediaTimescale);
    const rescaled = (duration: number) => Math.round((duration * after.timescale) / before.timescale);
    const lead = Math.round((66_667 * after.timescale) / 1e6);
    expect(edited.edits).toEqual([{ segment_duration: rescaled(video.tkhdDuration) - lead, media_time: Math.round((66_667 * video.mediaTimescale) / 1e6) }]);
    expect(edited.tkhdDuration).toBe(rescaled(video.tkhdDuration) - lead);
    // Sound lasts as long as before, and the movie as long as its longest track.
    const sound = before.traks.find((t) => t.handler === 'soun')!;
    expect(after.traks.find((t) => t.handler === 'soun')).toEqual({ ...sound, tkhdDuration: rescaled(sound.tkhdDuration) });
    expect(after.mvhdDuration).toBe(Math.max(...after.traks.map((t) => t.tkhdDuration)));
    expect(file.size).toBe(muxed().byteLength + 36);
  });

  it('edits the sound track too (copied AAC skips its pre-roll packet), leaving the video as long as it was', () => {
    const file = inFile(muxed());
    const before = parse(file.bytes);
    const sound = before.traks.find((t) => t.handler === 'soun')!;
    addEditList(file, 'soun', Math.round((1024 * 1e6) / 48_000));
    const after = parse(file.bytes);
    const edited = after.traks.find((t) => t.handler === 'soun')!;
    expect(sound.mediaTimescale).toBe(48_000);
    expect(after.timescale).toBe(48_000);
    expect(edited.edits).toEqual([{ segment_duration: (sound.tkhdDuration * 48_000) / before.timescale - 1024, media_time: 1024 }]);
    const video = before.traks.find((t) => t.handler === 'vide')!;
    expect(after.traks.find((t) => t.handler === 'vide')).toEqual({ ...video, tkhdDuration: (video.tkhdDuration * 48_000) / before.timescale });
    // A second edit (the video's lead, in its finer timescale) rescales the first with the movie.
    addEditList(file, 'vide', 66_667);
    const both = parse(file.bytes);
    expect(both.traks.map((t) => t.edits?.length)).toEqual([1, 1]);
    const soundEdit = both.traks.find((t) => t.handler === 'soun')!.edits![0]!;
    expect(soundEdit.segment_duration / both.timescale).toBeCloseTo(edited.edits![0]!.segment_duration / 48_000, 4);
  });

  it('stops the sound where the timeline ends, to the sample, though its last packet runs on (an encoder pads it out)', () => {
    const file = inFile(muxed());
    const before = parse(file.bytes);
    const sound = before.traks.find((t) => t.handler === 'soun')!;
    // 47 packets of 1024: 1.0027 s of media; the timeline ends at 0.9505 s (45,624 samples: not a whole
    // millisecond, which the muxer's movie timescale could not say), after 312 samples of pre-skip (Opus).
    addEditList(file, 'soun', 6_500, 950_500);
    const after = parse(file.bytes);
    expect(after.traks.find((t) => t.handler === 'soun')!.edits).toEqual([{ segment_duration: 45_624, media_time: 312 }]);
    expect(after.traks.find((t) => t.handler === 'soun')!.tkhdDuration).toBe(45_624);
    // The movie is as long as its picture again.
    expect(after.mvhdDuration).toBe((before.traks.find((t) => t.handler === 'vide')!.tkhdDuration * 48_000) / before.timescale);
    expect(sound.tkhdDuration / before.timescale).toBeGreaterThan(0.951);
  });

  it('refuses a file it does not understand rather than damage it', () => {
    expect(() => addEditList(inFile(new Uint8Array([0, 0, 0, 8, 0x66, 0x72, 0x65, 0x65])), 'vide', 1000)).toThrow('no moov box');
    expect(() => addEditList(inFile(new Uint8Array([0, 0, 0, 99, 0x66, 0x72, 0x65, 0x65])), 'vide', 1000)).toThrow('bad size');
    const once = inFile(muxed());
    addEditList(once, 'soun', 1000);
    expect(() => addEditList(once, 'soun', 1000)).toThrow('the sound track already has an edit list');
    expect(() => withEditList(new Uint8Array([0, 0, 0, 8, 0x66, 0x72, 0x65, 0x65]), 'vide', 1000)).toThrow('not a moov box');
  });
});

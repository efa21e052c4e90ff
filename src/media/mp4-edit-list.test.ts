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
    const lead = Math.round((66_667 * before.timescale) / 1e6);
    expect(edited.edits).toEqual([{ segment_duration: video.tkhdDuration - lead, media_time: Math.round((66_667 * video.mediaTimescale) / 1e6) }]);
    expect(edited.tkhdDuration).toBe(video.tkhdDuration - lead);
    // Sound is untouched, and the movie lasts as long as its longest track.
    expect(after.traks.find((t) => t.handler === 'soun')).toEqual(before.traks.find((t) => t.handler === 'soun'));
    expect(after.mvhdDuration).toBe(Math.max(...after.traks.map((t) => t.tkhdDuration)));
    expect(file.size).toBe(muxed().byteLength + 36);
  });

  it('edits the sound track too (copied AAC skips its pre-roll packet), leaving the video as it was', () => {
    const file = inFile(muxed());
    const before = parse(file.bytes);
    const sound = before.traks.find((t) => t.handler === 'soun')!;
    addEditList(file, 'soun', Math.round((1024 * 1e6) / 48_000));
    const after = parse(file.bytes);
    const edited = after.traks.find((t) => t.handler === 'soun')!;
    expect(sound.mediaTimescale).toBe(48_000);
    expect(edited.edits).toEqual([{ segment_duration: sound.tkhdDuration - Math.round((1024 * before.timescale) / 48_000), media_time: 1024 }]);
    expect(after.traks.find((t) => t.handler === 'vide')).toEqual(before.traks.find((t) => t.handler === 'vide'));
    addEditList(file, 'vide', 66_667);
    expect(parse(file.bytes).traks.map((t) => t.edits?.length)).toEqual([1, 1]);
  });

  it('stops the sound where the timeline ends, though its last packet runs on (an encoder pads it out)', () => {
    const file = inFile(muxed());
    const before = parse(file.bytes);
    const sound = before.traks.find((t) => t.handler === 'soun')!;
    // 47 packets of 1024: 1.0027 s of media; the timeline ends at 0.95 s, after 312 samples of pre-skip (Opus).
    addEditList(file, 'soun', 6_500, 950_000);
    const after = parse(file.bytes);
    expect(after.traks.find((t) => t.handler === 'soun')!.edits).toEqual([{ segment_duration: Math.round(0.95 * before.timescale), media_time: 312 }]);
    expect(after.traks.find((t) => t.handler === 'soun')!.tkhdDuration).toBe(Math.round(0.95 * before.timescale));
    // The movie is as long as its picture again.
    expect(after.mvhdDuration).toBe(before.traks.find((t) => t.handler === 'vide')!.tkhdDuration);
    expect(sound.tkhdDuration).toBeGreaterThan(Math.round(0.95 * before.timescale));
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

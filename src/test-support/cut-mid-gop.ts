import { ArrayBufferTarget as Mp4Target, Muxer as Mp4Muxer } from 'mp4-muxer';
import { ArrayBufferTarget as WebmTarget, Muxer as WebmMuxer } from 'webm-muxer';
import type { Mp4Source } from '../media/mp4-source.ts';

/**
 * Videos cut mid-GOP, as a stream copy that ignores keyframes makes them: the
 * first frames need pictures that are no longer in the file.
 */

/**
 * The video of `source` from decode-order sample `from` on, remuxed as its own
 * MP4 (bytes untouched). `keyframes: false` marks every sample as a delta (a
 * file with no keyframe).
 */
export async function cutMp4(source: Mp4Source, from: number, keyframes = true): Promise<Blob> {
  const track = source.video!;
  const muxer = new Mp4Muxer({ target: new Mp4Target(), video: { codec: 'avc', width: track.codedWidth, height: track.codedHeight }, fastStart: 'in-memory', firstTimestampBehavior: 'offset' });
  let first = true;
  for await (const { sample, data } of source.read(track, from, track.samples.length)) {
    const meta = first ? { decoderConfig: track.config } : undefined;
    first = false;
    muxer.addVideoChunkRaw(data, keyframes && sample.key ? 'key' : 'delta', sample.ptsUs, sample.durationUs, meta, sample.ptsUs - sample.dtsUs);
  }
  muxer.finalize();
  return new Blob([muxer.target.buffer], { type: 'video/mp4' });
}

/**
 * A 160×90 VP9 WebM at 30 fps: 30 frames encoded with keyframes at 0 and 15,
 * kept from frame `from` on (timestamps from 0). Frame n of the cut is frame
 * n + `from` of the whole, so its first keyframe is frame 15 − `from`.
 */
export async function cutWebm(from: number): Promise<Blob> {
  const chunks: { chunk: EncodedVideoChunk; meta: EncodedVideoChunkMetadata | undefined }[] = [];
  let failure: DOMException | undefined;
  const encoder = new VideoEncoder({ output: (chunk, meta) => chunks.push({ chunk, meta }), error: (error) => (failure = error) });
  encoder.configure({ codec: 'vp09.00.10.08', width: 160, height: 90, bitrate: 200_000, framerate: 30 });
  const canvas = new OffscreenCanvas(160, 90);
  const context = canvas.getContext('2d')!;
  for (let i = 0; i < 30; i++) {
    context.fillStyle = `rgb(${i * 8}, 80, 160)`;
    context.fillRect(0, 0, 160, 90);
    const frame = new VideoFrame(canvas, { timestamp: Math.round((i * 1_000_000) / 30), duration: Math.round(1_000_000 / 30) });
    encoder.encode(frame, { keyFrame: i === 0 || i === 15 });
    frame.close();
  }
  await encoder.flush();
  encoder.close();
  if (failure) throw failure;
  const muxer = new WebmMuxer({ target: new WebmTarget(), video: { codec: 'V_VP9', width: 160, height: 90, frameRate: 30 }, firstTimestampBehavior: 'offset' });
  // The codec description comes with the first chunk; the cut's first chunk carries it on.
  const config = chunks[0]!.meta;
  for (const [i, { chunk }] of chunks.slice(from).entries()) muxer.addVideoChunk(chunk, i === 0 ? config : undefined);
  muxer.finalize();
  return new Blob([muxer.target.buffer], { type: 'video/webm' });
}

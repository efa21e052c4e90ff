import { ALL_FORMATS, BlobSource, BufferTarget, Conversion, Input, Mp4OutputFormat, Output } from 'mediabunny';

/**
 * `spool bench`'s yardstick: Mediabunny's own Conversion transcoding the same
 * file to MP4 (H.264 at the bitrate Spool uses, Opus sound) in the same
 * browser, so Spool's speed is reported as a ratio to it. Development only:
 * the product never calls this.
 */
export async function mediabunnyTranscode(file: File, bitrate: number): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  const target = new BufferTarget();
  const output = new Output({ format: new Mp4OutputFormat(), target });
  const conversion = await Conversion.init({
    input,
    output,
    video: { codec: 'avc', bitrate, forceTranscode: true, keyFrameInterval: 2 },
    audio: { codec: 'opus', forceTranscode: true },
  });
  if (!conversion.isValid) throw new Error(`Mediabunny cannot convert ${file.name}: ${conversion.discardedTracks.map((t) => t.reason).join(', ')}`);
  await conversion.execute();
  return { ms: performance.now() - started, bytes: target.buffer?.byteLength ?? 0 };
}

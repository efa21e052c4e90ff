import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  Conversion,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  Mp4OutputFormat,
  Output,
  StreamTarget,
  VideoSampleSink,
  VideoSampleSource,
} from 'mediabunny';

/** Where the yardstick writes: an OPFS file, as a Spool export does (the same job), or memory (its best case). */
export type YardstickTarget = 'opfs' | 'memory';

const OPFS_NAME = 'mediabunny-bench.mp4';

/** A Mediabunny target and how to get rid of what it wrote. */
async function openTarget(kind: YardstickTarget): Promise<{ target: BufferTarget | StreamTarget; bytes: () => Promise<number> }> {
  if (kind === 'memory') {
    const target = new BufferTarget();
    return { target, bytes: async () => target.buffer?.byteLength ?? 0 };
  }
  // Mediabunny's documented way to write a file: its StreamTarget over a FileSystemWritableFileStream, in 4 MB pieces as Spool writes.
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(OPFS_NAME, { create: true });
  const target = new StreamTarget(await handle.createWritable(), { chunked: true, chunkSize: 4 << 20 });
  return {
    target,
    bytes: async () => {
      const size = (await handle.getFile()).size;
      await root.removeEntry(OPFS_NAME);
      return size;
    },
  };
}

/**
 * `spool bench`'s yardstick: Mediabunny's own Conversion transcoding the same
 * file to MP4 (H.264 at the bitrate Spool uses, Opus sound) in the same
 * browser, so Spool's speed is reported as a ratio to it. Development only:
 * the product never calls this.
 */
export async function mediabunnyTranscode(file: File, bitrate: number, into: YardstickTarget): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  const { target, bytes } = await openTarget(into);
  const output = new Output({ format: new Mp4OutputFormat(), target });
  const conversion = await Conversion.init({
    input,
    output,
    video: { codec: 'avc', bitrate, forceTranscode: true, keyFrameInterval: 2 },
    audio: { codec: 'opus', forceTranscode: true },
  });
  if (!conversion.isValid) throw new Error(`Mediabunny cannot convert ${file.name}: ${conversion.discardedTracks.map((t) => t.reason).join(', ')}`);
  await conversion.execute();
  const ms = performance.now() - started;
  return { ms, bytes: await bytes() };
}

/**
 * The join yardstick: Mediabunny's packet copy of clips end to end into one
 * MP4 (video and sound packets copied, each track's clip shifted to follow
 * the one before), timed from first read to the finished file.
 */
export async function mediabunnyJoinCopy(files: File[], into: YardstickTarget): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const { target, bytes } = await openTarget(into);
  const output = new Output({ format: new Mp4OutputFormat(), target });
  const video = new EncodedVideoPacketSource('avc');
  const audio = new EncodedAudioPacketSource('aac');
  output.addVideoTrack(video);
  output.addAudioTrack(audio);
  await output.start();
  // Each track runs on from where it ended (a copy keeps packets whole, so sound and picture end a little apart).
  const next = { video: 0, audio: 0 };
  for (const [i, file] of files.entries()) {
    const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
    const [videoTrack, audioTrack] = [await input.getPrimaryVideoTrack(), await input.getPrimaryAudioTrack()];
    if (!videoTrack || !audioTrack) throw new Error(`${file.name} needs video and sound`);
    for (const [kind, track, source] of [['video', videoTrack, video], ['audio', audioTrack, audio]] as const) {
      const config = i === 0 ? await track.getDecoderConfig() : null;
      const shift = next[kind] - (await track.getFirstTimestamp());
      for await (const packet of new EncodedPacketSink(track).packets()) {
        const copied = packet.clone({ timestamp: packet.timestamp + shift });
        await (source as EncodedVideoPacketSource | EncodedAudioPacketSource).add(copied, config ? ({ decoderConfig: config } as EncodedVideoChunkMetadata & EncodedAudioChunkMetadata) : undefined);
        next[kind] = Math.max(next[kind], copied.timestamp + copied.duration);
      }
    }
  }
  await output.finalize();
  const ms = performance.now() - started;
  return { ms, bytes: await bytes() };
}

/**
 * The re-encode join yardstick: the same clips end to end, the picture decoded
 * and encoded again (H.264 at Spool's bitrate, a keyframe every 2 s) and the
 * sound's packets copied, as Spool does with them.
 */
export async function mediabunnyJoinReencode(files: File[], bitrate: number, into: YardstickTarget): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const { target, bytes } = await openTarget(into);
  const output = new Output({ format: new Mp4OutputFormat(), target });
  const video = new VideoSampleSource({ codec: 'avc', bitrate, keyFrameInterval: 2 });
  const audio = new EncodedAudioPacketSource('aac');
  output.addVideoTrack(video);
  output.addAudioTrack(audio);
  await output.start();
  const next = { video: 0, audio: 0 };
  for (const [i, file] of files.entries()) {
    const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
    const [videoTrack, audioTrack] = [await input.getPrimaryVideoTrack(), await input.getPrimaryAudioTrack()];
    if (!videoTrack || !audioTrack) throw new Error(`${file.name} needs video and sound`);
    const videoShift = next.video - (await videoTrack.getFirstTimestamp());
    for await (const sample of new VideoSampleSink(videoTrack).samples()) {
      sample.setTimestamp(sample.timestamp + videoShift);
      next.video = Math.max(next.video, sample.timestamp + sample.duration);
      await video.add(sample);
      sample.close();
    }
    const config = i === 0 ? await audioTrack.getDecoderConfig() : null;
    const audioShift = next.audio - (await audioTrack.getFirstTimestamp());
    for await (const packet of new EncodedPacketSink(audioTrack).packets()) {
      const copied = packet.clone({ timestamp: packet.timestamp + audioShift });
      await audio.add(copied, config ? { decoderConfig: config } : undefined);
      next.audio = Math.max(next.audio, copied.timestamp + copied.duration);
    }
  }
  await output.finalize();
  const ms = performance.now() - started;
  return { ms, bytes: await bytes() };
}

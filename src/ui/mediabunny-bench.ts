import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  Conversion,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  type InputAudioTrack,
  type InputVideoTrack,
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
 * The join yardsticks: the clips end to end into one MP4, each track's clip
 * shifted to follow the one before, timed from first read to the finished
 * file. The sound's packets are copied; so is the picture's, unless
 * `videoBitrate` asks for it to be decoded and encoded again (H.264, a keyframe
 * every 2 s), as Spool's re-encode join does.
 */
export async function mediabunnyJoin(files: File[], into: YardstickTarget, videoBitrate?: number): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const { target, bytes } = await openTarget(into);
  const output = new Output({ format: new Mp4OutputFormat(), target });
  const video = videoBitrate ? new VideoSampleSource({ codec: 'avc', bitrate: videoBitrate, keyFrameInterval: 2 }) : new EncodedVideoPacketSource('avc');
  const audio = new EncodedAudioPacketSource('aac');
  output.addVideoTrack(video);
  output.addAudioTrack(audio);
  await output.start();
  // Each track runs on from where it ended (a copy keeps packets whole, so sound and picture end a little apart).
  const next = { video: 0, audio: 0 };
  const copyPackets = async (kind: 'video' | 'audio', track: InputVideoTrack | InputAudioTrack, first: boolean) => {
    const config = first ? await track.getDecoderConfig() : null;
    const shift = next[kind] - (await track.getFirstTimestamp());
    const source = kind === 'video' ? (video as EncodedVideoPacketSource) : audio;
    for await (const packet of new EncodedPacketSink(track).packets()) {
      const copied = packet.clone({ timestamp: packet.timestamp + shift });
      await source.add(copied, config ? ({ decoderConfig: config } as EncodedVideoChunkMetadata & EncodedAudioChunkMetadata) : undefined);
      next[kind] = Math.max(next[kind], copied.timestamp + copied.duration);
    }
  };
  for (const [i, file] of files.entries()) {
    const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
    const [videoTrack, audioTrack] = [await input.getPrimaryVideoTrack(), await input.getPrimaryAudioTrack()];
    if (!videoTrack || !audioTrack) throw new Error(`${file.name} needs video and sound`);
    if (video instanceof VideoSampleSource) {
      const shift = next.video - (await videoTrack.getFirstTimestamp());
      for await (const sample of new VideoSampleSink(videoTrack).samples()) {
        sample.setTimestamp(sample.timestamp + shift);
        next.video = Math.max(next.video, sample.timestamp + sample.duration);
        await video.add(sample);
        sample.close();
      }
    } else await copyPackets('video', videoTrack, i === 0);
    await copyPackets('audio', audioTrack, i === 0);
  }
  await output.finalize();
  const ms = performance.now() - started;
  return { ms, bytes: await bytes() };
}

import { Mp4Source } from '../media/mp4-source.ts';

/** Queue bounds of the loop: decoder queue plus frames waiting, and frames in the encoder (the ones measured fastest here). */
const DECODE_AHEAD = 4;
const ENCODE_AHEAD = 2;

/**
 * `spool bench`'s ceiling: the file's picture read, decoded and encoded again
 * by one decoder and one encoder with nothing else at all (no sound, no
 * muxing, no file; packets read as Spool reads an MP4). What an export of the same
 * job costs the platform itself, in time and memory. Development only.
 */
export async function decodeEncodeCeiling(file: File, bitrate: number, codec: string): Promise<{ ms: number; frames: number }> {
  const started = performance.now();
  const source = await Mp4Source.open(file, file.name);
  const track = source.video;
  if (!track) throw new Error(`${file.name} has no picture`);
  const ready: VideoFrame[] = [];
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure = error;
    poke();
  };
  let frames = 0;
  const encoder = new VideoEncoder({ output: () => void frames++, error: fail });
  encoder.addEventListener('dequeue', poke);
  encoder.configure({ codec, width: track.codedWidth, height: track.codedHeight, bitrate, framerate: 30, avc: { format: 'avc' } });
  const decoder = new VideoDecoder({
    output: (frame) => {
      ready.push(frame);
      poke();
    },
    error: fail,
  });
  decoder.addEventListener('dequeue', poke);
  decoder.configure({ ...track.config, optimizeForLatency: true });
  const packets = source.read(track, 0, track.samples.length);
  let sent = 0;
  let read = 0;
  let ended = false;
  try {
    while (!ended || read > sent) {
      if (failure) throw failure;
      while (!ended && decoder.decodeQueueSize + ready.length < DECODE_AHEAD) {
        const next = await packets.next();
        if (next.done) {
          ended = true;
          await decoder.flush();
        } else {
          const { sample, data } = next.value;
          decoder.decode(new EncodedVideoChunk({ type: sample.key ? 'key' : 'delta', timestamp: sample.ptsUs, duration: sample.durationUs, data }));
          read++;
        }
      }
      const frame = ready[0];
      if (frame && encoder.encodeQueueSize < ENCODE_AHEAD) {
        ready.shift();
        encoder.encode(frame, { keyFrame: sent % 60 === 0 });
        frame.close();
        sent++;
      } else if (!ended || read > sent) await new Promise<void>((resolve) => (wake = resolve));
    }
    await encoder.flush();
    return { ms: performance.now() - started, frames };
  } finally {
    for (const frame of ready) frame.close();
    for (const codec of [decoder, encoder]) if (codec.state !== 'closed') codec.close();
  }
}

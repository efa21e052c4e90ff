import { EncodedPacketSink, type InputAudioTrack } from 'mediabunny';
import { decodedFrames } from './decoded-frames.ts';

/**
 * Decoding Vorbis from mid-file. A Vorbis packet's sound is only complete
 * with the next packet's overlap, so a decoder gives nothing for the first
 * packet it is fed; Chromium's still stamps its first output with that
 * packet's timestamp, which put the sound one packet (1024 samples at 48 kHz)
 * early after every seek. Whether this browser's decoder does so is measured
 * once per track (two packets decoded), not assumed.
 */
export interface VorbisStart {
  /** Where to start decoding, in seconds: the packet before the one holding the start (its sound is not given out). */
  fromSeconds: number;
  /** Seconds to add to every output's timestamp. */
  leadSeconds: number;
}

/** True when the decoder gives no sound for the first packet it is fed (and so stamps the next packet's sound with the first's time). */
export async function swallowsFirstPacket(track: InputAudioTrack, config: AudioDecoderConfig): Promise<boolean> {
  const packets = new EncodedPacketSink(track);
  // Two packets from the middle: the stream's first is header-like (no duration) anywhere.
  const first = await packets.getPacket((await track.computeDuration()) / 2);
  const second = first && (await packets.getNextPacket(first));
  if (!first || !second || !(first.duration > 0)) return false;
  const frames = await decodedFrames(config, [first, second]);
  return frames !== undefined && frames < Math.round((first.duration + second.duration) * config.sampleRate) - 1;
}

/** Where to decode from for sound at `startSeconds`, and the timestamp correction, when the decoder swallows its first packet. */
export async function vorbisStart(track: InputAudioTrack, startSeconds: number): Promise<VorbisStart> {
  const packets = new EncodedPacketSink(track);
  const holding = await packets.getPacket(startSeconds, { metadataOnly: true });
  // From the stream's start the swallowed packet is its first, which has no sound anyway.
  if (!holding || holding.timestamp <= 0) return { fromSeconds: startSeconds, leadSeconds: 0 };
  const before = await packets.getPacket(holding.timestamp - 1e-7, { metadataOnly: true });
  if (!before || before.timestamp >= holding.timestamp) return { fromSeconds: startSeconds, leadSeconds: 0 };
  return { fromSeconds: before.timestamp, leadSeconds: holding.timestamp - before.timestamp };
}

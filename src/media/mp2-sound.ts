import { EncodedPacketSink, type InputAudioTrack } from 'mediabunny';
import { decodedFrames } from './decoded-frames.ts';

/**
 * MP2 (MPEG Layer II), the sound of broadcasts and HDV camcorders. mediabunny
 * calls all MPEG audio 'mp3', and WebCodecs has no codec string for Layer II:
 * it goes to the 'mp3' decoder, which Chromium's decodes it with (FFmpeg's) but
 * another browser's may not, whatever its isConfigSupported says. So the sound
 * is named 'mp2' by its first frame's header, and tried.
 */
export async function mpegAudioCodec(track: InputAudioTrack, codec: string): Promise<string> {
  if (codec !== 'mp3') return codec;
  const first = await new EncodedPacketSink(track).getFirstPacket();
  // The header's layer bits (2 and 1 of its second byte): 0b10 is Layer II.
  return first && ((first.data[1]! >> 1) & 3) === 2 ? 'mp2' : codec;
}

/** Whether this browser's 'mp3' decoder gives sound for the track's first two packets of MP2. */
export async function decodesMp2(track: InputAudioTrack, config: AudioDecoderConfig): Promise<boolean> {
  const packets = new EncodedPacketSink(track);
  const first = await packets.getFirstPacket();
  const second = first && (await packets.getNextPacket(first));
  return !!first && ((await decodedFrames(config, second ? [first, second] : [first])) ?? 0) > 0;
}

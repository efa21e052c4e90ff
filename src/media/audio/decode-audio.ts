import { decodeTrack } from '../decode-stream.ts';
import { PacketTimedAudio } from './packet-timed-audio.ts';
import type { AudioTrack, Mp4Source } from '../mp4-source.ts';
import { pcmAudioData, type PcmFormat } from './pcm-format.ts';
import { opusPreSkipUs } from './opus-pre-skip.ts';

const MAX_AUDIO_AHEAD = 16;
/** AAC and Opus need a packet or two of pre-roll before the output is clean (PCM needs none). */
const PREROLL_PACKETS = 2;

/** Decode-order sample range covering [startUs, endUs) with pre-roll. */
export function audioRangeFor(track: AudioTrack, startUs: number, endUs: number): { from: number; to: number } {
  const samples = track.samples;
  let from = samples.findIndex((s) => s.ptsUs + s.durationUs > startUs);
  if (from < 0) return { from: 0, to: 0 };
  from = Math.max(0, from - (track.pcm ? 0 : PREROLL_PACKETS));
  let to = from;
  while (to < samples.length && samples[to]!.ptsUs < endUs) to++;
  return { from, to };
}

/**
 * Chromium's Opus decoder drops the pre-skip's samples and gives the first it keeps the first packet's time, where
 * that sample belongs the pre-skip later (as ffmpeg places it): so the packets go to it that much later. Unseen where
 * an edit list trims the pre-skip (ffmpeg's files: 6.5 ms, the first packet at −6.5 ms, its output at 0 either way),
 * but Chromium's MediaRecorder writes Opus in MP4 with no edit list and an 80 ms pre-skip: its sound came 80 ms early.
 */
const decoderLeadUs = (track: AudioTrack) => (track.codec === 'opus' ? opusPreSkipUs(track.config.description) : 0);

async function* audioChunks(source: Mp4Source, track: AudioTrack, from: number, to: number, onReadMs?: (ms: number) => void): AsyncGenerator<EncodedAudioChunk> {
  const leadUs = decoderLeadUs(track);
  for await (const { sample, data } of source.read(track, from, to, onReadMs)) {
    yield new EncodedAudioChunk({ type: 'key', timestamp: sample.ptsUs + leadUs, duration: sample.durationUs, data });
  }
}

/** PCM samples [from, to) as AudioData, converted from their bytes (WebCodecs decodes few PCM layouts, and not in every browser). */
async function* pcmAudio(source: Mp4Source, track: AudioTrack, pcm: PcmFormat, from: number, to: number, onReadMs?: (ms: number) => void): AsyncGenerator<AudioData> {
  for await (const { sample, data } of source.read(track, from, to, onReadMs)) yield pcmAudioData(data, pcm, sample.ptsUs);
}

/** AudioData for samples [from, to) in order, each at its packet's time; the consumer closes each. */
export function decodeAudio(source: Mp4Source, track: AudioTrack, from: number, to: number, onReadMs?: (ms: number) => void): AsyncGenerator<AudioData> {
  if (track.pcm) return pcmAudio(source, track, track.pcm, from, to, onReadMs);
  const packets = new PacketTimedAudio();
  return packets.timed(
    decodeTrack<AudioData, EncodedAudioChunk, AudioDecoderConfig>({
      Decoder: AudioDecoder,
      config: track.config,
      kind: 'audio',
      codec: track.codec,
      fileName: source.name,
      chunks: packets.feed(audioChunks(source, track, from, to, onReadMs)),
      maxAhead: MAX_AUDIO_AHEAD,
      startUs: track.samples[from]?.ptsUs ?? 0,
    }),
  );
}

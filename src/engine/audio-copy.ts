import type { Project } from '../model/project.ts';
import { clipSpeed } from '../model/project.ts';
import type { OutputFormat } from '../model/output-format.ts';
import { audibleClips, planAudioSpans } from '../model/render-plan.ts';
import { formatTimecode } from '../model/time.ts';
import { Mp4Source, type AudioTrack, type EncodedSample } from '../media/mp4-source.ts';
import { sameBytes } from './encoded-bytes.ts';
import type { SourceLookup } from './sources.ts';
import type { CopyJob } from './copy-streams.ts';
import type { ClipId } from '../model/ids.ts';

/** Packets [from, to) of one clip's sound track, in order. */
export interface AudioCopySegment {
  source: Mp4Source;
  track: AudioTrack;
  from: number;
  to: number;
  /** The timeline sample packet `from` starts at (the first segment's is negative: its pre-roll). */
  atSample: number;
  clipId: ClipId;
  startUs: number;
}

export type AudioCopyPlan =
  | {
      ok: true;
      segments: AudioCopySegment[];
      /** Samples of pre-roll before the sound shows (the edit the MP4 needs). */
      preRollSamples: number;
      /** The timeline sample the sound ends at: the last clip's end (its last packet may run past; the edit stops it). */
      endSample: number;
      sampleRate: number;
    }
  /** `plain`: the reason is the format chosen (or no sound at all), which the export panel already shows. */
  | { ok: false; reason: string; plain?: true };

/** AAC-LC, the AAC of cameras, phones and editors (HE-AAC's doubled rate and longer priming are not handled here). */
const isAacLc = (codec: string) => codec === 'mp4a.40.2';

/** The packet whose start is nearest to `us`, the later one on a tie (packets are in presentation order). */
function nearestPacket(samples: readonly EncodedSample[], us: number): number {
  let best = 0;
  for (let i = 1; i < samples.length; i++) if (Math.abs(samples[i]!.ptsUs - us) <= Math.abs(samples[best]!.ptsUs - us)) best = i;
  return best;
}

/**
 * Whether the sound can be written by copying the sources' AAC packets (lossless,
 * and no audio encoder needed, which Chromium on Linux lacks for AAC): the
 * audible clips play back to back from the start, each at its own volume, with
 * no fade or speed change, from MP4s with the same AAC-LC settings whose
 * sound is there from the clip's start (none after an empty edit). Each clip
 * contributes the whole packets nearest its span: the first with one packet of
 * pre-roll that an edit hides (what the source's own priming did), the rest
 * joined without their priming, so sound never drifts from picture by more than
 * half a packet (11 ms at 48 kHz) however many clips are joined.
 *
 * AAC packets overlap by half: the packet after a join decodes as a short
 * crossfade (one packet long) from the sound before it to the sound after. No
 * clip but the last ends on its file's short final packet (the rest of it
 * decodes as padding, silence, in the middle of the output); a clip so cut
 * short is followed by the next one's priming packet where that keeps the
 * sound in time (whole files joined end to end: every other join), and that
 * join fades the sound out over one packet instead.
 * Otherwise says why not, in words for the export dialog.
 */
export function planAudioCopy(project: Project, sources: SourceLookup, format: OutputFormat): AudioCopyPlan {
  const no = (reason: string): AudioCopyPlan => ({ ok: false, reason });
  const plainly = (reason: string): AudioCopyPlan => ({ ok: false, reason, plain: true });
  if (format.container === 'webm') return plainly('WebM carries only Opus');
  if (format.audio === 'opus') return plainly('Opus is chosen');
  const first = audibleClips(project).map((clip) => sources(clip.assetId)?.audio).find((audio) => audio);
  if (!first) return plainly('there is no sound');
  const rate = first.sampleRate;
  const spans = planAudioSpans(project, rate).filter((span) => sources(span.clip.assetId)?.audio);
  const segments: AudioCopySegment[] = [];
  let reference: AudioTrack | undefined;
  let media = 0; // samples written so far, pre-roll included
  let preRoll = 0;
  let expectedStart = 0;
  for (const { clip, startSample, endSample, shape } of spans) {
    const name = project.assets.find((a) => a.id === clip.assetId)?.name ?? 'a clip';
    const source = sources(clip.assetId);
    if (!(source instanceof Mp4Source) || !source.audio) return no(`the sound of "${name}" is not from an MP4`);
    const track = source.audio;
    if (!isAacLc(track.codec)) return no(`the sound of "${name}" is ${track.codec}, not AAC-LC`);
    if (track.channels > 2) return no(`the sound of "${name}" has ${track.channels} channels, mixed down to stereo`);
    reference ??= track;
    if (track.codec !== reference.codec || track.sampleRate !== rate || track.channels !== reference.channels || !sameBytes(track.config.description, reference.config.description)) {
      return no('the clips’ sound was encoded with different settings');
    }
    if (startSample !== expectedStart) return no(`${startSample > expectedStart ? 'there is silence' : 'sounds overlap'} at ${formatTimecode(Math.round((expectedStart * 1e6) / rate))}`);
    if (clip.volume !== 1 || clip.fadeInUs > 0 || clip.fadeOutUs > 0) return no(`"${name}" has a volume or fade`);
    if (shape.rampIn || shape.rampOut) return no(`a transition fades the sound of "${name}"`);
    if (shape.ducks.length > 0) return no(`the sound of "${name}" is lowered under another clip (ducking)`);
    if (clipSpeed(clip) !== 1) return no(`"${name}" plays at another speed`);
    const { samples } = track;
    const packetSamples = (i: number) => Math.round((samples[i]!.durationUs * rate) / 1e6);
    // A whole packet's length (1024 for AAC-LC): the first ones are whole.
    const whole = Math.max(...samples.slice(0, 3).map((_, i) => packetSamples(i)));
    const last = segments.length === spans.length - 1;
    // The source time the next packet will show at: timeline sample (media − preRoll) of this clip.
    const wantUs = clip.inUs + ((media - preRoll - startSample) * 1e6) / rate;
    let from = nearestPacket(samples, wantUs);
    // A sound that starts later than the picture (an empty edit) would be pulled forward: only mixing puts silence first.
    if (samples[from]!.ptsUs - wantUs > ((whole / 2 + 1) * 1e6) / rate) return no(`the sound of "${name}" starts after its picture`);
    if (segments.length === 0) {
      // Start on the packet that holds the first sample, and keep the one before it as pre-roll (AAC overlaps packets).
      if (samples[from]!.ptsUs > wantUs && from > 0) from--;
      if (from > 0) from--;
      preRoll = Math.max(0, Math.round(((wantUs - samples[from]!.ptsUs) * rate) / 1e6));
    }
    const atSample = media - preRoll;
    let to = from;
    // Up to the packet whose middle passes the clip's end.
    while (to < samples.length && media - preRoll + packetSamples(to) / 2 < endSample && (last || packetSamples(to) === whole)) media += packetSamples(to++);
    if (endSample - (media - preRoll) > whole) return no(`the sound of "${name}" ends before its clip does`);
    segments.push({ source, track, from, to, atSample, clipId: clip.id, startUs: clip.startUs });
    expectedStart = endSample;
  }
  if (segments.length === 0) return plainly('there is no sound');
  return { ok: true, segments, preRollSamples: preRoll, endSample: expectedStart, sampleRate: rate };
}

/** Where copied packets go (the encode sink, which forwards them to its muxer). */
export interface AudioCopyTarget {
  addEncodedAudio(data: Uint8Array, timestampUs: number, durationUs: number, meta?: EncodedAudioChunkMetadata): void;
}

/** Jobs that copy the planned packets to the muxer, one after another in time from 0 (the edit then hides the pre-roll; see copyStreams). */
export function audioCopyJobs(
  plan: Extract<AudioCopyPlan, { ok: true }>,
  target: AudioCopyTarget,
  /** Progress in packets, for an export that has only sound. */
  onProgress?: (done: number, total: number) => void,
): CopyJob[] {
  const { segments, sampleRate } = plan;
  let meta: EncodedAudioChunkMetadata | undefined = { decoderConfig: segments[0]!.track.config };
  const total = segments.reduce((n, s) => n + s.to - s.from, 0);
  let done = 0;
  let media = 0;
  return segments.map((segment) => ({
    ...segment,
    add(sample, data) {
      const samples = Math.round((sample.durationUs * sampleRate) / 1e6);
      const timestamp = Math.round((media * 1e6) / sampleRate);
      target.addEncodedAudio(data, timestamp, Math.round(((media + samples) * 1e6) / sampleRate) - timestamp, meta);
      meta = undefined;
      media += samples;
      onProgress?.(++done, total);
    },
  }));
}

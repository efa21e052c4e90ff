import { ADTS, AudioSampleSink, BlobSource, EncodedPacketSink, FLAC, Input, MATROSKA, MP3, MPEG_TS, OGG, VideoSampleSink, WAVE, WEBM } from 'mediabunny';
import type { InputAudioTrack, InputFormat, InputVideoTrack } from 'mediabunny';
import { CorruptMediaError, UnsupportedMediaError } from './errors.ts';
import { frameRateFacts, type AudioInfo, type Container, type LeftOutTracks, type MediaSource, type VideoInfo } from './media-source.ts';
import { matroskaLeftOut } from './matroska-tracks.ts';
import { id3v2Length, mp3PrimingSamples } from './mp3-priming.ts';
import { cutShortError, transportGaps, type TransportStream } from './transport-stream.ts';
import { swallowsFirstPacket, vorbisStart } from './vorbis-seek.ts';

/**
 * WebM/Matroska, MPEG-TS and audio-only files (MP3, WAV, FLAC, Ogg, ADTS), read
 * with mediabunny: mp4box reads only ISO BMFF, and a maintained demuxer beats a
 * hand-written one. Its sinks also decode PCM (WAV), which WebCodecs cannot.
 */
const FORMATS: [InputFormat, Container][] = [
  [WEBM, 'webm'],
  [MATROSKA, 'matroska'],
  [MP3, 'mp3'],
  [WAVE, 'wav'],
  [FLAC, 'flac'],
  [OGG, 'ogg'],
  [ADTS, 'adts'],
  [MPEG_TS, 'mpegts'],
];

const toUs = (seconds: number) => Math.round(seconds * 1_000_000);
/** Enough of an MP3 past its ID3 tag for the first frame and its Xing/Info header. */
const MP3_FRAME_BYTES = 8 * 1024;

/** An MP3's priming samples (see mp3PrimingSamples), read past its ID3 tag however large (album art). */
async function mp3Priming(blob: Blob): Promise<number> {
  const tag = id3v2Length(new Uint8Array(await blob.slice(0, 10).arrayBuffer()));
  return mp3PrimingSamples(new Uint8Array(await blob.slice(tag, tag + MP3_FRAME_BYTES).arrayBuffer()));
}

export class BunnySource implements MediaSource {
  private constructor(
    readonly blob: Blob,
    readonly name: string,
    readonly container: Container,
    readonly durationUs: number,
    readonly video: VideoInfo | undefined,
    readonly audio: AudioInfo | undefined,
    private readonly videoTrack: InputVideoTrack | undefined,
    private readonly audioTrack: InputAudioTrack | undefined,
    /** Leading decoded samples that are not the sound (an MP3's encoder and decoder delay), in µs: left out. */
    private readonly primingUs = 0,
    /** The file's time (µs) that is time 0 here: a Matroska or MPEG-TS file's first picture (see clockOrigin). */
    private readonly originUs = 0,
    readonly leftOut: LeftOutTracks | undefined = undefined,
    readonly cutShort = false,
  ) {}

  /** Whether this browser's decoder swallows a Vorbis stream's first packet (vorbis-seek.ts), measured once. */
  private vorbisSwallows: Promise<boolean> | undefined;

  /** `transport`: for an MPEG-TS, what prepareTransportStream found (mediabunny reads its `readable` file). */
  static async open(blob: Blob, name: string, transport?: TransportStream): Promise<BunnySource> {
    const input = new Input({ formats: FORMATS.map(([format]) => format), source: new BlobSource(transport?.readable ?? blob) });
    try {
      const format = await input.getFormat().catch(() => null);
      const container = FORMATS.find(([f]) => f === format)?.[1];
      if (!format || !container) throw new UnsupportedMediaError(`"${name}" is not a media file Spool can open.`);
      const videoTrack = (await input.getPrimaryVideoTrack()) ?? undefined;
      const audioTracks = await input.getAudioTracks();
      // The track the file plays by default, else the first this browser decodes (a film's AC-3 beside its AAC).
      const defaultAudio = (await input.getPrimaryAudioTrack()) ?? undefined;
      const audioTrack = (await input.getPrimaryAudioTrack({ filter: (track) => track.canDecode().catch(() => false) })) ?? defaultAudio;
      const unread = transport ? transportGaps(transport, videoTrack, audioTrack, name) : {};
      if (!videoTrack && !audioTrack) throw transport?.cutShort ? cutShortError(name) : new UnsupportedMediaError(`"${name}" has no video or audio track.`);
      const originUs = await clockOrigin(input, container, videoTrack, audioTrack);
      const durationUs = toUs(await input.computeDuration()) - originUs;
      if (!(durationUs > 0)) throw transport?.cutShort ? cutShortError(name) : new CorruptMediaError(`"${name}" is damaged: it has zero duration.`);
      const video = videoTrack ? await videoInfo(videoTrack, name, originUs) : undefined;
      const audio = audioTrack ? await audioInfo(audioTrack, name, audioTracks, audioTrack === defaultAudio, originUs) : unread.sound;
      const priming = container === 'mp3' && audio ? await mp3Priming(blob) : 0;
      const leftOut = container === 'webm' || container === 'matroska' ? await matroskaLeftOut(blob, videoTrack?.id) : undefined;
      const primingUs = toUs(priming / (audio?.sampleRate ?? 1));
      return new BunnySource(blob, name, container, durationUs, video, audio, videoTrack, audioTrack, primingUs, originUs, leftOut, transport?.cutShort);
    } catch (error) {
      if (error instanceof Error && error.name.endsWith('MediaError')) throw error;
      throw new CorruptMediaError(`"${name}" is damaged or incomplete: ${(error as Error).message || 'it could not be read'}.`);
    }
  }

  withoutAudio(): MediaSource {
    return new BunnySource(this.blob, this.name, this.container, this.durationUs, this.video, undefined, this.videoTrack, undefined, 0, this.originUs, this.leftOut, this.cutShort);
  }

  async canDecode(kind: 'video' | 'audio'): Promise<boolean> {
    const track = kind === 'video' ? this.videoTrack : this.audioTrack;
    return track ? track.canDecode().catch(() => false) : false;
  }

  async *videoFrames(startUs: number, endUs: number): AsyncGenerator<VideoFrame> {
    if (!this.videoTrack) return;
    const sink = new VideoSampleSink(this.videoTrack);
    // Frames before the first keyframe cannot be decoded: its picture stands in for them (as decodeRangeFor does for MP4).
    const firstKeyUs = this.video?.keyframeTimesUs[0] ?? startUs;
    const fromUs = Math.max(startUs, firstKeyUs);
    // The end is exclusive there and timestamps may be rounded to the millisecond: reach 1 ms past.
    for await (const sample of sink.samples((fromUs + this.originUs) / 1_000_000, (Math.max(endUs, fromUs) + 1000 + this.originUs) / 1_000_000)) {
      try {
        if (this.originUs) sample.setTimestamp(sample.timestamp - this.originUs / 1_000_000);
        yield sample.toVideoFrame();
      } finally {
        sample.close();
      }
    }
  }

  async *audioData(startUs: number, endUs: number): AsyncGenerator<AudioData> {
    if (!this.audioTrack || !this.audio) return;
    const sink = new AudioSampleSink(this.audioTrack);
    const shift = (this.primingUs + this.originUs) / 1_000_000;
    let from = startUs / 1_000_000 + shift;
    let lead = 0;
    if (this.audio.codec === 'vorbis' && (await (this.vorbisSwallows ??= swallowsFirstPacket(this.audioTrack, this.audio.config)))) {
      ({ fromSeconds: from, leadSeconds: lead } = await vorbisStart(this.audioTrack, from));
    }
    const correction = lead - shift;
    for await (const sample of sink.samples(from, endUs / 1_000_000 + shift)) {
      try {
        // An MP3's priming comes out before 0, where the placer trims it (as does a late-starting file's origin); see
        // vorbis-seek.ts for Vorbis.
        if (correction !== 0) sample.setTimestamp(sample.timestamp + correction);
        yield sample.toAudioData();
      } finally {
        sample.close();
      }
    }
  }
}

/**
 * How long a Matroska file's sound may start before its picture and still be left out (see clockOrigin). Such a lead
 * is an encoder's priming — AAC's 1024 samples are 21 ms at 48 kHz (128 ms at 8 kHz), Opus's pre-skip 7 ms — or a
 * recorder starting the camera a moment after the microphone (11 ms from Chrome's MediaRecorder here); a longer one is
 * sound someone recorded before the camera's first frame.
 */
const DROPPED_LEAD_US = 200_000;

/**
 * The file's time that is time 0 here: the clip starts at its first picture, so frame n is at n / rate (from the
 * earliest track instead, a 30 fps export of an FFmpeg MKV showed frame 0 twice, every later frame one late). Every
 * track keeps its time relative to the others. Matroska and MPEG-TS have no edit list: sound that starts before the
 * picture is how they hold an AAC or MP3 encoder's priming, and it is left out, as an MP4's edit list would have it
 * (the mixer drops what comes before 0). But sound that leads by more than DROPPED_LEAD_US is kept,
 * the clip starting with it and showing its first picture until then: losing what was said before the camera started
 * would lose work, a still first picture loses nothing. A file whose clock starts late (a remux that kept a
 * broadcast's clock, a part of a longer recording; an MPEG-TS always does, at 1.4 s from FFmpeg) thus starts where its
 * picture or sound does, not after minutes of its first frame held. A file of sound alone starts at its first timestamp,
 * or at 0 if that is earlier (what a muxer writes before 0 is not meant to be heard).
 */
async function clockOrigin(input: Input, container: Container, video: InputVideoTrack | undefined, audio: InputAudioTrack | undefined): Promise<number> {
  if (container !== 'webm' && container !== 'matroska' && container !== 'mpegts') return 0;
  const earliestUs = Math.max(0, toUs(await input.getFirstTimestamp([video, audio].filter((track) => !!track))));
  if (!video) return earliestUs;
  const pictureUs = toUs(await video.getFirstTimestamp());
  return pictureUs - earliestUs <= DROPPED_LEAD_US ? pictureUs : earliestUs;
}

async function videoInfo(track: InputVideoTrack, name: string, originUs: number): Promise<VideoInfo> {
  const config = await track.getDecoderConfig();
  if (!config) throw new UnsupportedMediaError(`"${name}" uses a video codec Spool does not know (${track.codec ?? 'unknown'}).`);
  const pts: number[] = [];
  const keyframeTimesUs: number[] = [];
  for await (const packet of new EncodedPacketSink(track).packets(undefined, undefined, { metadataOnly: true })) {
    pts.push(toUs(packet.timestamp) - originUs);
    if (packet.type === 'key') keyframeTimesUs.push(toUs(packet.timestamp) - originUs);
  }
  keyframeTimesUs.sort((a, b) => a - b);
  const firstKeyUs = keyframeTimesUs[0] ?? Infinity;
  const durationUs = toUs(await track.computeDuration()) - originUs;
  const [codedWidth, codedHeight, rotation, displayWidth, displayHeight] = await Promise.all([
    track.getCodedWidth(),
    track.getCodedHeight(),
    track.getRotation(),
    track.getDisplayWidth(), // already after rotation
    track.getDisplayHeight(),
  ]);
  return {
    codec: config.codec,
    codedWidth,
    codedHeight,
    rotation,
    displayWidth,
    displayHeight,
    ...frameRateFacts(pts, durationUs),
    frameCount: pts.length,
    keyframeTimesUs,
    framesBeforeKeyframe: pts.filter((t) => t < firstKeyUs).length,
    durationUs,
    config,
  };
}

async function audioInfo(track: InputAudioTrack, name: string, all: InputAudioTrack[], isDefault: boolean, originUs: number): Promise<AudioInfo> {
  const config = await track.getDecoderConfig();
  if (!config) throw new UnsupportedMediaError(`"${name}" uses an audio codec Spool does not know (${track.codec ?? 'unknown'}).`);
  const [sampleRate, channels, duration, trackName] = await Promise.all([track.getSampleRate(), track.getNumberOfChannels(), track.computeDuration(), track.getName()]);
  const choice = all.length > 1 ? { number: all.indexOf(track) + 1, count: all.length, isDefault, ...(trackName ? { name: trackName } : {}) } : undefined;
  return { codec: config.codec, sampleRate, channels, durationUs: toUs(duration) - originUs, config, ...(choice ? { choice } : {}) };
}

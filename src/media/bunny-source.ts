import { ADTS, AudioSampleSink, BlobSource, FLAC, Input, MATROSKA, MP3, MPEG_TS, OGG, VideoSampleSink, WAVE, WEBM } from 'mediabunny';
import type { InputAudioTrack, InputFormat, InputVideoTrack } from 'mediabunny';
import { keepScan, keptScan } from '../storage/scan-cache.ts';
import { scanContainer, scanOfTracks, toUs, type VideoScan } from './container-scan.ts';
import { CorruptMediaError, UnsupportedMediaError } from './errors.ts';
import type { AudioInfo, Container, LeftOutTracks, MediaSource, VideoInfo } from './media-source.ts';
import { matroskaLeftOut } from './matroska-tracks.ts';
import { id3v2Length, mp3PrimingSamples } from './mp3-priming.ts';
import { decodesMp2, mpegAudioCodec } from './mp2-sound.ts';
import { cutShortError, transportGaps, type TransportStream } from './transport-stream.ts';
import { matroskaCutShort } from './matroska-cut-short.ts';
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

  /** Whether this browser's decoder plays the MP2 sound (mp2-sound.ts), measured once. */
  private mp2Decodes: Promise<boolean> | undefined;

  /** Whether this browser's decoder swallows a Vorbis stream's first packet (vorbis-seek.ts), measured once. */
  private vorbisSwallows: Promise<boolean> | undefined;

  /**
   * `transport`: for an MPEG-TS, what prepareTransportStream found (mediabunny reads its `readable` file).
   * `fingerprint`: the file's content fingerprint, where known: what reading it through finds is kept by it, so the
   * next open skips that read (seconds for a large MPEG-TS or Matroska file).
   */
  static async open(blob: Blob, name: string, { transport, fingerprint }: { transport?: TransportStream; fingerprint?: string } = {}): Promise<BunnySource> {
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
      // Codecs first: a file Spool cannot use is refused before it is read through.
      const videoConfig = videoTrack && ((await videoTrack.getDecoderConfig()) ?? unknownCodec(videoTrack, name));
      const audioConfig = audioTrack && ((await audioTrack.getDecoderConfig()) ?? unknownCodec(audioTrack, name));
      const kept = fingerprint ? scanOfTracks(await keptScan(fingerprint), videoTrack, audioTrack) : undefined;
      const scan = kept ?? (await scanContainer(input, container, videoTrack, audioTrack));
      const { originUs, durationUs } = scan;
      if (!(durationUs > 0)) {
        const cutShort = transport?.cutShort || ((container === 'webm' || container === 'matroska') && (await matroskaCutShort(blob)));
        throw cutShort ? cutShortError(name) : new CorruptMediaError(`"${name}" is damaged: it has zero duration.`);
      }
      // A scan has facts for exactly the tracks used (scanOfTracks checks a kept one).
      const video = videoTrack ? await videoInfo(videoTrack, videoConfig!, scan.video!) : undefined;
      const audio = audioTrack ? await audioInfo(audioTrack, audioConfig!, audioTracks, audioTrack === defaultAudio, scan.audio!.durationUs) : unread.sound;
      const priming = container === 'mp3' && audio ? await mp3Priming(blob) : 0;
      const leftOut = container === 'webm' || container === 'matroska' ? await matroskaLeftOut(blob, videoTrack?.id) : undefined;
      const primingUs = toUs(priming / (audio?.sampleRate ?? 1));
      if (fingerprint && !kept) await keepScan(fingerprint, scan);
      return new BunnySource(blob, name, container, durationUs, video, audio, videoTrack, audioTrack, primingUs, originUs, leftOut, transport?.cutShort);
    } catch (error) {
      if (error instanceof Error && error.name.endsWith('MediaError')) throw error;
      // mediabunny's first sentence (its second asks for a bug report, which a damaged file is not), in ours.
      const first = ((error as Error).message || 'it could not be read').split(/\.(?:\s|$)/)[0]!;
      const why = /^[A-Z][a-z]/.test(first) ? first[0]!.toLowerCase() + first.slice(1) : first;
      throw new CorruptMediaError(`"${name}" is damaged or incomplete: ${why}.`);
    }
  }

  withoutAudio(): MediaSource {
    return new BunnySource(this.blob, this.name, this.container, this.durationUs, this.video, undefined, this.videoTrack, undefined, 0, this.originUs, this.leftOut, this.cutShort);
  }

  async canDecode(kind: 'video' | 'audio'): Promise<boolean> {
    if (kind === 'audio' && this.audioTrack && this.audio?.codec === 'mp2') return (this.mp2Decodes ??= decodesMp2(this.audioTrack, this.audio.config));
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

/** A codec mediabunny does not know: the file is refused, naming it. */
function unknownCodec(track: InputVideoTrack | InputAudioTrack, name: string): never {
  throw new UnsupportedMediaError(`"${name}" uses ${track.isVideoTrack() ? 'a video' : 'an audio'} codec Spool does not know (${track.codec ?? 'unknown'}).`);
}

async function videoInfo(track: InputVideoTrack, config: VideoDecoderConfig, scan: VideoScan): Promise<VideoInfo> {
  const [codedWidth, codedHeight, rotation, displayWidth, displayHeight] = await Promise.all([
    track.getCodedWidth(),
    track.getCodedHeight(),
    track.getRotation(),
    track.getDisplayWidth(), // already after rotation
    track.getDisplayHeight(),
  ]);
  const { fps, variableFrameRate, frameCount, framesBeforeKeyframe, durationUs } = scan;
  return {
    codec: config.codec,
    codedWidth,
    codedHeight,
    rotation,
    displayWidth,
    displayHeight,
    fps,
    variableFrameRate,
    frameCount,
    keyframeTimesUs: Array.from(scan.keyframeTimesUs),
    framesBeforeKeyframe,
    durationUs,
    config,
  };
}

async function audioInfo(track: InputAudioTrack, config: AudioDecoderConfig, all: InputAudioTrack[], isDefault: boolean, durationUs: number): Promise<AudioInfo> {
  const [sampleRate, channels, trackName] = await Promise.all([track.getSampleRate(), track.getNumberOfChannels(), track.getName()]);
  const choice = all.length > 1 ? { number: all.indexOf(track) + 1, count: all.length, isDefault, ...(trackName ? { name: trackName } : {}) } : undefined;
  return { codec: await mpegAudioCodec(track, config.codec), sampleRate, channels, durationUs, config, ...(choice ? { choice } : {}) };
}

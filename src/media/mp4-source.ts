import { soundFormatName } from './codec-names.ts';
import { DataStream, MP4BoxBuffer } from 'mp4box';
import type { ISOFile, Movie, MultiBufferStream, Sample, Track } from 'mp4box';
import { CorruptMediaError, UnsupportedMediaError } from './errors.ts';
import { describeKind, sniffBytes, SNIFF_BYTES } from './sniff.ts';
import { damagedContentsError, damagedTrackError, dataPastEndError, layoutError, unreadTracks } from './mp4-damage.ts';
import { mp4LeftOut, type SetAsideTrak } from './mp4-left-out.ts';
import { unitsToUs } from '../model/time.ts';
import { frameRateFacts, type AudioInfo, type DamagedTrack, type LeftOutTracks, type MediaSource, type VideoInfo } from './media-source.ts';
import { decodeRangeFor } from './sample-index.ts';
import { decodeVideo } from './video-frames.ts';
import { audioRangeFor, decodeAudio } from './audio/decode-audio.ts';
import { frameBytes, pcmCodec, type PcmFormat } from './audio/pcm-format.ts';
import { createMp4File, isUnparsedSound, isUnparsedVideo, type DfLaBox } from './mp4box-file.ts';
import { readSoundEntry } from './mp4-sound-entry.ts';
import { pcmPackets } from './mp4-pcm-packets.ts';
import { vp9Level } from './encoder-config.ts';

/** One encoded sample, its times already in presentation microseconds (edit list applied). */
export interface EncodedSample {
  /** Position in decode order. */
  index: number;
  ptsUs: number;
  dtsUs: number;
  durationUs: number;
  key: boolean;
  offset: number;
  size: number;
}

interface TrackBase {
  id: number;
  codec: string;
  durationUs: number;
  /** Decode order. */
  samples: EncodedSample[];
}

export interface VideoTrack extends TrackBase, VideoInfo {
  kind: 'video';
}

export interface AudioTrack extends TrackBase, AudioInfo {
  kind: 'audio';
  /** Uncompressed sound, turned into AudioData directly (no decoder). */
  pcm?: PcmFormat;
}

const HEAD_READ = 1 << 20;
const MAX_READ_SPAN = 4 << 20;
/** Samples further apart than this are read separately: a sound track's packets lie between large runs of video. */
const MAX_READ_GAP = 64 << 10;
/** PCM is cut into packets of at most this many frames (85 ms at 48 kHz), each one AudioData. */
const PCM_PACKET_FRAMES = 4096;

/**
 * An MP4/MOV file read by slices: mp4box parses only the boxes (mdat is skipped,
 * never loaded), and sample bytes are fetched on demand in batched slices.
 */
/** Whether this browser decodes a picture track (a malformed codec string: no). */
async function decodes(track: VideoTrack): Promise<boolean> {
  try {
    return typeof VideoDecoder !== 'undefined' && (await VideoDecoder.isConfigSupported(track.config)).supported === true;
  } catch {
    return false;
  }
}

/**
 * The file's first video track, or where this browser cannot decode it, the
 * first of the others it can (an HEVC track beside an H.264 one): the others
 * are named as left out. Where none decodes, the first, so the probe names its codec.
 */
async function decodablePicture(first: VideoTrack, others: readonly Track[], read: (track: Track) => VideoTrack): Promise<VideoTrack> {
  if (others.length === 0 || (await decodes(first))) return first;
  for (const other of others) {
    try {
      const track = read(other);
      if (await decodes(track)) return track;
    } catch {
      // a damaged further track is no better: the first stays
    }
  }
  return first;
}

export class Mp4Source implements MediaSource {
  readonly container = 'mp4';

  private constructor(
    readonly blob: Blob,
    readonly name: string,
    readonly video: VideoTrack | undefined,
    readonly audio: AudioTrack | undefined,
    readonly durationUs: number,
    readonly leftOut: LeftOutTracks,
  ) {}

  static async open(blob: Blob, name: string): Promise<Mp4Source> {
    if (blob.size === 0) throw new UnsupportedMediaError(`"${name}" is empty (0 bytes): it is not a video file.`);
    const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
    const kind = sniffBytes(head, blob.size);
    if (kind !== 'isobmff') {
      const what = describeKind(kind);
      throw new UnsupportedMediaError(
        kind === 'unknown'
          ? `"${name}" is not a video file: its contents are not MP4, MOV or any format Spool knows.`
          : `"${name}" is not a video file Spool can open yet: it is ${what}.`,
      );
    }
    const { file, info, setAside, unread } = await parseBoxes(blob, name);
    // A picture track mp4box cannot parse is still the file's picture: kept, so the probe names its codec.
    const picture = info.videoTracks[0] ?? info.tracks.find((track) => isUnparsedVideo(file.getTrackById(track.id)));
    const video = picture ? await decodablePicture(videoTrack(file, picture, name), info.videoTracks.slice(1), (track) => videoTrack(file, track, name)) : undefined;
    const audio = await chooseSound(file, info, name);
    const leftOut = mp4LeftOut(file.moov.traks, setAside, unread, [video?.id, audio?.id]);
    const damagedVideo = leftOut.damaged.find((track) => track.kind === 'video');
    // No picture left: boxes that do not add up say most (as for a file with no track), else the damaged track does.
    if (!video && damagedVideo) throw (await layoutError(blob, name)) ?? damagedTrackError(name, damagedVideo);
    // A movie box too damaged to hold its tracks says so, rather than that the file has none.
    if (!video && !audio) throw (await layoutError(blob, name)) ?? new UnsupportedMediaError(`"${name}" has no video or audio track.`);
    for (const track of [video, audio]) {
      // Sound Spool cannot read has no samples; it is left out with a notice.
      if (!track || (track.kind === 'audio' && track.unsupported)) continue;
      if (track.samples.length === 0) throw new CorruptMediaError(`"${name}" is damaged or incomplete: its ${track.kind} track has no samples.`);
      // A loop, not Math.max(...spread): long recordings have more samples than a call can take arguments.
      let end = 0;
      for (const s of track.samples) end = Math.max(end, s.offset + s.size);
      if (end > blob.size) throw await dataPastEndError(blob, name, end);
    }
    const durationUs = Math.max(video?.durationUs ?? 0, audio?.durationUs ?? 0);
    if (durationUs <= 0) throw new CorruptMediaError(`"${name}" is damaged: it has zero duration.`);
    return new Mp4Source(blob, name, video, audio, durationUs, leftOut);
  }

  withoutAudio(): Mp4Source {
    return new Mp4Source(this.blob, this.name, this.video, undefined, this.durationUs, this.leftOut);
  }

  async canDecode(kind: 'video' | 'audio'): Promise<boolean> {
    if (kind === 'audio') return !!this.audio && canDecodeSound(this.audio);
    return !!this.video && decodes(this.video);
  }

  videoFrames(startUs: number, endUs: number, onReadMs?: (ms: number) => void): AsyncGenerator<VideoFrame> {
    const video = this.video!;
    const { from, to } = decodeRangeFor(video.samples, startUs, endUs);
    return decodeVideo(this, video, from, to, onReadMs);
  }

  audioData(startUs: number, endUs: number, onReadMs?: (ms: number) => void): AsyncGenerator<AudioData> {
    const audio = this.audio!;
    const { from, to } = audioRangeFor(audio, startUs, endUs);
    return decodeAudio(this, audio, from, to, onReadMs);
  }

  /** Yields samples [from, to) of a track in decode order with their bytes. */
  async *read(track: TrackBase, from: number, to: number, onReadMs?: (ms: number) => void): AsyncGenerator<{ sample: EncodedSample; data: Uint8Array }> {
    for await (const { sample, data } of this.readTracks([{ track, from, to }], onReadMs)) yield { sample, data };
  }

  /**
   * Yields samples of several tracks (each [from, to) in decode order) with
   * their bytes, in the order they lie in the file, `part` saying whose each
   * is: a copy reads a clip's picture and sound in one pass. Where the samples
   * fill most of their stretch of the file (video, with sound between), that
   * stretch is streamed once: one `Blob.stream()` moves bytes several times
   * faster than many slices. Sparse ones (sound alone) are read in slices of
   * neighbours; so is what is left if a stream fails (WebKit's can, on large
   * files). Tracks stored out of decode order are read one after another.
   */
  async *readTracks(parts: readonly ReadPart[], onReadMs?: (ms: number) => void): AsyncGenerator<PartSample> {
    const pieces = parts.map(({ track, from, to }, part) => sampleRange(track, from, to).map((sample) => ({ part, sample })));
    if (!pieces.every(inFileOrder)) {
      for (const piece of pieces) yield* this.sliced(piece, onReadMs);
      return;
    }
    const entries = pieces.length === 1 ? pieces[0]! : pieces.flat().sort((x, y) => x.sample.offset - y.sample.offset);
    let next = 0;
    if (entries.length > 1 && isDense(entries)) {
      try {
        for await (const item of this.streamed(entries, onReadMs)) {
          yield item;
          next++;
        }
        return;
      } catch (error) {
        if (error instanceof CorruptMediaError) throw error;
        // The stream broke: the slices below take over from the sample it did not deliver.
      }
    }
    yield* this.sliced(entries.slice(next), onReadMs);
  }

  /** Entries (in file order) from one stream of their stretch of the file. */
  private async *streamed(entries: readonly PartEntry[], onReadMs?: (ms: number) => void): AsyncGenerator<PartSample> {
    const start = entries[0]!.sample.offset;
    const last = entries[entries.length - 1]!.sample;
    const reader = this.blob.slice(start, last.offset + last.size).stream().getReader();
    // Stream pieces not yet wholly used, the first starting at byte `piecesStart` of the file.
    const pieces: Uint8Array[] = [];
    let piecesStart = start;
    let have = start;
    try {
      for (const { part, sample: s } of entries) {
        while (have < s.offset + s.size) {
          const started = performance.now();
          const { done, value } = await reader.read();
          onReadMs?.(performance.now() - started);
          if (done) throw new CorruptMediaError(`"${this.name}" could not be read completely (was it changed or moved?).`);
          pieces.push(value);
          have += value.length;
        }
        while (piecesStart + pieces[0]!.length <= s.offset) piecesStart += pieces.shift()!.length;
        const at = s.offset - piecesStart;
        yield { part, sample: s, data: at + s.size <= pieces[0]!.length ? pieces[0]!.subarray(at, at + s.size) : gather(pieces, at, s.size) };
      }
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }

  /** Entries (in file order), neighbouring ones read in one slice (bounded span, small gaps) to keep reads few. */
  private async *sliced(entries: readonly PartEntry[], onReadMs?: (ms: number) => void): AsyncGenerator<PartSample> {
    let i = 0;
    while (i < entries.length) {
      const first = entries[i]!.sample;
      let j = i + 1;
      let spanEnd = first.offset + first.size;
      while (j < entries.length) {
        const s = entries[j]!.sample;
        if (s.offset < spanEnd || s.offset > spanEnd + MAX_READ_GAP || s.offset + s.size - first.offset > MAX_READ_SPAN) break;
        spanEnd = s.offset + s.size;
        j++;
      }
      const started = performance.now();
      const bytes = new Uint8Array(await this.blob.slice(first.offset, spanEnd).arrayBuffer());
      onReadMs?.(performance.now() - started);
      if (bytes.length < spanEnd - first.offset) throw new CorruptMediaError(`"${this.name}" could not be read completely (was it changed or moved?).`);
      for (let k = i; k < j; k++) {
        const { part, sample: s } = entries[k]!;
        yield { part, sample: s, data: bytes.subarray(s.offset - first.offset, s.offset - first.offset + s.size) };
      }
      i = j;
    }
  }
}

/** Which track's samples to read: [from, to) in decode order. */
export interface ReadPart {
  track: TrackBase;
  from: number;
  to: number;
}

/** A sample read, with the index of the part it belongs to. */
export interface PartSample {
  part: number;
  sample: EncodedSample;
  data: Uint8Array;
}

type PartEntry = Omit<PartSample, 'data'>;

const sampleRange = (track: TrackBase, from: number, to: number) => track.samples.slice(Math.max(0, from), Math.min(to, track.samples.length));

/** Whether entries lie one after another in the file, none overlapping the one before. */
function inFileOrder(entries: readonly PartEntry[]): boolean {
  for (let k = 1; k < entries.length; k++) if (entries[k]!.sample.offset < entries[k - 1]!.sample.offset + entries[k - 1]!.sample.size) return false;
  return true;
}

/** Whether entries (in file order) fill at least half their stretch of the file: worth streaming whole. */
function isDense(entries: readonly PartEntry[]): boolean {
  let bytes = 0;
  for (const { sample } of entries) bytes += sample.size;
  const last = entries[entries.length - 1]!.sample;
  return bytes * 2 >= last.offset + last.size - entries[0]!.sample.offset;
}

/** `size` bytes from `at` into the concatenation of `pieces` (a sample split across stream pieces). */
function gather(pieces: readonly Uint8Array[], at: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let filled = 0;
  for (const piece of pieces) {
    if (at >= piece.length) {
      at -= piece.length;
      continue;
    }
    const part = piece.subarray(at, Math.min(piece.length, at + size - filled));
    out.set(part, filled);
    filled += part.length;
    at = 0;
    if (filled === size) break;
  }
  return out;
}

/** The file's boxes and tracks, and the tracks it declares that cannot be read: set aside, or past damage in the movie box. */
async function parseBoxes(blob: Blob, name: string): Promise<{ file: ISOFile; info: Movie; setAside: SetAsideTrak[]; unread: DamagedTrack[] }> {
  const setAside: SetAsideTrak[] = [];
  const file = createMp4File((number, trak, why) => setAside.push({ number, trak, why }));
  let info: Movie | undefined;
  // mp4box's own words (an offset out of bounds, a property of undefined) mean nothing to a person: the layout says more.
  let failed = false;
  file.onReady = (movie) => (info = movie);
  file.onError = () => (failed = true);
  let position = 0;
  try {
    while (!info && !failed && position < blob.size) {
      const slice = await blob.slice(position, position + HEAD_READ).arrayBuffer();
      const next = file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(slice, position), position + slice.byteLength >= blob.size);
      // mp4box answers with the next offset it wants (past an mdat it skips) or nothing when it only needs more.
      position = typeof next === 'number' && next > position ? next : position + slice.byteLength;
    }
  } catch {
    failed = true;
  }
  if (!info && !failed) file.flush();
  if (!info) {
    throw (
      (await layoutError(blob, name)) ??
      (failed
        ? damagedContentsError(name)
        : new CorruptMediaError(`"${name}" is incomplete: it has no movie header (moov), which happens when a recording stops before it is finished (the app closed, or the disk filled up). Record or export it again.`))
    );
  }
  return { file, info, setAside, unread: await unreadTracks(blob, file.moov) };
}

/** Presentation = composition time minus the first edit's media start, plus any leading empty edit. */
function editListShift(trak: ReturnType<ISOFile['getTrackById']>, track: Track, movieTimescale: number): { mediaStart: number; emptyUs: number; editedUs?: number } {
  const entries = trak.edts?.elst?.entries ?? track.edits ?? [];
  let emptyUs = 0;
  let editedUs: number | undefined;
  for (const entry of entries) {
    if (entry.media_time === -1) {
      emptyUs += unitsToUs(entry.segment_duration, movieTimescale);
      continue;
    }
    if (entry.segment_duration > 0) editedUs = unitsToUs(entry.segment_duration, movieTimescale);
    return { mediaStart: entry.media_time, emptyUs, ...(editedUs === undefined ? {} : { editedUs }) };
  }
  return { mediaStart: 0, emptyUs };
}

/** A sample's timing and place in track units, as mp4box lists them. */
type RawSample = Pick<Sample, 'cts' | 'dts' | 'duration' | 'is_sync' | 'offset' | 'size'>;

function samplesOf(
  file: ISOFile,
  track: Track,
  movieTimescale: number,
  raw: readonly RawSample[] = file.getTrackSamplesInfo(track.id),
): { samples: EncodedSample[]; durationUs: number } {
  const trak = file.getTrackById(track.id);
  const { mediaStart, emptyUs, editedUs } = editListShift(trak, track, movieTimescale);
  const ts = track.timescale;
  const samples = raw.map((s, index) => ({
    index,
    ptsUs: unitsToUs(s.cts - mediaStart, ts) + emptyUs,
    dtsUs: unitsToUs(s.dts - mediaStart, ts) + emptyUs,
    durationUs: unitsToUs(s.duration, ts),
    key: s.is_sync,
    offset: s.offset,
    size: s.size,
  }));
  const lastEnd = samples.reduce((end, s) => Math.max(end, s.ptsUs + s.durationUs), 0);
  return { samples, durationUs: editedUs !== undefined ? Math.min(editedUs + emptyUs, lastEnd) : lastEnd };
}

function sampleEntry(file: ISOFile, trackId: number) {
  return file.getTrackById(trackId).mdia.minf.stbl.stsd.entries[0];
}

function serialiseBox(box: { write(stream: MultiBufferStream): void }): Uint8Array {
  const stream = new DataStream();
  box.write(stream as unknown as MultiBufferStream);
  return new Uint8Array(stream.buffer as ArrayBuffer, 8); // drop the box header
}

/** Rotation from the track header matrix [a b u; c d v; x y w], as players read it. */
export function rotationFromMatrix(matrix: ArrayLike<number>): 0 | 90 | 180 | 270 {
  const a = matrix[0] ?? 65536;
  const b = matrix[1] ?? 0;
  const degrees = (Math.round((Math.atan2(b, a) * 180) / Math.PI / 90) * 90 + 360) % 360;
  return degrees as 0 | 90 | 180 | 270;
}

/**
 * The track's codec string, given a level where a VP9 one says 00, which is none: Chromium's MediaRecorder writes
 * VP9 in MP4 (what it records for plain video/mp4) so, and the same browser's VideoDecoder refuses that string.
 */
function codecWithLevel(codec: string, width: number, height: number, fps: number): string {
  return codec.replace(/^(vp09\.\d\d)\.00\./, (_, profile: string) => `${profile}.${vp9Level(width, height, fps)}.`);
}

function videoTrack(file: ISOFile, track: Track, name: string): VideoTrack {
  const { samples, durationUs } = samplesOf(file, track, file.getInfo().timescale);
  const entry = sampleEntry(file, track.id) as { width?: number; height?: number; avcC?: never; hvcC?: never; vpcC?: never; av1C?: never } | undefined;
  const box = entry?.avcC ?? entry?.hvcC ?? entry?.vpcC ?? entry?.av1C;
  // An entry mp4box does not parse (ProRes) has no size of its own: the track header's stands in.
  const codedWidth = entry?.width ?? track.video?.width ?? Math.round(track.track_width);
  const codedHeight = entry?.height ?? track.video?.height ?? Math.round(track.track_height);
  if (!codedWidth || !codedHeight) throw new CorruptMediaError(`"${name}" is damaged: its video track has no picture size.`);
  const rotation = rotationFromMatrix(track.matrix);
  const shownW = Math.round(track.track_width) || codedWidth;
  const shownH = Math.round(track.track_height) || codedHeight;
  const sideways = rotation === 90 || rotation === 270;
  // Non-square pixels (anamorphic DV, some phones): the track header's size is the picture's true shape; telling the
  // decoder makes its frames' displayWidth/displayHeight say so, and the compositor places by those.
  const anamorphic = shownW * codedHeight !== shownH * codedWidth;
  const { fps, variableFrameRate } = frameRateFacts(samples.map((sample) => sample.ptsUs), durationUs);
  const codec = codecWithLevel(track.codec, codedWidth, codedHeight, fps);
  const config: VideoDecoderConfig = {
    codec,
    codedWidth,
    codedHeight,
    ...(anamorphic ? { displayAspectWidth: shownW, displayAspectHeight: shownH } : {}),
    ...(box ? { description: serialiseBox(box) } : {}),
  };
  const firstKey = samples.find((sample) => sample.key);
  return {
    kind: 'video',
    id: track.id,
    codec,
    durationUs,
    samples,
    codedWidth,
    codedHeight,
    rotation,
    displayWidth: sideways ? shownH : shownW,
    displayHeight: sideways ? shownW : shownH,
    fps,
    variableFrameRate,
    frameCount: samples.length,
    keyframeTimesUs: samples.filter((sample) => sample.key).map((sample) => sample.ptsUs).sort((a, b) => a - b),
    framesBeforeKeyframe: firstKey ? samples.filter((sample) => sample.ptsUs < firstKey.ptsUs).length : samples.length,
    config,
  };
}

const AAC_RATES = [96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000, 7_350];

/**
 * Sample rate and channel count from an AAC AudioSpecificConfig: the rate the
 * decoder puts out (HE-AAC's doubled one where the config says so; 0 when
 * unknown), and the channels (0 when it defers to a program config element).
 */
export function aacConfigFacts(config: Uint8Array): { sampleRate: number; channels: number } {
  let bit = 0;
  const read = (n: number) => {
    let value = 0;
    for (let i = 0; i < n; i++, bit++) value = (value << 1) | (((config[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
    return value;
  };
  const rate = () => {
    const index = read(4);
    return index === 15 ? read(24) : (AAC_RATES[index] ?? 0);
  };
  let objectType = read(5);
  if (objectType === 31) objectType = 32 + read(6); // escaped object type
  let sampleRate = rate();
  const channelConfig = read(4);
  if (objectType === 5 || objectType === 29) sampleRate = rate(); // SBR (HE-AAC) or PS: the extension's output rate
  return { sampleRate, channels: channelConfig === 7 ? 8 : channelConfig <= 6 ? channelConfig : 0 };
}

/** The Opus fields of an MP4's dOps box. */
interface OpusSpecificBox {
  OutputChannelCount: number;
  PreSkip: number;
  InputSampleRate: number;
  OutputGain: number;
  ChannelMappingFamily: number;
  StreamCount?: number;
  CoupledCount?: number;
  ChannelMapping?: number[];
}

/**
 * The Ogg-style OpusHead that WebCodecs takes as an Opus description, from
 * MP4's dOps (same fields, big- rather than little-endian). Without it the
 * decoder cannot know the pre-skip, and every sound starts 6.5 ms late.
 */
export function opusHead(dOps: OpusSpecificBox): Uint8Array<ArrayBuffer> {
  const mapping = dOps.ChannelMappingFamily === 0 ? [] : [dOps.StreamCount ?? 1, dOps.CoupledCount ?? 0, ...(dOps.ChannelMapping ?? [])];
  const head = new Uint8Array(19 + mapping.length);
  const view = new DataView(head.buffer);
  head.set([...'OpusHead'].map((c) => c.charCodeAt(0)));
  view.setUint8(8, 1);
  view.setUint8(9, dOps.OutputChannelCount);
  view.setUint16(10, dOps.PreSkip, true);
  view.setUint32(12, dOps.InputSampleRate, true);
  view.setInt16(16, dOps.OutputGain, true);
  view.setUint8(18, dOps.ChannelMappingFamily);
  head.set(mapping, 19);
  return head;
}

/** WebCodecs' FLAC description: the stream marker, then the metadata blocks (STREAMINFO first) as MP4's dfLa holds them. */
function flacDescription(blocks: Uint8Array): Uint8Array<ArrayBuffer> {
  const description = new Uint8Array(4 + blocks.length);
  description.set([...'fLaC'].map((c) => c.charCodeAt(0)));
  description.set(blocks, 4);
  return description;
}

/**
 * WebCodecs' codec string for an MP4 audio codec: MP4 names Opus and FLAC by
 * their sample entries ('Opus', 'fLaC'; 'opus' and 'flac' to WebCodecs), and
 * MP3 by its MPEG-4 object type (0x6B, or 0x69 for MPEG-2 layer 3), which
 * decoders do not all take; both are 'mp3' to WebCodecs.
 */
export function webCodecsAudioCodec(mp4Codec: string): string {
  if (mp4Codec === 'Opus') return 'opus';
  if (mp4Codec === 'fLaC') return 'flac';
  const lower = mp4Codec.toLowerCase();
  return lower === 'mp4a.6b' || lower === 'mp4a.69' ? 'mp3' : mp4Codec;
}

function audioTrack(file: ISOFile, track: Track, name: string): AudioTrack {
  const { samples, durationUs } = samplesOf(file, track, file.getInfo().timescale);
  const entry = sampleEntry(file, track.id) as
    | { esds?: { esd?: { findDescriptor(tag: number): { findDescriptor(tag: number): { data?: Uint8Array } | undefined } | undefined } }; dOps?: OpusSpecificBox; dfLa?: DfLaBox }
    | undefined;
  const aacConfig = entry?.esds?.esd?.findDescriptor(4)?.findDescriptor(5)?.data;
  const specificInfo = aacConfig ?? (entry?.dOps ? opusHead(entry.dOps) : entry?.dfLa ? flacDescription(entry.dfLa.blocks) : undefined);
  const aac = aacConfig ? aacConfigFacts(aacConfig) : undefined;
  // A rate above 65535 Hz (96 kHz) does not fit the sample entry, which then says 0: AAC's own config knows it.
  const sampleRate = track.audio?.sample_rate || aac?.sampleRate || 0;
  // The sample entry often says 2 whatever the truth; AAC's own config knows.
  const channels = aac?.channels || entry?.dOps?.OutputChannelCount || (track.audio?.channel_count ?? 0);
  if (!sampleRate || !channels) throw new CorruptMediaError(`"${name}" is damaged: its audio track has no sample rate or channel count.`);
  const codec = webCodecsAudioCodec(track.codec);
  const config: AudioDecoderConfig = {
    codec,
    sampleRate,
    numberOfChannels: channels,
    ...(specificInfo ? { description: specificInfo } : {}),
  };
  return { kind: 'audio', id: track.id, codec, durationUs, samples, sampleRate, channels, config };
}

async function canDecodeSound(track: AudioTrack): Promise<boolean> {
  try {
    if (track.unsupported) return false;
    if (track.pcm) return typeof AudioData !== 'undefined';
    return typeof AudioDecoder !== 'undefined' && (await AudioDecoder.isConfigSupported(track.config)).supported === true;
  } catch {
    return false; // a malformed codec string is as undecodable as an unknown one
  }
}

/** A track's name as QuickTime and FFmpeg write it (user data 'name'), if any. */
function trackName(file: ISOFile, track: Track): string | undefined {
  const data = file.getTrackById(track.id).udta?.boxes?.find((box) => box.type === 'name')?.data;
  const name = data ? new TextDecoder().decode(new Uint8Array(data)).replace(/\0+$/, '').trim() : '';
  return name || undefined;
}

/**
 * The sound track to use, of however many (languages, microphones): the one
 * the file plays by default (the first it enables, as players do) if this
 * browser decodes it, else the first that it decodes, else the default one (so
 * a sound Spool cannot read gets its notice). mp4box lists sound it does not
 * parse (PCM among it) as metadata.
 */
async function chooseSound(file: ISOFile, info: Movie, name: string): Promise<AudioTrack | undefined> {
  const sounds = info.tracks.filter((track) => track.type === 'audio' || isUnparsedSound(file.getTrackById(track.id)));
  const byDefault = sounds.find((track) => file.getTrackById(track.id).tkhd.flags & 1) ?? sounds[0];
  let fallback: AudioTrack | undefined;
  for (const sound of [...sounds].sort((a, b) => Number(b === byDefault) - Number(a === byDefault))) {
    const track = sound.type === 'audio' ? audioTrack(file, sound, name) : unparsedSoundTrack(file, sound, name);
    const named = trackName(file, sound);
    if (sounds.length > 1) track.choice = { number: sounds.indexOf(sound) + 1, count: sounds.length, isDefault: sound === byDefault, ...(named ? { name: named } : {}) };
    if (await canDecodeSound(track)) return track;
    fallback ??= track;
  }
  return fallback;
}

/**
 * A sound track mp4box does not parse: PCM (packets cut from its chunks,
 * timed from their frame index, so timing is exact), or a format Spool
 * cannot read, kept without samples so the file says why it has no sound.
 */
function unparsedSoundTrack(file: ISOFile, track: Track, name: string): AudioTrack {
  const trak = file.getTrackById(track.id);
  const entry = sampleEntry(file, track.id) as { type: string; data?: Uint8Array };
  const timescale = trak.mdia.mdhd.timescale;
  const sound = entry.data ? readSoundEntry(entry.type, entry.data, timescale) : { sampleRate: timescale, channels: 0, unsupported: soundFormatName(entry.type) };
  const { sampleRate, channels, pcm } = sound;
  const codec = pcm ? pcmCodec(pcm) : entry.type.trim();
  const base = { kind: 'audio', id: track.id, codec, sampleRate, channels, config: { codec, sampleRate, numberOfChannels: channels } } as const;
  if (!pcm) return { ...base, samples: [], durationUs: unitsToUs(trak.mdia.mdhd.duration, timescale), unsupported: sound.unsupported ?? soundFormatName(codec) };
  if (!sampleRate || !channels) throw new CorruptMediaError(`"${name}" is damaged: its audio track has no sample rate or channel count.`);
  const { stsc, stsz, stco, co64 } = trak.mdia.minf.stbl;
  const chunks = stco ?? co64;
  const packets =
    stsc && stsz && chunks
      ? pcmPackets(
          {
            chunkOffsets: chunks.chunk_offsets,
            firstChunk: stsc.first_chunk,
            samplesPerChunk: stsc.samples_per_chunk,
            sampleCount: stsz.sample_count,
            sampleSize: stsz.sample_size,
            sampleSizes: () => stsz.sample_sizes,
          },
          frameBytes(pcm),
          PCM_PACKET_FRAMES,
        )
      : [];
  const unitsPerFrame = timescale / sampleRate;
  const raw = packets.map(({ offset, size, firstFrame, frames }) => ({
    cts: firstFrame * unitsPerFrame,
    dts: firstFrame * unitsPerFrame,
    duration: frames * unitsPerFrame,
    is_sync: true,
    offset,
    size,
  }));
  return { ...base, ...samplesOf(file, track, file.getInfo().timescale, raw), pcm };
}

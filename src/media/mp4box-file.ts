import { BoxParser, createFile } from 'mp4box';
import type { ISOFile, MultiBufferStream } from 'mp4box';

type Trak = ReturnType<ISOFile['getTrackById']>;

/**
 * mp4box keeps one number per sample for a constant-size stsz, and one object
 * per sample in its sample lists. A MOV's PCM sound has a sample per audio
 * frame — 172.8 million in an hour at 48 kHz — so a 10-minute recording took
 * 39 s and 6.8 GB to open (in Node), and longer ones could not open at all.
 * Here a constant size is expanded only when read, and the sound tracks
 * mp4box does not parse get no sample list (`createMp4File`): Spool reads
 * their tables itself (mp4-pcm-packets.ts).
 */
class LazyStszBox extends BoxParser.box.stsz {
  override parse(stream: MultiBufferStream): void {
    this.parseFullHeader(stream);
    this.sample_sizes = [];
    if (this.version !== 0) return;
    this.sample_size = stream.readUint32();
    this.sample_count = stream.readUint32();
    if (this.sample_size === 0) {
      for (let i = 0; i < this.sample_count; i++) this.sample_sizes.push(stream.readUint32());
      return;
    }
    const { sample_size: size, sample_count: count } = this;
    let sizes: number[] | undefined;
    Object.defineProperty(this, 'sample_sizes', {
      get: () => (sizes ??= new Array<number>(count).fill(size)),
      set: (value: number[]) => (sizes = value),
      configurable: true,
      enumerable: true,
    });
  }
}
BoxParser.box.stsz = LazyStszBox;

/** FLAC's metadata blocks kept as they are: WebCodecs takes them, after the "fLaC" marker, as the description. */
export class DfLaBox extends BoxParser.box.dfLa {
  blocks = new Uint8Array(0);

  override parse(stream: MultiBufferStream): void {
    this.parseFullHeader(stream);
    this.blocks = stream.readUint8Array(this.size - (this.hdr_size ?? 12)); // the header counts the version and flags now
  }
}
BoxParser.box.dfLa = DfLaBox;

/** A sound track whose sample entry mp4box does not parse (PCM, or a format it does not know). */
export function isUnparsedSound(trak: Trak): boolean {
  const entry = trak.mdia?.minf?.stbl?.stsd?.entries?.[0];
  return trak.mdia?.hdlr?.handler === 'soun' && !!entry && !entry.isAudio();
}

/** A picture track whose sample entry mp4box does not parse (ProRes, DV, Motion JPEG…): it lists it as metadata. */
export function isUnparsedVideo(trak: Trak): boolean {
  const entry = trak.mdia?.minf?.stbl?.stsd?.entries?.[0];
  return trak.mdia?.hdlr?.handler === 'vide' && !!entry && !entry.isVideo();
}

/**
 * Why mp4box cannot list a track's samples — a box it needs is missing (its
 * parent was damaged, so mp4box stopped reading it) — or undefined. It would
 * throw on such a track, and the whole file fail to open over, say, a broken
 * subtitle track.
 */
export function trakDamage(trak: Trak): string | undefined {
  const stbl = trak.mdia?.minf?.stbl;
  if (!trak.tkhd) return 'the track header (tkhd) is missing';
  if (!trak.mdia?.mdhd || !trak.mdia.hdlr || !trak.mdia.minf) return 'the media description (mdia) is incomplete';
  if (!stbl) return 'the sample table (stbl) is missing';
  if (!stbl.stsd?.entries?.length) return 'the sample description (stsd) is missing';
  const missing = (
    [
      ['sample times (stts)', stbl.stts],
      ['sample-to-chunk table (stsc)', stbl.stsc],
      ['sample sizes (stsz)', stbl.stsz ?? stbl.stz2],
      ['chunk offsets (stco)', stbl.stco ?? stbl.co64],
    ] as const
  ).find(([, box]) => !box);
  return missing ? `the sample table (stbl) is incomplete: it has no ${missing[0]}` : undefined;
}

/** Per track, how many of its samples fragmentStarts has timed. */
const timedSamples = new WeakMap<Trak, number>();

/**
 * Times a fragmented file's samples from each fragment's start (its tfdt), as the format and players have it. mp4box
 * takes only the first fragment's and runs every later sample on from the one before, which is the same only where
 * the samples' durations add up to the next start: Chromium's MediaRecorder writes its MP4 fragments with durations
 * that fall short of it (an Opus packet's 60 ms written as 59 ms), so its recordings ran short, their ends cut off:
 * 1.24 s of sound for 1.40 recorded, 6.03 s for 6.45. Only the samples added since the last call are timed, as mp4box
 * lists a long recording's fragments as they come.
 */
function fragmentStarts(file: ISOFile): void {
  for (const trak of file.moov?.traks ?? []) {
    const samples = trak.samples ?? [];
    for (let i = timedSamples.get(trak) ?? 0; i < samples.length; i++) {
      const sample = samples[i]!;
      if (sample.moof_number === undefined) continue; // listed from the movie box's own tables
      const previous = samples[i - 1];
      const traf = sample.number_in_traf === 0 ? file.moofs[sample.moof_number - 1]?.trafs.find((t) => t.tfhd?.track_id === sample.track_id) : undefined;
      const dts = traf?.tfdt ? traf.tfdt.baseMediaDecodeTime : previous ? previous.dts + previous.duration : sample.dts;
      sample.cts += dts - sample.dts;
      sample.dts = dts;
    }
    timedSamples.set(trak, samples.length);
  }
}

/**
 * An mp4box file that builds no per-sample list for the sound tracks it does
 * not parse, and sets aside the tracks it could not list (`trakDamage`),
 * telling `onDamaged` each one's place among the tracks (from 1) and why.
 */
export function createMp4File(onDamaged?: (place: number, trak: Trak, why: string) => void): ISOFile {
  const file = createFile(false);
  const buildAll = file.buildSampleLists.bind(file);
  file.buildSampleLists = () => {
    file.moov.traks = file.moov.traks.filter((trak, i) => {
      const why = trakDamage(trak);
      if (why) onDamaged?.(i + 1, trak, why);
      return !why;
    });
    buildAll();
  };
  const update = file.updateSampleLists.bind(file);
  file.updateSampleLists = () => {
    update();
    fragmentStarts(file);
  };
  const build = file.buildTrakSampleLists.bind(file);
  file.buildTrakSampleLists = (trak) => {
    if (!isUnparsedSound(trak)) return build(trak);
    trak.samples = [];
    trak.samples_duration = 0;
    trak.samples_size = 0;
  };
  return file;
}

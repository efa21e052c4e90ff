import { andThen, type PcmBlockWriter } from './pcm-block-writer.ts';

/** A jump between decoded chunks larger than this is a real gap (or overlap) in the source, not rounding. */
const RESYNC_SECONDS = 0.01;

/**
 * Lays decoded PCM for one timeline segment into the output, sample-exactly:
 * output sample k of the segment is source time inUs + k / rate. Chunks before
 * inUs (priming, pre-roll) are trimmed, gaps become silence, anything past the
 * segment's end is dropped, and `finish` pads to the exact length.
 */
export class SegmentPlacer {
  private readonly start: number;
  private started = false;

  constructor(
    private readonly writer: PcmBlockWriter,
    private readonly inUs: number,
    private readonly lengthSamples: number,
    private readonly rate: number,
  ) {
    this.start = writer.position;
  }

  /** Samples written into this segment so far. */
  get written(): number {
    return this.writer.position - this.start;
  }

  get full(): boolean {
    return this.written >= this.lengthSamples;
  }

  /** Places `frames` frames of `planes` (already at the output rate) that start at source time `timestampUs`. */
  place(planes: readonly Float32Array[], frames: number, timestampUs: number): void | Promise<void> {
    const expected = Math.round(((timestampUs - this.inUs) * this.rate) / 1_000_000);
    let skip = 0;
    let silence: void | Promise<void> = undefined;
    // Until something is written (pre-roll chunks wholly before inUs write nothing), every chunk is placed by its timestamp.
    if (!this.started || Math.abs(expected - this.written) > this.rate * RESYNC_SECONDS) {
      if (expected > this.written) silence = this.writer.writeSilence(Math.min(expected, this.lengthSamples) - this.written);
      else skip = this.written - expected;
    }
    return andThen(silence, () => {
      const count = Math.min(frames - skip, this.lengthSamples - this.written);
      return andThen(count > 0 ? this.writer.write(planes, skip, count) : undefined, () => {
        if (this.written > 0) this.started = true;
      });
    });
  }

  /** Appends samples right after what is already placed (stretched sound, whose timing is the stretcher's). */
  append(planes: readonly Float32Array[], frames: number): void | Promise<void> {
    const count = Math.min(frames, this.lengthSamples - this.written);
    this.started = true;
    return count > 0 ? this.writer.write(planes, 0, count) : undefined;
  }

  finish(): void | Promise<void> {
    if (this.written < this.lengthSamples) return this.writer.writeSilence(this.lengthSamples - this.written);
  }
}

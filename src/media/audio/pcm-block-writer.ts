/**
 * Gathers planar float PCM into fixed-size blocks, in order, and hands each full
 * block to `emit` (the encoder's AudioData). One block buffer, reused: no
 * allocation per chunk. `position` counts output samples written so far.
 *
 * When `emit` returns a promise (the encoder is busy) the writer waits for it
 * before filling the next block, so even an hour of silence is produced one
 * block at a time. With a synchronous `emit` every call completes synchronously
 * (and returns nothing), which keeps the pure tests simple.
 */
export type BlockSink = (block: Float32Array<ArrayBuffer>, frames: number, startSample: number) => void | Promise<void>;

/** Runs `next` after `first`: at once if `first` finished synchronously, else when its promise settles. */
export function andThen(first: void | Promise<void>, next: () => void | Promise<void>): void | Promise<void> {
  return first ? first.then(next) : next();
}

export class PcmBlockWriter {
  readonly block: Float32Array<ArrayBuffer>;
  private filled = 0;
  position = 0;

  constructor(
    readonly channels: number,
    readonly blockFrames: number,
    private readonly emit: BlockSink,
  ) {
    this.block = new Float32Array(channels * blockFrames);
  }

  /** Appends `count` frames of each plane starting at `offset`; planes shorter than `channels` repeat the last. */
  write(planes: readonly Float32Array[], offset: number, count: number): void | Promise<void> {
    let done = 0;
    const step = (): void | Promise<void> => {
      while (done < count) {
        const n = Math.min(count - done, this.blockFrames - this.filled);
        for (let c = 0; c < this.channels; c++) {
          const plane = planes[Math.min(c, planes.length - 1)]!;
          this.block.set(plane.subarray(offset + done, offset + done + n), c * this.blockFrames + this.filled);
        }
        done += n;
        const emitted = this.advance(n);
        if (emitted) return emitted.then(step);
      }
    };
    return step();
  }

  writeSilence(count: number): void | Promise<void> {
    let done = 0;
    const step = (): void | Promise<void> => {
      while (done < count) {
        const n = Math.min(count - done, this.blockFrames - this.filled);
        for (let c = 0; c < this.channels; c++) this.block.fill(0, c * this.blockFrames + this.filled, c * this.blockFrames + this.filled + n);
        done += n;
        const emitted = this.advance(n);
        if (emitted) return emitted.then(step);
      }
    };
    return step();
  }

  private advance(n: number): void | Promise<void> {
    this.filled += n;
    this.position += n;
    if (this.filled === this.blockFrames) return this.flush();
  }

  /** Emits a partial block (at the very end). Planes in the block keep their stride of `blockFrames`. */
  flush(): void | Promise<void> {
    if (this.filled === 0) return;
    const frames = this.filled;
    this.filled = 0;
    return this.emit(this.block, frames, this.position - frames);
  }
}

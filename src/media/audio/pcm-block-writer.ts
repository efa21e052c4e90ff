/**
 * Gathers planar float PCM into fixed-size blocks, in order, and hands each full
 * block to `emit` (the encoder's AudioData). One block buffer, reused: no
 * allocation per chunk. `position` counts output samples written so far.
 */
export class PcmBlockWriter {
  readonly block: Float32Array<ArrayBuffer>;
  private filled = 0;
  position = 0;

  constructor(
    readonly channels: number,
    readonly blockFrames: number,
    private readonly emit: (block: Float32Array<ArrayBuffer>, frames: number, startSample: number) => void,
  ) {
    this.block = new Float32Array(channels * blockFrames);
  }

  /** Appends `count` frames of each plane starting at `offset`; planes shorter than `channels` repeat the last. */
  write(planes: readonly Float32Array[], offset: number, count: number): void {
    let done = 0;
    while (done < count) {
      const n = Math.min(count - done, this.blockFrames - this.filled);
      for (let c = 0; c < this.channels; c++) {
        const plane = planes[Math.min(c, planes.length - 1)]!;
        this.block.set(plane.subarray(offset + done, offset + done + n), c * this.blockFrames + this.filled);
      }
      this.advance(n);
      done += n;
    }
  }

  writeSilence(count: number): void {
    let done = 0;
    while (done < count) {
      const n = Math.min(count - done, this.blockFrames - this.filled);
      for (let c = 0; c < this.channels; c++) this.block.fill(0, c * this.blockFrames + this.filled, c * this.blockFrames + this.filled + n);
      this.advance(n);
      done += n;
    }
  }

  private advance(n: number): void {
    this.filled += n;
    this.position += n;
    if (this.filled === this.blockFrames) this.flush();
  }

  /** Emits a partial block (at the very end). Planes in the block keep their stride of `blockFrames`. */
  flush(): void {
    if (this.filled === 0) return;
    this.emit(this.block, this.filled, this.position - this.filled);
    this.filled = 0;
  }
}

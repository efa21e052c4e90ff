/**
 * Streaming WSOLA (waveform-similarity overlap-add) time stretcher for planar
 * float PCM: changes duration by 1 / speed while keeping the pitch.
 *
 * - Window: 30 ms periodic Hann (even length W), synthesis hop W / 2, so the
 *   overlapped windows sum to exactly 1 (constant gain). The first frame uses a
 *   flat rising half, so the output starts at full level without a fade-in.
 * - Analysis hop: (W / 2) × speed. Frame k is taken from near input position
 *   round(k × analysisHop), searched ±10 ms for the segment that best matches
 *   the natural continuation of frame k − 1 (normalised cross-correlation on
 *   the channel average; coarse pass every 2nd lag over every 2nd sample, then
 *   refined ±1 lag at full resolution). Every channel uses the same offset.
 * - Output length is exactly round(inputFrames / speed) once flushed. Input
 *   past the end is treated as silence.
 * - Results do not depend on how the input is chunked: frames are rendered
 *   from absolute input positions only once all their input is present.
 * - speed === 1 copies the input through unchanged.
 *
 * After flush() the stretcher is reset and may take a new stream.
 */
export class TimeStretcher {
  /** Window length in frames (even). */
  readonly windowSize: number;
  /** Synthesis hop (windowSize / 2). */
  private readonly hop: number;
  /** Analysis hop (hop × speed), fractional. */
  private readonly analysisHop: number;
  /** Search radius in frames. */
  private readonly radius: number;
  private readonly window: Float32Array;
  private readonly passthrough: boolean;

  /** Input held from absolute frame `inStart`, `inLen` frames, per channel plus a channel average. */
  private input: Float32Array[];
  private mix: Float32Array;
  private inStart = 0;
  private inLen = 0;
  /** Overlap-add accumulator: output frames [emitted, emitted + windowSize). */
  private readonly acc: Float32Array[];
  private frameIndex = 0;
  /** Input position the previous frame was taken from. */
  private prevPos = 0;
  /** Output frames completed so far in this stream. */
  private emitted = 0;

  private outputs: Float32Array[];
  private outCount = 0;

  constructor(
    readonly channels: number,
    readonly sampleRate: number,
    readonly speed: number,
  ) {
    if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`channels must be a positive integer, got ${channels}`);
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError(`sampleRate must be positive, got ${sampleRate}`);
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be positive and finite, got ${speed}`);
    this.passthrough = speed === 1;
    this.hop = Math.max(2, Math.round(sampleRate * 0.015));
    this.windowSize = this.hop * 2;
    this.analysisHop = this.hop * speed;
    this.radius = Math.max(1, Math.round(sampleRate * 0.01));
    this.window = new Float32Array(this.windowSize);
    for (let i = 0; i < this.windowSize; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / this.windowSize);
    const capacity = this.passthrough ? 0 : this.windowSize * 2 + this.radius * 2 + Math.ceil(this.analysisHop);
    this.input = Array.from({ length: channels }, () => new Float32Array(capacity));
    this.mix = new Float32Array(capacity);
    this.acc = Array.from({ length: channels }, () => new Float32Array(this.passthrough ? 0 : this.windowSize));
    this.outputs = Array.from({ length: channels }, () => new Float32Array(this.passthrough ? 0 : this.hop * 4));
  }

  /** Feeds `frames` frames of planar float input; returns the stretched output produced so far (views valid until the next call). */
  process(planes: readonly Float32Array[], frames: number): { planes: Float32Array[]; frames: number } {
    if (!Number.isInteger(frames) || frames < 0) throw new RangeError(`frames must be a non-negative integer, got ${frames}`);
    if (planes.length < this.channels) throw new RangeError(`${planes.length} planes for ${this.channels} channels`);
    for (let c = 0; c < this.channels; c++) {
      if (planes[c]!.length < frames) throw new RangeError(`plane ${c} holds ${planes[c]!.length} frames, fewer than ${frames}`);
    }
    this.outCount = 0;
    if (this.passthrough) {
      this.ensureOutput(frames);
      for (let c = 0; c < this.channels; c++) {
        const src = planes[c]!;
        const dst = this.outputs[c]!;
        for (let i = 0; i < frames; i++) dst[i] = src[i]!;
      }
      this.outCount = frames;
      return this.result(frames);
    }
    this.append(planes, frames);
    const available = this.inStart + this.inLen;
    // Never emit past round(available / speed): the final length round(total / speed) is at least that.
    const limit = Math.round(available / this.speed);
    while (this.emitted + this.hop <= limit && this.needEnd() <= available) this.renderFrame();
    return this.result(this.outCount);
  }

  /** Returns whatever output remains once the input has ended. */
  flush(): { planes: Float32Array[]; frames: number } {
    this.outCount = 0;
    if (this.passthrough) return this.result(0);
    const total = this.inStart + this.inLen;
    const target = Math.round(total / this.speed);
    while (this.emitted < target) {
      this.padTo(this.needEnd());
      this.renderFrame();
    }
    const frames = this.outCount - Math.max(0, this.emitted - target);
    this.reset();
    return this.result(frames);
  }

  private reset(): void {
    this.inStart = 0;
    this.inLen = 0;
    this.frameIndex = 0;
    this.prevPos = 0;
    this.emitted = 0;
    for (const a of this.acc) a.fill(0);
  }

  private result(frames: number): { planes: Float32Array[]; frames: number } {
    return { planes: this.outputs.map((o) => o.subarray(0, frames)), frames };
  }

  private nominal(k: number): number {
    return Math.round(k * this.analysisHop);
  }

  /** Absolute input end the next frame needs. */
  private needEnd(): number {
    const k = this.frameIndex;
    if (k === 0) return this.windowSize;
    return Math.max(this.nominal(k) + this.radius, this.prevPos + this.hop) + this.windowSize;
  }

  /** Earliest absolute input frame the next frame may read. */
  private keepFrom(): number {
    const k = this.frameIndex;
    if (k === 0) return 0;
    return Math.min(Math.max(this.nominal(k) - this.radius, 0), this.prevPos + this.hop);
  }

  /** Makes room for `extra` more input frames, dropping input no future frame reads. */
  private reserve(extra: number): void {
    const capacity = this.mix.length;
    if (this.inLen + extra <= capacity) return;
    const drop = Math.min(this.inLen, Math.max(0, this.keepFrom() - this.inStart));
    if (drop > 0) {
      for (const plane of this.input) plane.copyWithin(0, drop, this.inLen);
      this.mix.copyWithin(0, drop, this.inLen);
      this.inStart += drop;
      this.inLen -= drop;
    }
    if (this.inLen + extra <= capacity) return;
    const size = Math.max(capacity * 2, this.inLen + extra);
    this.input = this.input.map((plane) => {
      const grown = new Float32Array(size);
      grown.set(plane.subarray(0, this.inLen));
      return grown;
    });
    const mix = new Float32Array(size);
    mix.set(this.mix.subarray(0, this.inLen));
    this.mix = mix;
  }

  private append(planes: readonly Float32Array[], frames: number): void {
    if (frames === 0) return;
    this.reserve(frames);
    const at = this.inLen;
    const scale = 1 / this.channels;
    this.mix.fill(0, at, at + frames);
    for (let c = 0; c < this.channels; c++) {
      const src = planes[c]!;
      const dst = this.input[c]!;
      for (let i = 0; i < frames; i++) {
        const x = src[i]!;
        dst[at + i] = x;
        this.mix[at + i] = this.mix[at + i]! + x * scale;
      }
    }
    this.inLen += frames;
  }

  /** Appends silence until the held input reaches absolute frame `end`. */
  private padTo(end: number): void {
    const extra = end - (this.inStart + this.inLen);
    if (extra <= 0) return;
    this.reserve(extra);
    for (const plane of this.input) plane.fill(0, this.inLen, this.inLen + extra);
    this.mix.fill(0, this.inLen, this.inLen + extra);
    this.inLen += extra;
  }

  private ensureOutput(frames: number): void {
    const current = this.outputs[0]!.length;
    if (frames <= current) return;
    const size = Math.max(current * 2, frames);
    this.outputs = this.outputs.map((o) => {
      const grown = new Float32Array(size);
      grown.set(o.subarray(0, this.outCount));
      return grown;
    });
  }

  /** Normalised correlation of the mix at absolute `pos` against the mix at absolute `ref`, every `stride`-th sample. */
  private similarity(pos: number, ref: number, stride: number): number {
    const m = this.mix;
    const a = pos - this.inStart;
    const b = ref - this.inStart;
    let dot = 0;
    let energy = 0;
    for (let i = 0; i < this.windowSize; i += stride) {
      const x = m[a + i]!;
      dot += x * m[b + i]!;
      energy += x * x;
    }
    return energy > 1e-12 ? dot / Math.sqrt(energy) : 0;
  }

  /** Best input position for the next frame within ±radius of its nominal position. */
  private search(): number {
    const n = this.nominal(this.frameIndex);
    const lo = Math.max(n - this.radius, 0);
    const hi = n + this.radius;
    const ref = this.prevPos + this.hop;
    let best = n;
    let bestScore = this.similarity(n, ref, 2);
    for (let p = lo; p <= hi; p += 2) {
      const s = this.similarity(p, ref, 2);
      if (s > bestScore) {
        bestScore = s;
        best = p;
      }
    }
    const centre = best;
    bestScore = this.similarity(centre, ref, 1);
    for (let p = centre - 1; p <= centre + 1; p += 2) {
      if (p < lo || p > hi) continue;
      const s = this.similarity(p, ref, 1);
      if (s > bestScore) {
        bestScore = s;
        best = p;
      }
    }
    return best;
  }

  /** Overlap-adds the next frame and emits `hop` completed output frames. */
  private renderFrame(): void {
    const first = this.frameIndex === 0;
    const pos = first ? 0 : this.search();
    const W = this.windowSize;
    const hop = this.hop;
    this.ensureOutput(this.outCount + hop);
    const offset = pos - this.inStart;
    for (let c = 0; c < this.channels; c++) {
      const src = this.input[c]!;
      const acc = this.acc[c]!;
      for (let i = 0; i < W; i++) {
        const w = first && i < hop ? 1 : this.window[i]!;
        acc[i] = acc[i]! + w * src[offset + i]!;
      }
      this.outputs[c]!.set(acc.subarray(0, hop), this.outCount);
      acc.copyWithin(0, hop, W);
      acc.fill(0, hop, W);
    }
    this.outCount += hop;
    this.emitted += hop;
    this.prevPos = pos;
    this.frameIndex++;
  }
}

/**
 * Fits decoded audio to the output's channel count. Downmixes keep the centre
 * (dialogue) and surrounds at −3 dB, per ITU-R BS.775; LFE is dropped. Input
 * planes follow WebCodecs' order (L R C LFE Ls Rs …; four channels are quad
 * L R Ls Rs). Output planes are reused between calls.
 */
const K = Math.SQRT1_2;

/** For each input layout: indices of [centre, left surrounds..., right surrounds...] beyond L and R. */
const LAYOUTS: Record<number, { centre?: number; left: number[]; right: number[] }> = {
  3: { centre: 2, left: [], right: [] },
  4: { left: [2], right: [3] },
  5: { centre: 2, left: [3], right: [4] },
  6: { centre: 2, left: [4], right: [5] },
  7: { centre: 2, left: [4], right: [5] },
  8: { centre: 2, left: [4, 6], right: [5, 7] },
};

export class ChannelMixer {
  private out: Float32Array[] = [];

  private outputs(channels: number, frames: number): Float32Array[] {
    if (this.out.length !== channels || (this.out[0]?.length ?? 0) < frames) {
      this.out = Array.from({ length: channels }, () => new Float32Array(Math.max(frames, 4096)));
    }
    return this.out;
  }

  /** `planes` has `inChannels` planes of at least `frames` samples; returns `outChannels` planes (views valid until the next call). */
  mix(planes: readonly Float32Array[], inChannels: number, frames: number, outChannels: number): readonly Float32Array[] {
    if (inChannels === outChannels) return planes;
    if (inChannels === 1) return Array.from({ length: outChannels }, () => planes[0]!);
    const [left, right] = this.outputs(2, frames);
    const layout = LAYOUTS[inChannels] ?? { left: [], right: [] };
    const l = planes[0]!;
    const r = planes[1]!;
    const c = layout.centre === undefined ? undefined : planes[layout.centre];
    for (let i = 0; i < frames; i++) {
      let sumL = l[i]!;
      let sumR = r[i]!;
      if (c) {
        sumL += K * c[i]!;
        sumR += K * c[i]!;
      }
      for (const index of layout.left) sumL += K * planes[index]![i]!;
      for (const index of layout.right) sumR += K * planes[index]![i]!;
      left![i] = sumL;
      right![i] = sumR;
    }
    if (outChannels === 2) return [left!, right!];
    // Mono: the average of the stereo downmix.
    for (let i = 0; i < frames; i++) left![i] = (left![i]! + right![i]!) / 2;
    return [left!];
  }
}

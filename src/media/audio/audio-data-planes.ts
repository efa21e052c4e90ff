/**
 * Copies an AudioData into reusable float planes (any source sample format),
 * so the hot path allocates only when a longer chunk than ever before arrives.
 *
 * Never in the data's own format: WebKitGTK 2.50 kills its page process on any
 * `copyTo` that keeps the format (measured for f32 and f32-planar, decoded or
 * made in script; "free(): invalid pointer"), while its conversions are right.
 * So float planes (what decoders give) are read interleaved and split here.
 * One channel's f32 and f32-planar are the same bytes, and WebKitGTK takes a copy
 * from one to the other as one in the data's own format (measured: the page dies
 * too), so mono float sound is read as s32 and scaled back (past full scale, clipped).
 */
export class AudioDataPlanes {
  private planes: Float32Array[] = [];
  private interleaved = new Float32Array(0);
  private ints = new Int32Array(0);

  read(data: AudioData): Float32Array[] {
    const frames = data.numberOfFrames;
    const channels = data.numberOfChannels;
    if (this.planes.length !== channels || (this.planes[0]?.length ?? 0) < frames) {
      this.planes = Array.from({ length: channels }, () => new Float32Array(Math.max(frames, 4096)));
    }
    if (channels === 1 && isFloat(data.format)) {
      if (this.ints.length < frames) this.ints = new Int32Array(this.planes[0]!.length);
      data.copyTo(this.ints.subarray(0, frames), { planeIndex: 0, format: 's32' });
      const plane = this.planes[0]!;
      for (let i = 0; i < frames; i++) plane[i] = this.ints[i]! / S32_FULL_SCALE;
      return this.planes;
    }
    if (data.format !== 'f32-planar') {
      for (let c = 0; c < channels; c++) data.copyTo(this.planes[c]!.subarray(0, frames), { planeIndex: c, format: 'f32-planar' });
      return this.planes;
    }
    if (this.interleaved.length < frames * channels) this.interleaved = new Float32Array(this.planes[0]!.length * channels);
    const interleaved = this.interleaved;
    data.copyTo(interleaved.subarray(0, frames * channels), { planeIndex: 0, format: 'f32' });
    for (let c = 0; c < channels; c++) {
      const plane = this.planes[c]!;
      for (let i = 0, j = c; i < frames; i++, j += channels) plane[i] = interleaved[j]!;
    }
    return this.planes;
  }
}

const S32_FULL_SCALE = 2 ** 31;

export const isFloat = (format: AudioSampleFormat | null) => format === 'f32' || format === 'f32-planar';

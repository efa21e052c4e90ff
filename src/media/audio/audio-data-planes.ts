/**
 * Copies an AudioData into reusable float planes (any source sample format),
 * so the hot path allocates only when a longer chunk than ever before arrives.
 *
 * Never in the data's own format: WebKitGTK 2.50 kills its page process on any
 * `copyTo` that keeps the format (measured for f32 and f32-planar, decoded or
 * made in script; "free(): invalid pointer"), while its conversions are right.
 * So float planes (what decoders give) are read interleaved and split here.
 */
export class AudioDataPlanes {
  private planes: Float32Array[] = [];
  private interleaved = new Float32Array(0);

  read(data: AudioData): Float32Array[] {
    const frames = data.numberOfFrames;
    const channels = data.numberOfChannels;
    if (this.planes.length !== channels || (this.planes[0]?.length ?? 0) < frames) {
      this.planes = Array.from({ length: channels }, () => new Float32Array(Math.max(frames, 4096)));
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

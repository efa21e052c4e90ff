/**
 * Copies an AudioData into reusable float planes (any source sample format),
 * so the hot path allocates only when a longer chunk than ever before arrives.
 */
export class AudioDataPlanes {
  private planes: Float32Array[] = [];

  read(data: AudioData): Float32Array[] {
    const frames = data.numberOfFrames;
    if (this.planes.length !== data.numberOfChannels || (this.planes[0]?.length ?? 0) < frames) {
      this.planes = Array.from({ length: data.numberOfChannels }, () => new Float32Array(Math.max(frames, 4096)));
    }
    for (let c = 0; c < data.numberOfChannels; c++) data.copyTo(this.planes[c]!.subarray(0, frames), { planeIndex: c, format: 'f32-planar' });
    return this.planes;
  }
}

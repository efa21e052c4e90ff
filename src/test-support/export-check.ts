import { openMedia } from '../media/open-media.ts';
import { AudioDataPlanes } from '../media/audio/audio-data-planes.ts';

/**
 * Reads back an exported file the way a player would: demux, decode every frame
 * and the audio, then report what the fixtures' barcodes and beeps say.
 */
export interface InspectedExport {
  frameIndices: number[];
  /** Per frame, how far the least clear barcode cell is from the black/white threshold: ~100 for a clean frame, near 0 for a 50% blend. */
  barcodeClarity: number[];
  frameTimestampsUs: number[];
  /** 'mp4', 'webm', … as the file's contents say. */
  container: string;
  videoDurationUs: number;
  width: number;
  height: number;
  /** Null when the file has sound only. */
  videoCodec: string | null;
  audioCodec: string | null;
  audioSampleRate: number | null;
  audioChannels: number | null;
  audioDurationUs: number;
  /** Start times (µs) of beeps found in the audio. */
  beepOnsetsUs: number[];
  /** The first channel's samples from time 0 to the sound's end as the container states it. */
  audioSamples: Float32Array;
}

/** Where a point (sx, sy) of the upright source picture lands in a frame shown with `rotation` applied. */
const SHOWN_AT: Record<0 | 90 | 180 | 270, (sx: number, sy: number) => [number, number]> = {
  0: (sx, sy) => [sx, sy],
  90: (sx, sy) => [1 - sy, sx],
  180: (sx, sy) => [1 - sx, 1 - sy],
  270: (sx, sy) => [sy, 1 - sx],
};

/**
 * The 16-bit frame number in the fixtures' top band (rows 0–39 of 360): 16
 * cells across, cell i bright when bit i is set. `rotation` says how the
 * picture was turned on its way into `frame` (e.g. a rotated source exported upright).
 */
export function readBarcode(frame: VideoFrame, scratch: OffscreenCanvasRenderingContext2D, rotation: 0 | 90 | 180 | 270 = 0): number {
  return readBarcodeWithClarity(frame, scratch, rotation).value;
}

export function readBarcodeWithClarity(frame: VideoFrame, scratch: OffscreenCanvasRenderingContext2D, rotation: 0 | 90 | 180 | 270 = 0): { value: number; clarity: number } {
  const width = frame.displayWidth;
  const height = frame.displayHeight;
  scratch.canvas.width = width;
  scratch.canvas.height = height;
  scratch.drawImage(frame, 0, 0, width, height);
  const pixels = scratch.getImageData(0, 0, width, height).data;
  let value = 0;
  let clarity = Infinity;
  for (let bit = 0; bit < 16; bit++) {
    const [u, v] = SHOWN_AT[rotation]((bit + 0.5) / 16, 20 / 360);
    const i = (Math.floor(v * height) * width + Math.floor(u * width)) * 4;
    const luma = 0.299 * pixels[i]! + 0.587 * pixels[i + 1]! + 0.114 * pixels[i + 2]!;
    if (luma > 128) value |= 1 << bit;
    clarity = Math.min(clarity, Math.abs(luma - 128));
  }
  return { value, clarity };
}

/** Onsets of beeps: a loud sample with no loud one in the 0.1 s before it. */
export function findBeeps(samples: Float32Array, sampleRate: number): number[] {
  const quietNeeded = Math.round(sampleRate * 0.1);
  const onsets: number[] = [];
  let lastLoud = -quietNeeded - 1;
  for (let i = 0; i < samples.length; i++) {
    if (Math.abs(samples[i]!) <= 0.2) continue;
    if (i - lastLoud > quietNeeded) onsets.push(Math.round((i * 1_000_000) / sampleRate));
    lastLoud = i;
  }
  return onsets;
}

export async function inspectExport(blob: Blob, rotation: 0 | 90 | 180 | 270 = 0): Promise<InspectedExport> {
  // Any container Spool writes (MP4, WebM, M4A), read by its contents.
  const source = await openMedia(blob, 'export');
  const video = source.video;
  const scratch = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })!;
  const frameIndices: number[] = [];
  const barcodeClarity: number[] = [];
  const frameTimestampsUs: number[] = [];
  for await (const frame of video ? source.videoFrames(0, video.durationUs) : []) {
    try {
      const { value, clarity } = readBarcodeWithClarity(frame, scratch, rotation);
      frameIndices.push(value);
      barcodeClarity.push(Math.round(clarity));
      frameTimestampsUs.push(frame.timestamp);
    } finally {
      frame.close();
    }
  }
  const audio = source.audio;
  let pcm = new Float32Array(0);
  if (audio) {
    const chunks: Float32Array[] = [];
    const planes = new AudioDataPlanes();
    for await (const data of source.audioData(0, audio.durationUs)) {
      try {
        // Keep only what plays from time 0 (drops encoder priming the same way a player does).
        const skip = Math.max(0, Math.round((-data.timestamp * audio.sampleRate) / 1_000_000));
        chunks.push(planes.read(data)[0]!.slice(Math.min(skip, data.numberOfFrames), data.numberOfFrames));
      } finally {
        data.close();
      }
    }
    // Up to where the container says the sound ends (an MP4's edit list), as a player stops it.
    pcm = new Float32Array(Math.min(chunks.reduce((n, c) => n + c.length, 0), Math.round((audio.durationUs * audio.sampleRate) / 1_000_000)));
    let offset = 0;
    for (const c of chunks) {
      pcm.set(c.subarray(0, pcm.length - offset), offset);
      offset += Math.min(c.length, pcm.length - offset);
    }
  }
  return {
    frameIndices,
    barcodeClarity,
    frameTimestampsUs,
    container: source.container,
    videoDurationUs: video?.durationUs ?? 0,
    width: video?.displayWidth ?? 0,
    height: video?.displayHeight ?? 0,
    videoCodec: video?.codec ?? null,
    audioCodec: audio?.codec ?? null,
    audioSampleRate: audio?.sampleRate ?? null,
    audioChannels: audio?.channels ?? null,
    audioDurationUs: audio ? Math.round((pcm.length * 1_000_000) / audio.sampleRate) : 0,
    beepOnsetsUs: audio ? findBeeps(pcm, audio.sampleRate) : [],
    audioSamples: pcm,
  };
}

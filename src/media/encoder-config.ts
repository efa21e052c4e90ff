import type { AudioCodecChoice } from '../model/project.ts';
import { PlatformError } from './errors.ts';

/** H.264 levels by the largest frame (macroblocks) and rate (macroblocks/s) each allows. */
const AVC_LEVELS: [level: string, maxFrameMbs: number, maxMbps: number][] = [
  ['1f', 3600, 108000], // 3.1
  ['20', 5120, 216000], // 3.2
  ['28', 8192, 245760], // 4.0
  ['2a', 8704, 522240], // 4.2
  ['32', 22080, 589824], // 5.0
  ['33', 36864, 983040], // 5.1
  ['34', 36864, 2073600], // 5.2
  ['3c', 139264, 4177920], // 6.0
];
const AVC_PROFILES = ['6400', '4d00', '42e0']; // High, Main, Constrained Baseline

export function avcCodecStrings(width: number, height: number, fps: number): string[] {
  const widthMbs = Math.ceil(width / 16);
  const heightMbs = Math.ceil(height / 16);
  const frameMbs = widthMbs * heightMbs;
  // A level also caps each side at sqrt(8 × MaxFS) macroblocks.
  const fits = (maxFrame: number) => frameMbs <= maxFrame && Math.max(widthMbs, heightMbs) <= Math.sqrt(8 * maxFrame);
  const level = AVC_LEVELS.find(([, maxFrame, maxRate]) => fits(maxFrame) && frameMbs * fps <= maxRate)?.[0] ?? '3c';
  return AVC_PROFILES.map((profile) => `avc1.${profile}${level}`);
}

/** A bitrate that looks clean for screen and camera content: ~0.1 bit per pixel per frame. */
export function defaultVideoBitrate(width: number, height: number, fps: number): number {
  return Math.round(Math.max(500_000, width * height * fps * 0.1));
}

export interface ChosenVideoEncoder {
  config: VideoEncoderConfig;
  hardwareAcceleration: 'prefer-hardware' | 'no-preference';
}

/** The best H.264 encoder the platform offers: hardware first, then software; High, Main, Baseline. */
export async function pickVideoEncoder(width: number, height: number, fps: number, bitrate?: number): Promise<ChosenVideoEncoder> {
  if (typeof VideoEncoder === 'undefined') throw new PlatformError('This browser cannot encode video (no WebCodecs VideoEncoder).');
  for (const hardwareAcceleration of ['prefer-hardware', 'no-preference'] as const) {
    for (const codec of avcCodecStrings(width, height, fps)) {
      const config: VideoEncoderConfig = {
        codec,
        width,
        height,
        framerate: fps,
        bitrate: bitrate ?? defaultVideoBitrate(width, height, fps),
        hardwareAcceleration,
        latencyMode: 'quality',
        avc: { format: 'avc' },
      };
      const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
      if (support?.supported) return { config, hardwareAcceleration };
    }
  }
  throw new PlatformError(`This browser cannot encode H.264 at ${width}×${height}, ${fps} fps. Try a smaller output size.`);
}

export interface ChosenAudioEncoder {
  config: AudioEncoderConfig;
  codec: 'aac' | 'opus';
}

/** AAC where the platform has an encoder for it (Safari, Chrome on macOS/Windows), else Opus at 48 kHz. */
export async function pickAudioEncoder(sampleRate: number, channels: number, choice: AudioCodecChoice): Promise<ChosenAudioEncoder> {
  if (typeof AudioEncoder === 'undefined') throw new PlatformError('This browser cannot encode audio (no WebCodecs AudioEncoder).');
  const candidates: ChosenAudioEncoder[] = [];
  if (choice !== 'opus') candidates.push({ codec: 'aac', config: { codec: 'mp4a.40.2', sampleRate, numberOfChannels: channels, bitrate: channels > 1 ? 160_000 : 96_000 } });
  if (choice !== 'aac') candidates.push({ codec: 'opus', config: { codec: 'opus', sampleRate: 48_000, numberOfChannels: channels, bitrate: 128_000 } });
  for (const candidate of candidates) {
    const support = await AudioEncoder.isConfigSupported(candidate.config).catch(() => null);
    if (support?.supported) return candidate;
  }
  throw new PlatformError(
    choice === 'aac'
      ? 'This browser has no AAC audio encoder (Chromium on Linux and Firefox lack one). Choose Opus, or export from Safari or Chrome on macOS/Windows.'
      : 'This browser cannot encode audio in AAC or Opus.',
  );
}

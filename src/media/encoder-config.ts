import type { AudioCodecChoice, VideoCodecChoice } from '../model/project.ts';
import { VIDEO_CODEC_NAMES } from '../model/output-format.ts';
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

/**
 * A level that admits the size and rate, from a table of (level, max luma
 * samples per frame, max samples per second), the last being the fallback.
 */
function levelFor(table: readonly [string, number, number][], width: number, height: number, fps: number): string {
  const pixels = width * height;
  return (table.find(([, frame, rate]) => pixels <= frame && pixels * fps <= rate) ?? table[table.length - 1]!)[0];
}

const HEVC_LEVELS: [string, number, number][] = [
  ['L93', 983_040, 33_177_600], // 3.1
  ['L120', 2_228_224, 66_846_720], // 4.0
  ['L123', 2_228_224, 133_693_440], // 4.1
  ['L150', 8_912_896, 267_386_880], // 5.0
  ['L153', 8_912_896, 534_773_760], // 5.1
  ['L180', 35_651_584, 1_069_547_520], // 6.0
];
const VP9_LEVELS: [string, number, number][] = [
  ['31', 983_040, 36_864_000],
  ['40', 2_228_224, 83_558_400],
  ['41', 2_228_224, 160_432_128],
  ['50', 8_912_896, 311_951_360],
  ['51', 8_912_896, 588_251_136],
  ['60', 35_651_584, 1_176_502_272],
];
/** The VP9 level (two digits, as in a codec string) that admits the size and rate. */
export function vp9Level(width: number, height: number, fps: number): string {
  return levelFor(VP9_LEVELS, width, height, fps);
}

const AV1_LEVELS: [string, number, number][] = [
  ['05', 1_065_024, 39_938_400], // 3.1
  ['08', 2_359_296, 77_856_768], // 4.0
  ['09', 2_359_296, 155_713_536], // 4.1
  ['12', 8_912_896, 273_715_200], // 5.0
  ['13', 8_912_896, 547_430_400], // 5.1
  ['16', 35_651_584, 1_176_502_272], // 6.0
];

/** Codec strings to try for a codec at a size and rate, best first. */
export function videoCodecStrings(codec: VideoCodecChoice, width: number, height: number, fps: number): string[] {
  switch (codec) {
    case 'avc':
      return avcCodecStrings(width, height, fps);
    case 'hevc': {
      const level = levelFor(HEVC_LEVELS, width, height, fps);
      return [`hvc1.1.6.${level}.B0`, `hev1.1.6.${level}.B0`];
    }
    case 'vp9':
      return [`vp09.00.${vp9Level(width, height, fps)}.08`];
    case 'av1':
      return [`av01.0.${levelFor(AV1_LEVELS, width, height, fps)}M.08`];
    case 'vp8':
      return ['vp8'];
  }
}

export interface ChosenVideoEncoder {
  codec: VideoCodecChoice;
  config: VideoEncoderConfig;
  hardwareAcceleration: 'prefer-hardware' | 'no-preference';
}

function encoderConfig(codec: VideoCodecChoice, codecString: string, width: number, height: number, fps: number, bitrate: number, hardwareAcceleration: ChosenVideoEncoder['hardwareAcceleration']): VideoEncoderConfig {
  return {
    codec: codecString,
    width,
    height,
    framerate: fps,
    bitrate,
    hardwareAcceleration,
    latencyMode: 'quality',
    // Length-prefixed samples with the parameter sets in the sample description, as MP4 wants.
    ...(codec === 'avc' ? { avc: { format: 'avc' as const } } : {}),
    ...(codec === 'hevc' ? { hevc: { format: 'hevc' } } : {}),
  };
}

/**
 * Whether this VideoEncoder's "yes" to AV1 can be believed. WebKitGTK 2.50 (GStreamer's av1enc on libaom) answers
 * yes — isConfigSupported and MediaCapabilities.encodingInfo alike — then kills the page process a few dozen frames
 * in (libaom: "rc_pick_q_and_bounds_no_stats_cbr: Assertion ... failed"), at any size. No capability shows that, so,
 * as a last resort, AV1 is not offered by a WebCodecs whose bitrate modes lack 'quantizer' (its config dictionary
 * throws a TypeError for it): WebKit's, as of 2.50. Chromium and Firefox know the mode, and keep AV1.
 */
async function av1Believable(): Promise<boolean> {
  try {
    await VideoEncoder.isConfigSupported({ codec: 'av01.0.04M.08', width: 640, height: 360, bitrateMode: 'quantizer' });
    return true;
  } catch (error) {
    return !(error instanceof TypeError);
  }
}

/** The first configuration the platform takes for `codec`: hardware first, then software; for H.264 High, Main, then Baseline. */
async function firstSupported(codec: VideoCodecChoice, width: number, height: number, fps: number, bitrate?: number): Promise<ChosenVideoEncoder | null> {
  if (codec === 'av1' && !(await av1Believable())) return null;
  for (const hardwareAcceleration of ['prefer-hardware', 'no-preference'] as const) {
    for (const codecString of videoCodecStrings(codec, width, height, fps)) {
      const config = encoderConfig(codec, codecString, width, height, fps, bitrate ?? defaultVideoBitrate(width, height, fps), hardwareAcceleration);
      const support = await VideoEncoder.isConfigSupported(config).catch(() => null);
      if (support?.supported) return { codec, config, hardwareAcceleration };
    }
  }
  return null;
}

/** Why no encoder took it, found by asking again without what might be in the way: the bitrate, then the size. */
async function whyNotEncodable(codec: VideoCodecChoice, width: number, height: number, fps: number, bitrate?: number): Promise<string> {
  const name = VIDEO_CODEC_NAMES[codec];
  if (bitrate !== undefined && (await firstSupported(codec, width, height, fps))) {
    return `This browser cannot encode ${name} at ${Math.round(bitrate / 100_000) / 10} Mbit/s (${width}×${height}, ${fps} fps). Choose a lower bitrate or another quality.`;
  }
  if (!(await firstSupported(codec, 640, 360, 30))) return `This browser cannot encode ${name} at all. Choose another format.`;
  const direction = width * height < 640 * 360 ? 'a larger' : 'a smaller';
  return `This browser cannot encode ${name} at ${width}×${height}, ${fps} fps. Choose another format or ${direction} output size.`;
}

/** The best encoder the platform offers for `codec`: hardware first, then software; for H.264 High, Main, then Baseline. */
export async function pickVideoEncoder(codec: VideoCodecChoice, width: number, height: number, fps: number, bitrate?: number): Promise<ChosenVideoEncoder> {
  if (typeof VideoEncoder === 'undefined') throw new PlatformError('This browser cannot encode video (no WebCodecs VideoEncoder).');
  const chosen = await firstSupported(codec, width, height, fps, bitrate);
  if (chosen) return chosen;
  throw new PlatformError(await whyNotEncodable(codec, width, height, fps, bitrate));
}

/** Which video codecs this browser can encode at a size and rate, and whether in hardware (what the export menu offers). */
export async function encodableVideoCodecs(width: number, height: number, fps: number): Promise<{ codec: VideoCodecChoice; hardware: boolean }[]> {
  const found: { codec: VideoCodecChoice; hardware: boolean }[] = [];
  for (const codec of ['avc', 'hevc', 'av1', 'vp9', 'vp8'] as const) {
    const chosen = await pickVideoEncoder(codec, width, height, fps).catch(() => null);
    // Chromium answers 'prefer-hardware' as supported only where a hardware encoder exists.
    if (chosen) found.push({ codec, hardware: chosen.hardwareAcceleration === 'prefer-hardware' });
  }
  return found;
}

/** Whether this browser has an AAC encoder (Chromium on Linux and Firefox do not): the export menu says which sound it will write. */
export async function canEncodeAac(): Promise<boolean> {
  if (typeof AudioEncoder === 'undefined') return false;
  const support = await AudioEncoder.isConfigSupported({ codec: 'mp4a.40.2', sampleRate: 48_000, numberOfChannels: 2, bitrate: 160_000 }).catch(() => null);
  return support?.supported === true;
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
  // Opus complexity 7, not the default 10: measured here it encodes 150 s of stereo about 20% faster, and against a
  // 510 kbit/s encode of the same mix it scores 0.24 dB lower SNR on noisy music-like sound and 0.07 dB higher on tones
  // (6 cost 5.7 dB). At 128 kbit/s that difference is far below audibility.
  if (choice !== 'aac') candidates.push({ codec: 'opus', config: { codec: 'opus', sampleRate: 48_000, numberOfChannels: channels, bitrate: 128_000, opus: { complexity: 7 } } });
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

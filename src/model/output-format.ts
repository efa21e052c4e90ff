import type { AudioCodecChoice, ContainerChoice, OutputSettings, VideoCodecChoice } from './project.ts';

/** The video codecs each container carries, the first being its default. */
export const CONTAINER_VIDEO_CODECS: Record<Exclude<ContainerChoice, 'm4a'>, readonly VideoCodecChoice[]> = {
  mp4: ['avc', 'hevc', 'av1', 'vp9'],
  webm: ['vp9', 'av1', 'vp8'],
};

export const VIDEO_CODEC_NAMES: Record<VideoCodecChoice, string> = { avc: 'H.264', hevc: 'HEVC (H.265)', av1: 'AV1', vp9: 'VP9', vp8: 'VP8' };
export const CONTAINER_NAMES: Record<ContainerChoice, string> = { mp4: 'MP4', webm: 'WebM', m4a: 'M4A (sound only)' };

/** What an export writes, settled from the output settings: a codec the container cannot carry becomes its default. */
export interface OutputFormat {
  container: ContainerChoice;
  /** Null for sound only. */
  video: VideoCodecChoice | null;
  /** WebM carries only Opus. */
  audio: AudioCodecChoice;
  extension: 'mp4' | 'webm' | 'm4a';
  mimeType: string;
}

export function outputFormat(output: Pick<OutputSettings, 'container' | 'videoCodec' | 'audioCodec'>): OutputFormat {
  const container = output.container ?? 'mp4';
  if (container === 'm4a') return { container, video: null, audio: output.audioCodec, extension: 'm4a', mimeType: 'audio/mp4' };
  const codecs = CONTAINER_VIDEO_CODECS[container];
  const video = codecs.includes(output.videoCodec) ? output.videoCodec : codecs[0]!;
  if (container === 'webm') return { container, video, audio: 'opus', extension: 'webm', mimeType: 'video/webm' };
  return { container, video, audio: output.audioCodec, extension: 'mp4', mimeType: 'video/mp4' };
}

/** `text` with every run of what a file system or a URL path segment would refuse made `_`; letters of any script stay. */
const fileNameStem = (text: string) => text.replace(/[\u0000-\u001f<>:"/\\|?*%#]+/g, '_');

/** A project's `.spool.json` file name: its name as a file may carry it ("Ciné été" stays "Ciné été"). */
export const projectFileName = (name: string) => `${fileNameStem(name.trim()) || 'project'}.spool.json`;

/**
 * The export's file name: the first asset's name (a path's last part; the CLI
 * names assets by path) with `-edit` and the format's extension, and no
 * character a file system or a URL path segment would refuse.
 */
export function exportFileName(project: { assets: readonly { name: string }[]; output: Parameters<typeof outputFormat>[0] }): string {
  return `${fileBaseName(project)}-edit.${outputFormat(project.output).extension}`;
}

/** A saved frame's file name: as the export's, with the frame's number (`clip-frame-90.png`). */
export function stillFileName(project: { assets: readonly { name: string }[] }, frameIndex: number): string {
  return `${fileBaseName(project)}-frame-${frameIndex}.png`;
}

function fileBaseName(project: { assets: readonly { name: string }[] }): string {
  const last = (project.assets[0]?.name ?? '').split(/[\\/]/).pop() ?? '';
  return fileNameStem(last.replace(/\.[^.]+$/, '')) || 'spool';
}

/** `name`, or `name` numbered (`x-edit-2.mp4`, `-3`, …) past every name in `taken`: two exports of one project are told apart when downloaded. */
export function unusedFileName(name: string, taken: readonly string[]): string {
  const used = new Set(taken);
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${stem}-${n}${extension}`;
  return candidate;
}

/** The container a file name asks for (the CLI's -o), or null for an extension Spool does not write. */
export function containerForFileName(name: string): ContainerChoice | null {
  const extension = name.toLowerCase().split('.').pop();
  return extension === 'mp4' || extension === 'webm' || extension === 'm4a' ? extension : null;
}

/** Export sizes people ask for by name. */
/** An output side's limits: encoders refuse below 16 (OpenH264 among them), and a project file may ask for no more than 8192. */
export const MIN_OUTPUT_SIDE = 16;
export const MAX_OUTPUT_SIDE = 8192;

/** `n` as an output side: even (4:2:0 encoders need it) and at least MIN_OUTPUT_SIDE (a 10×10 source gets a 16×16 output). */
export function outputSide(n: number): number {
  return Math.max(MIN_OUTPUT_SIDE, Math.round(n / 2) * 2);
}

export type SizePreset = '2160p' | '1080p' | '720p' | 'vertical' | 'small';
export const SIZE_PRESET_NAMES: Record<SizePreset, string> = { '2160p': '4K (2160p)', '1080p': '1080p', '720p': '720p', vertical: 'Vertical 1080×1920 (phones)', small: 'Small file (540p)' };
const SHORT_SIDE: Record<Exclude<SizePreset, 'vertical'>, number> = { '2160p': 2160, '1080p': 1080, '720p': 720, small: 540 };

/** The output size for a preset: the named short side at the project's own shape (vertical: 9:16 at 1080×1920). Even numbers. */
export function presetSize(preset: SizePreset, width: number, height: number): { width: number; height: number } {
  if (preset === 'vertical') return { width: 1080, height: 1920 };
  const scale = SHORT_SIDE[preset] / Math.min(width, height);
  return { width: outputSide(width * scale), height: outputSide(height * scale) };
}

/** Bits per pixel per frame for each quality; `standard` is the encoder default of ~0.1. */
export const QUALITY_BITS_PER_PIXEL = { high: 0.2, standard: 0.1, small: 0.04 } as const;
export type QualityPreset = keyof typeof QUALITY_BITS_PER_PIXEL;

/** Each quality's least bitrate, apart from one another: with one shared floor, High and Small file were the same bitrate at a small size, so the menu could not tell them apart (it showed High for Small). */
const QUALITY_FLOOR: Record<QualityPreset, number> = { high: 600_000, standard: 300_000, small: 150_000 };

export function qualityBitrate(quality: QualityPreset, width: number, height: number, fps: number): number {
  return Math.round(Math.max(QUALITY_FLOOR[quality], width * height * fps * QUALITY_BITS_PER_PIXEL[quality]));
}

/** The sound's bitrate when it is encoded (AAC stereo at 160 kbit/s, Opus at 128: about the same to a size estimate). */
const SOUND_BITRATE = 150_000;

/**
 * About how many bytes an export of `durationUs` will take: the video at its
 * chosen bitrate (or the standard quality's), the sound as encoded. Null when
 * the video is copied: it is then as large as the sources' own.
 */
export function estimatedExportBytes(output: OutputSettings, durationUs: number, video: 'copy' | 'reencode' | null, sound: boolean): number | null {
  if (video === 'copy') return null;
  const { width, height, fps } = output;
  const videoBitrate = video && outputFormat(output).video ? (output.videoBitrate ?? qualityBitrate('standard', width, height, fps)) : 0;
  return Math.round(((videoBitrate + (sound ? SOUND_BITRATE : 0)) * durationUs) / 8_000_000);
}

import type { Mp4Source } from './mp4-source.ts';
import { codecName } from './codec-names.ts';

/** What `spool probe` prints and the UI shows about a file. */
export interface ProbeResult {
  name: string;
  size: number;
  container: 'mp4';
  durationUs: number;
  tracks: ProbeTrack[];
}

export type ProbeTrack =
  | {
      kind: 'video';
      codec: string;
      codecName: string;
      codedWidth: number;
      codedHeight: number;
      displayWidth: number;
      displayHeight: number;
      rotation: number;
      fps: number;
      frameCount: number;
      keyframeCount: number;
      durationUs: number;
      decodable: boolean;
      problem?: string;
    }
  | {
      kind: 'audio';
      codec: string;
      codecName: string;
      sampleRate: number;
      channels: number;
      durationUs: number;
      decodable: boolean;
      problem?: string;
    };

export function cannotDecodeMessage(kind: 'video' | 'audio', codec: string, fileName: string): string {
  const name = codecName(codec);
  const hint = name.startsWith('HEVC')
    ? ' Safari, and Chrome or Edge on macOS and Windows, can; or convert it to H.264.'
    : ' Try another browser, or convert it to H.264 video with AAC audio.';
  return `This browser can't decode ${name} ${kind} ("${fileName}").${hint}`;
}

async function videoDecodable(config: VideoDecoderConfig): Promise<boolean> {
  if (typeof VideoDecoder === 'undefined') return false;
  try {
    return (await VideoDecoder.isConfigSupported(config)).supported === true;
  } catch {
    return false; // a malformed codec string is as undecodable as an unknown one
  }
}

async function audioDecodable(config: AudioDecoderConfig): Promise<boolean> {
  if (typeof AudioDecoder === 'undefined') return false;
  try {
    return (await AudioDecoder.isConfigSupported(config)).supported === true;
  } catch {
    return false;
  }
}

export async function probeSource(source: Mp4Source): Promise<ProbeResult> {
  const tracks: ProbeTrack[] = [];
  const { video, audio } = source;
  if (video) {
    const decodable = await videoDecodable(video.config);
    tracks.push({
      kind: 'video',
      codec: video.codec,
      codecName: codecName(video.codec),
      codedWidth: video.codedWidth,
      codedHeight: video.codedHeight,
      displayWidth: video.displayWidth,
      displayHeight: video.displayHeight,
      rotation: video.rotation,
      fps: video.fps,
      frameCount: video.samples.length,
      keyframeCount: video.samples.filter((s) => s.key).length,
      durationUs: video.durationUs,
      decodable,
      ...(decodable ? {} : { problem: cannotDecodeMessage('video', video.codec, source.name) }),
    });
  }
  if (audio) {
    const decodable = await audioDecodable(audio.config);
    tracks.push({
      kind: 'audio',
      codec: audio.codec,
      codecName: codecName(audio.codec),
      sampleRate: audio.sampleRate,
      channels: audio.channels,
      durationUs: audio.durationUs,
      decodable,
      ...(decodable ? {} : { problem: cannotDecodeMessage('audio', audio.codec, source.name) }),
    });
  }
  return { name: source.name, size: source.blob.size, container: 'mp4', durationUs: source.durationUs, tracks };
}

/** The first reason this file cannot be edited here, or undefined when it can. */
export function firstProblem(probe: ProbeResult): string | undefined {
  const video = probe.tracks.find((t) => t.kind === 'video');
  if (video && !video.decodable) return video.problem;
  const audio = probe.tracks.find((t) => t.kind === 'audio');
  if (!video && audio && !audio.decodable) return audio.problem;
  return undefined;
}

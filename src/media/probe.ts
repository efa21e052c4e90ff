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

interface ConfigChecker<Config> {
  isConfigSupported(config: Config): Promise<{ supported?: boolean }>;
}

/** Whether this browser decodes `config`; a malformed codec string counts as undecodable, like an unknown one. */
async function decodable<Config>(decoder: ConfigChecker<Config> | undefined, config: Config): Promise<boolean> {
  if (!decoder) return false;
  try {
    return (await decoder.isConfigSupported(config)).supported === true;
  } catch {
    return false;
  }
}

export async function probeSource(source: Mp4Source): Promise<ProbeResult> {
  const tracks: ProbeTrack[] = [];
  const { video, audio } = source;
  if (video) {
    const canDecode = await decodable(typeof VideoDecoder === 'undefined' ? undefined : VideoDecoder, video.config);
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
      decodable: canDecode,
      ...(canDecode ? {} : { problem: cannotDecodeMessage('video', video.codec, source.name) }),
    });
  }
  if (audio) {
    const canDecode = await decodable(typeof AudioDecoder === 'undefined' ? undefined : AudioDecoder, audio.config);
    tracks.push({
      kind: 'audio',
      codec: audio.codec,
      codecName: codecName(audio.codec),
      sampleRate: audio.sampleRate,
      channels: audio.channels,
      durationUs: audio.durationUs,
      decodable: canDecode,
      ...(canDecode ? {} : { problem: cannotDecodeMessage('audio', audio.codec, source.name) }),
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

import type { Container, MediaSource } from './media-source.ts';
import { extensionNotice } from './extension-notice.ts';
import { cannotDecodeMessage, cannotReadSoundMessage, codecName } from './codec-names.ts';
import { leadingFramesNotice, noKeyframeMessage } from './keyframe-notice.ts';
import { soundTrackNotice } from './sound-track-notice.ts';
import { leftOutNotice } from './left-out-notice.ts';

/** What `spool probe` prints and the UI shows about a file. */
export interface ProbeResult {
  name: string;
  size: number;
  container: Container;
  durationUs: number;
  tracks: ProbeTrack[];
  /** A non-fatal remark for the person (e.g. the extension lies about the contents). */
  notice?: string;
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
      variableFrameRate: boolean;
      frameCount: number;
      keyframeCount: number;
      keyframeTimesUs: number[];
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


export async function probeSource(source: MediaSource): Promise<ProbeResult> {
  const tracks: ProbeTrack[] = [];
  const { video, audio } = source;
  if (video) {
    const codecProblem = (await source.canDecode('video')) ? undefined : cannotDecodeMessage('video', video.codec, source.name);
    const problem = codecProblem ?? (video.keyframeTimesUs.length === 0 ? noKeyframeMessage(source.name) : undefined);
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
      variableFrameRate: video.variableFrameRate,
      frameCount: video.frameCount,
      keyframeCount: video.keyframeTimesUs.length,
      keyframeTimesUs: video.keyframeTimesUs,
      durationUs: video.durationUs,
      decodable: !problem,
      ...(problem ? { problem } : {}),
    });
  }
  if (audio) {
    const canDecode = await source.canDecode('audio');
    tracks.push({
      kind: 'audio',
      codec: audio.codec,
      codecName: codecName(audio.codec),
      sampleRate: audio.sampleRate,
      channels: audio.channels,
      durationUs: audio.durationUs,
      decodable: canDecode,
      ...(canDecode ? {} : { problem: audio.unsupported ? cannotReadSoundMessage(audio.unsupported, source.name) : cannotDecodeMessage('audio', audio.codec, source.name) }),
    });
  }
  const soundDropped = tracks.some((t) => t.kind === 'video' && t.decodable) && tracks.find((t) => t.kind === 'audio' && !t.decodable);
  const notices = [
    extensionNotice(source),
    leadingFramesNotice(source),
    soundTrackNotice(source),
    leftOutNotice(source),
    source.cutShort ? `"${source.name}" is cut short (as when a recording or copy stops early): its unfinished end is left out, the rest imported.` : undefined,
    soundDropped
      ? audio?.unsupported
        ? `Spool can't play the sound of "${source.name}" (${audio.unsupported}), so it was imported as picture only.`
        : `This browser can't play the ${soundDropped.codecName} sound of "${source.name}", so it was imported as picture only.`
      : undefined,
  ].filter((n): n is string => !!n);
  const notice = notices.length > 0 ? notices.join(' ') : undefined;
  return { name: source.name, size: source.blob.size, container: source.container, durationUs: source.durationUs, tracks, ...(notice ? { notice } : {}) };
}

/** The first reason this file cannot be edited here, or undefined when it can. */
export function firstProblem(probe: ProbeResult): string | undefined {
  const video = probe.tracks.find((t) => t.kind === 'video');
  if (video && !video.decodable) return video.problem;
  const audio = probe.tracks.find((t) => t.kind === 'audio');
  if (!video && audio && !audio.decodable) return audio.problem;
  return undefined;
}

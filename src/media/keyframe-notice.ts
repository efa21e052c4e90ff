import { formatTimecode } from '../model/time.ts';
import type { MediaSource } from './media-source.ts';

/**
 * A video stream cut without regard to keyframes (a stream copy from the
 * middle of a GOP) starts with frames that refer to pictures no longer in the
 * file: they cannot be decoded. The first keyframe's picture stands in for
 * them (see decodeRangeFor); these say so, or why nothing can be shown.
 */

/** The remark for a video whose first frames come before its first keyframe, else undefined. */
export function leadingFramesNotice(source: MediaSource): string | undefined {
  const video = source.video;
  if (!video || video.framesBeforeKeyframe === 0 || video.keyframeTimesUs.length === 0) return undefined;
  const at = formatTimecode(video.keyframeTimesUs[0]!);
  const frames = video.framesBeforeKeyframe === 1 ? 'first frame' : `first ${video.framesBeforeKeyframe} frames`;
  return `The ${frames} of "${source.name}" come before its first keyframe (${at}), so they cannot be decoded (the file was probably cut without re-encoding): the picture at ${at} is shown in their place.`;
}

/** Why a video without a single keyframe cannot be used. */
export function noKeyframeMessage(name: string): string {
  return `"${name}" cannot be used: its video has no keyframe (a frame that decodes on its own), so none of its pictures can be decoded. It was probably cut from a longer video without re-encoding; cut it again from the original, starting at a keyframe or re-encoding.`;
}

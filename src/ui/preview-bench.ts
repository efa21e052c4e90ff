import { proxy, transfer, type Remote } from 'comlink';
import type { AssetId } from '../model/ids.ts';
import { emptyProject, newClip, newTrack, type Project } from '../model/project.ts';
import type { PlaybackStats } from '../engine/playback.ts';
import type { EngineApi } from '../workers-api/engine-api.ts';
import { PlaybackAudio } from './playback-audio.ts';

const ASSET: AssetId = 'asset:preview-bench';

/** The clip full frame on Video 1 and again at half size on Video 2 above it, at the clip's own size: two layers every frame. */
function twoLayerProject(width: number, height: number, fps: number, durationUs: number): Project {
  const base = emptyProject('Preview bench');
  return {
    ...base,
    output: { ...base.output, width, height, fps },
    assets: [{ id: ASSET, name: 'bench.mp4', durationUs, hasVideo: true, hasAudio: true }],
    tracks: [newTrack('track:v2', 'video', 'Video 2'), ...base.tracks],
    clips: [
      newClip({ id: 'clip:bottom', assetId: ASSET, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: durationUs }),
      { ...newClip({ id: 'clip:top', assetId: ASSET, trackId: 'track:v2', startUs: 0, inUs: 0, outUs: durationUs }), picture: { scale: 0.5, x: 0.7, y: 0.3 } },
    ],
  };
}

/**
 * `spool bench`'s preview case: plays a two-layer project made of `file` for
 * `seconds` into a preview shown at `box` exactly as the editor does (worker-owned canvas, audio clock
 * through Web Audio) and returns the playback figures.
 */
export async function benchPreview(engine: Remote<EngineApi>, file: File, seconds: number, box: { width: number; height: number } | null): Promise<PlaybackStats & { lateAudioBlocks: number }> {
  const offscreen = document.createElement('canvas').transferControlToOffscreen();
  await engine.attachPreview(transfer(offscreen, [offscreen]));
  // The on-screen size the editor would report (null: composite at the full output size).
  if (box) await engine.setPreviewBox(box.width, box.height);
  const probe = await engine.addAsset(ASSET, file, file.name);
  const video = probe.tracks.find((t) => t.kind === 'video');
  if (video?.kind !== 'video') throw new Error(`${file.name} has no video`);
  const project = twoLayerProject(video.displayWidth, video.displayHeight, video.fps, probe.durationUs);
  const audio = new PlaybackAudio();
  const format = await audio.begin(0, true);
  let failure: string | null = null;
  const events = proxy({
    audio: (block: Parameters<PlaybackAudio['schedule']>[0]) => audio.schedule(block),
    stats: () => undefined,
    ended: () => undefined,
    failed: (message: string) => void (failure = message),
  });
  await engine.play(project, { fromUs: 0, rate: 1, loop: null, clock: audio.clock(), audio: format }, events);
  const refresh = setInterval(() => void engine.setPlaybackClock(audio.clock()), 500);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(refresh);
  const stats = await engine.stopPlayback();
  audio.end();
  engine.removeAsset(ASSET);
  if (failure) throw new Error(failure);
  if (!stats) throw new Error('playback did not start');
  return { ...stats, lateAudioBlocks: audio.lateBlocks };
}

import type { Caption } from '../model/captions.ts';
import { defaultTextStyle, newClip, TEXT_ASSET_DURATION_US, type Asset, type Clip, type Track } from '../model/project.ts';
import type { Project } from '../model/project.ts';
import { newClipId } from '../model/ids.ts';
import { snapToFrameUs, US_PER_SECOND } from '../model/time.ts';
import { addTrack, newTitleId } from './commands.ts';
import type { DocumentRecord, ProjectChange } from './document.ts';

/** How captions look: small white words on a black box near the bottom, as players show subtitles. */
const CAPTION_STYLE = { size: 0.055, y: 0.88, color: '#ffffff', background: '#000000' } as const;

/**
 * Each caption as a title clip, at its times (on the frame grid, at least a
 * frame long), on a new video track on top named after the file: burnt into
 * the picture, each editable like any title. One change.
 */
export function addCaptions(project: Project, captions: readonly Caption[], fileName: string): ProjectChange {
  const fps = project.output.fps > 0 ? project.output.fps : 30;
  const added = addTrack(project, 'video');
  const put: DocumentRecord[] = (added.put ?? []).map((record) => (record.id.startsWith('track:') ? { ...(record as Track), name: `Captions: ${fileName}`.slice(0, 60) } : record));
  const track = put.find((record): record is Track => record.id.startsWith('track:'))!;
  for (const caption of captions) {
    const assetId = newTitleId();
    const asset: Asset = { id: assetId, name: caption.text.split('\n')[0]!.slice(0, 60), durationUs: TEXT_ASSET_DURATION_US, hasVideo: true, hasAudio: false, text: { ...defaultTextStyle(caption.text), ...CAPTION_STYLE } };
    const startUs = snapToFrameUs(caption.startUs, fps);
    const lengthUs = Math.max(snapToFrameUs(startUs + US_PER_SECOND / fps, fps), snapToFrameUs(caption.endUs, fps)) - startUs;
    const clip: Clip = newClip({ id: newClipId(), assetId, trackId: track.id, startUs, inUs: 0, outUs: lengthUs });
    put.push(asset, clip);
  }
  return { put };
}

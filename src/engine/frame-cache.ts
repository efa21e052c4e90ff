import type { AssetId } from '../model/ids.ts';
import { PTS_TOLERANCE_US } from '../media/sample-index.ts';

interface Entry {
  assetId: AssetId;
  frame: VideoFrame;
  endUs: number;
  bytes: number;
}

/**
 * Decoded frames near the playhead, so stepping back and forth (and scrubbing
 * over what was just decoded) shows a frame at once instead of decoding from
 * the keyframe again. Holds clones (cheap: they share the decoded picture);
 * least recently used frames are closed first, within a byte budget.
 */
export class FrameCache {
  private entries: Entry[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.length;
  }

  /** A clone of the frame of `assetId` on screen at `sourceUs` (the caller closes it), or null. */
  get(assetId: AssetId, sourceUs: number): VideoFrame | null {
    const index = this.entries.findIndex((e) => e.assetId === assetId && e.frame.timestamp <= sourceUs + PTS_TOLERANCE_US && sourceUs + PTS_TOLERANCE_US < e.endUs);
    if (index < 0) return null;
    const [entry] = this.entries.splice(index, 1);
    this.entries.push(entry!); // most recently used last
    return entry!.frame.clone();
  }

  /** Keeps a clone of `frame` (the caller keeps its own). */
  put(assetId: AssetId, frame: VideoFrame): void {
    if (this.entries.some((e) => e.assetId === assetId && e.frame.timestamp === frame.timestamp)) return;
    const bytes = frame.allocationSize();
    // A frame with no duration is on screen until the next one: a frame's worth at 30 fps is the guess.
    this.entries.push({ assetId, frame: frame.clone(), endUs: frame.timestamp + (frame.duration || 33_333), bytes });
    this.bytes += bytes;
    while (this.bytes > this.maxBytes && this.entries.length > 1) this.evict(0);
  }

  private evict(index: number): void {
    const [entry] = this.entries.splice(index, 1);
    entry!.frame.close();
    this.bytes -= entry!.bytes;
  }

  /** Forgets one asset's frames (removed, or its file replaced), or all. */
  clear(assetId?: AssetId): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (!assetId || this.entries[i]!.assetId === assetId) this.evict(i);
  }
}

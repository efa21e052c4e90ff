import { describe, expect, it } from 'vitest';
import { emptyProject, newClip, type Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';
import { gpuDevice } from '../media/compositor/gpu-device.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { Engine } from './engine.ts';

const BAR: AssetId = 'asset:bar';

function project(): Project {
  return {
    ...emptyProject(),
    output: { width: 320, height: 180, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [{ id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true }],
    clips: [newClip({ id: 'clip:0', assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 10_000_000 })],
  };
}

describe('the engine after a lost GPU device', () => {
  it('says so once, makes a new device, and the next frame draws', async () => {
    // The engine runs here in the page (the worker hosts the same class), so the test can reach its GPU device.
    const engine = new Engine();
    const notices: string[] = [];
    engine.onNotice((message) => notices.push(message));
    await engine.addAsset(BAR, await fixtureFile('barcode'), 'barcode.mp4');
    await engine.attachPreview(new OffscreenCanvas(1, 1));
    expect(await engine.showFrame(project(), 1_000_000)).toEqual({ timelineUs: 1_000_000, sourceUs: 1_000_000 });
    const lost = await gpuDevice();
    lost.destroy();
    await lost.lost;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^The graphics device \(WebGPU\) was lost.*Spool made a new one/);
    // The next request gets a new device and draws the exact frame.
    expect(await engine.showFrame(project(), 2_000_000)).toEqual({ timelineUs: 2_000_000, sourceUs: 2_000_000 });
    expect(await gpuDevice()).not.toBe(lost);
    expect(notices).toHaveLength(1);
    engine.removeAsset(BAR);
  });
});

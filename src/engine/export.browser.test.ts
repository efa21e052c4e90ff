import { afterAll, describe, expect, it } from 'vitest';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { exportedFile } from '../media/output-file.ts';
import { inspectExport } from '../test-support/export-check.ts';
import type { Project } from '../model/project.ts';
import type { AssetId } from '../model/ids.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

function trimProject(assetId: AssetId, inUs: number, outUs: number, durationUs: number): Project {
  return {
    schemaVersion: 1,
    output: { width: 640, height: 360, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
    assets: [{ id: assetId, name: 'barcode.mp4', durationUs, hasVideo: true, hasAudio: true }],
    clips: [{ id: 'clip:1', assetId, startUs: 0, inUs, outUs }],
  };
}

describe('export spine (worker: demux → decode → WebGPU → encode → mux)', () => {
  it('exports 2.000–5.000 s as exactly source frames 60–149 with audio beeps in place', async () => {
    const file = await fixtureFile('barcode');
    const probe = await engine.addAsset('asset:bar', file, file.name);
    const result = await engine.exportProject(trimProject('asset:bar', 2_000_000, 5_000_000, probe.durationUs), 'trim-test');
    const out = await inspectExport(await exportedFile(result.output));
    expect(out.frameIndices).toEqual(Array.from({ length: 90 }, (_, i) => 60 + i));
    expect(Math.abs(out.videoDurationUs - 3_000_000)).toBeLessThanOrEqual(33_334);
    expect(out.width).toBe(640);
    expect(out.audioCodec).not.toBeNull();
    expect(out.beepOnsetsUs).toHaveLength(3);
    out.beepOnsetsUs.forEach((onset, i) => expect(Math.abs(onset - (250_000 + i * 1_000_000))).toBeLessThanOrEqual(33_333));
    expect(Math.abs(out.audioDurationUs - 3_000_000)).toBeLessThanOrEqual(33_334);
    expect(result.stats.frames).toBe(90);
    expect(result.stats.path).toBe('reencode');
  });
});

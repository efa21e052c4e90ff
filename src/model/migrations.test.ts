import { describe, expect, it } from 'vitest';
import { migrateProject } from './migrations.ts';
import { PROJECT_SCHEMA_VERSION, emptyProject } from './project.ts';

const v1 = {
  schemaVersion: 1,
  output: { width: 640, height: 360, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
  assets: [{ id: 'asset:a', name: 'a.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true }],
  clips: [
    { id: 'clip:1', assetId: 'asset:a', startUs: 0, inUs: 2_000_000, outUs: 5_000_000 },
    { id: 'clip:2', assetId: 'asset:a', startUs: 3_000_000, inUs: 0, outUs: 1_000_000 },
  ],
};

describe('migrateProject', () => {
  it('brings a v1 project to the current schema without losing a clip or a time', () => {
    const project = migrateProject(structuredClone(v1));
    expect(project.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
    expect(project.tracks.map((t) => [t.id, t.kind])).toEqual([['track:v1', 'video'], ['track:a1', 'audio']]);
    expect(project.clips).toEqual([
      { id: 'clip:1', assetId: 'asset:a', trackId: 'track:v1', startUs: 0, inUs: 2_000_000, outUs: 5_000_000, volume: 1, fadeInUs: 0, fadeOutUs: 0 },
      { id: 'clip:2', assetId: 'asset:a', trackId: 'track:v1', startUs: 3_000_000, inUs: 0, outUs: 1_000_000, volume: 1, fadeInUs: 0, fadeOutUs: 0 },
    ]);
    expect(project.output).toEqual(v1.output);
    expect(project.assets).toEqual(v1.assets);
    expect(project.markers).toEqual([]);
    expect(project.transitions).toEqual([]);
  });

  it('leaves a current project as it is', () => {
    const current = emptyProject('Mine');
    expect(migrateProject(structuredClone(current))).toEqual(current);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => migrateProject(null)).toThrow(TypeError);
    expect(() => migrateProject({ schemaVersion: 'x' })).toThrow(/no valid schemaVersion/);
    expect(() => migrateProject({ schemaVersion: PROJECT_SCHEMA_VERSION + 1 })).toThrow(/newer Spool/);
  });
});

import { PROJECT_SCHEMA_VERSION, newTrack, type Project } from './project.ts';

/**
 * Brings a stored project up to the current schema, one step per version, so
 * nothing saved by an older Spool is lost. Each step is pure and tested.
 */
type Step = (project: Record<string, unknown>) => Record<string, unknown>;

const STEPS: Record<number, Step> = {
  // v1 → v2: one implicit track becomes named tracks; clips gain a track and sound settings; markers and a name appear.
  1: (v1) => {
    const tracks = [newTrack('track:v1', 'video', 'Video 1'), newTrack('track:a1', 'audio', 'Audio 1')];
    const clips = (v1.clips as Record<string, unknown>[]).map((clip) => ({ ...clip, trackId: 'track:v1', volume: 1, fadeInUs: 0, fadeOutUs: 0 }));
    return { ...v1, schemaVersion: 2, name: 'Untitled', tracks, clips, markers: [] };
  },
  // v2 → v3: transitions between adjacent clips.
  2: (v2) => ({ ...v2, schemaVersion: 3, transitions: [] }),
};

export function migrateProject(stored: unknown): Project {
  if (typeof stored !== 'object' || stored === null) throw new TypeError('stored project is not an object');
  let project = stored as Record<string, unknown>;
  const version: unknown = project.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new TypeError(`stored project has no valid schemaVersion (${String(version)})`);
  if (version > PROJECT_SCHEMA_VERSION) throw new RangeError(`this project was saved by a newer Spool (schema ${version}); update Spool to open it`);
  for (let at = version; at < PROJECT_SCHEMA_VERSION; at = project.schemaVersion as number) project = STEPS[at]!(project);
  return project as unknown as Project;
}

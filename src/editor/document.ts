import type { Asset, Clip, Marker, OutputSettings, Project, Track, Transition } from '../model/project.ts';
import { PROJECT_SCHEMA_VERSION } from '../model/project.ts';
import type { TrackId } from '../model/ids.ts';

/**
 * The project as records, for the history store: every clip, track, marker
 * and asset is a record keyed by its typed id, plus one settings record.
 * Commands return a `ProjectChange` (records to put, ids to remove); the store
 * applies it and keeps the diff, so undo needs no hand-written inverse.
 */
export interface DocumentSettings {
  id: 'document';
  name: string;
  output: OutputSettings;
  /** Tracks top to bottom as shown. */
  trackOrder: TrackId[];
}

export type DocumentRecord = DocumentSettings | Track | Clip | Marker | Asset | Transition;

export interface ProjectChange {
  put?: DocumentRecord[];
  remove?: string[];
}

export function projectToRecords(project: Project): DocumentRecord[] {
  const settings: DocumentSettings = { id: 'document', name: project.name, output: project.output, trackOrder: project.tracks.map((t) => t.id) };
  return [settings, ...project.tracks, ...project.assets, ...project.clips, ...project.markers, ...project.transitions];
}

/** The project as it would be after `change`: to ask what an edit would do before making it. */
export function withChange(project: Project, change: ProjectChange): Project {
  const records = new Map<string, DocumentRecord>(projectToRecords(project).map((record) => [record.id, record]));
  for (const id of change.remove ?? []) records.delete(id);
  for (const record of change.put ?? []) records.set(record.id, record);
  return recordsToProject(records.values());
}

/** The plain Project the engine renders, from the records (clips by start time, tracks in shown order). */
export function recordsToProject(records: Iterable<DocumentRecord>): Project {
  let settings: DocumentSettings | undefined;
  const tracks = new Map<string, Track>();
  const assets: Asset[] = [];
  const clips: Clip[] = [];
  const markers: Marker[] = [];
  const transitions: Transition[] = [];
  for (const record of records) {
    if (record.id === 'document') settings = record as DocumentSettings;
    else if (record.id.startsWith('track:')) tracks.set(record.id, record as Track);
    else if (record.id.startsWith('asset:')) assets.push(record as Asset);
    else if (record.id.startsWith('clip:')) clips.push(record as Clip);
    else if (record.id.startsWith('marker:')) markers.push(record as Marker);
    else if (record.id.startsWith('transition:')) transitions.push(record as Transition);
  }
  if (!settings) throw new Error('document settings record missing');
  clips.sort((a, b) => a.startUs - b.startUs || (a.id < b.id ? -1 : 1));
  markers.sort((a, b) => a.timeUs - b.timeUs);
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    name: settings.name,
    output: settings.output,
    assets,
    tracks: settings.trackOrder.map((id) => tracks.get(id)).filter((t): t is Track => t !== undefined),
    clips,
    markers,
    transitions,
  };
}

import { buildProject, parseRenderJob, projectToJob, type MediaFacts, type RenderJob } from '../model/render-job.ts';
import type { AssetId } from '../model/ids.ts';
import { projectFileName } from '../model/output-format.ts';
import type { Project } from '../model/project.ts';
import type { LibraryRow } from './create-library.ts';
import { assetIdOf } from './create-library.ts';
import { downloadFile } from './download-file.ts';

/** A `.spool.json` download of the project (no media: files are named, with fingerprints to relink). */
export function downloadProjectFile(project: Project): void {
  const job = projectJob(project);
  const blob = new Blob([`${JSON.stringify(job, null, 2)}\n`], { type: 'application/json' });
  downloadFile(blob, projectFileName(project.name));
}

/** The project as a `.spool.json` job; media assets' ids are `asset:<fingerprint>`. */
export const projectJob = (project: Project): RenderJob => projectToJob(project, (assetId) => assetId.replace(/^asset:/, ''));

const MAX_PROJECT_FILE_BYTES = 5 * 1024 * 1024;

/** Reads a `.spool.json` (untrusted) and relinks its media (relinkProject). Throws a message naming what is wrong; nothing changes until it succeeds. */
export async function readProjectFile(file: File, rows: readonly LibraryRow[]): Promise<Project> {
  if (file.size > MAX_PROJECT_FILE_BYTES) throw new Error(`"${file.name}" is too large to be a Spool project file.`);
  let raw: unknown;
  try {
    raw = JSON.parse(await file.text());
  } catch {
    throw new Error(`"${file.name}" is not a Spool project file (it is not JSON).`);
  }
  let job;
  try {
    job = parseRenderJob(raw);
  } catch (error) {
    throw new Error(`"${file.name}" is not a valid Spool project: ${(error as Error).message}.`);
  }
  return relinkProject(job, rows, `"${file.name}"`);
}

/**
 * A parsed project with its media relinked to the library by content
 * fingerprint (by file name only where a hand-written file gives none). Media
 * not in the library whose fingerprint, duration and kind are known stays in
 * the project as missing (its clips offline) until the same file is imported;
 * any other missing file is named in the error, and nothing changes.
 */
export function relinkProject(job: RenderJob, rows: readonly LibraryRow[], source: string): Project {
  const ready = rows.filter((row) => row.status === 'ready' && row.asset);
  const facts: Record<string, MediaFacts> = {};
  const assetIds: Record<string, AssetId> = {};
  const missing: string[] = [];
  for (const [key, path] of Object.entries(job.media)) {
    const name = path.split(/[\\/]/).pop() ?? path;
    const fingerprint = job.fingerprints?.[key];
    const row = fingerprint ? ready.find((r) => r.asset!.fingerprint === fingerprint) : ready.find((r) => r.asset!.name === name);
    const info = job.mediaInfo?.[key];
    if (row) {
      const probe = row.asset!.probe;
      const video = probe.tracks.find((t) => t.kind === 'video');
      const audio = probe.tracks.find((t) => t.kind === 'audio');
      assetIds[key] = assetIdOf(row.asset!.fingerprint);
      facts[key] = {
        durationUs: probe.durationUs,
        hasVideo: !!video,
        hasAudio: !!audio?.decodable,
        ...(video?.kind === 'video' ? { width: video.displayWidth, height: video.displayHeight, fps: video.fps } : {}),
      };
    } else if (fingerprint && info) {
      assetIds[key] = assetIdOf(fingerprint);
      facts[key] = { durationUs: info.durationUs, hasVideo: info.kind !== 'audio', hasAudio: info.kind !== 'video' };
    } else missing.push(name);
  }
  if (missing.length > 0) throw new Error(`To open ${source}, first import: ${missing.join(', ')}.`);
  let project: Project;
  try {
    project = buildProject(job, facts, assetIds);
  } catch (error) {
    // What only shows against the media (a clip starting past its file's end) is as much a fault of the file as a bad field.
    const what = source.startsWith('"') ? source : source.charAt(0).toUpperCase() + source.slice(1);
    throw new Error(`${what} is not a valid Spool project: ${(error as Error).message}.`);
  }
  // buildProject names assets by the file's paths; the library's names are the ones people know.
  const seen = new Set<string>();
  const assets = project.assets
    .filter((a) => !seen.has(a.id) && seen.add(a.id))
    .map((a) => ({ ...a, name: ready.find((r) => assetIdOf(r.asset!.fingerprint) === a.id)?.name ?? a.name }));
  return { ...project, assets };
}

import { decodeProjectLink, encodeProjectLink, ProjectLinkError } from '../model/project-link-codec.ts';
import type { Project } from '../model/project.ts';
import type { LibraryRow } from './create-library.ts';
import { projectJob, relinkProject } from './create-project-files.ts';

/** This app's address with the project in its fragment. */
export async function projectLinkUrl(project: Project): Promise<string> {
  if (project.clips.length === 0) throw new ProjectLinkError('Add something to the timeline before copying its link.');
  return `${location.origin}${location.pathname}${await encodeProjectLink(projectJob(project))}`;
}

/** The project a `#p=…` fragment describes, its media relinked to the library (missing files stay offline, to import). */
export async function readProjectLink(hash: string, rows: readonly LibraryRow[]): Promise<Project> {
  return relinkProject(await decodeProjectLink(hash), rows, 'this project link');
}

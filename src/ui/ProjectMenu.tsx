import { For } from 'solid-js';
import type { ProjectSummary } from '../storage/library-db.ts';
import { FilePickerButton } from './FilePickerButton.tsx';

/** The open project's name (editable) and the project list: new, open, duplicate, delete, .spool.json in and out, and a link to it. */
export function ProjectMenu(props: {
  name: string;
  projectId: string;
  projects: ProjectSummary[];
  onRename: (name: string) => void;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onExportFile: () => void;
  onImportFile: (file: File) => void;
  onCopyLink: () => void;
  linkStatus: string | null;
}) {
  return (
    <div class="project-menu">
      <input
        class="project-name"
        aria-label="Project name"
        value={props.name}
        data-testid="project-name"
        onChange={(e) => {
          props.onRename(e.currentTarget.value);
          e.currentTarget.value = props.name; // a refused name (blank) shows the kept one
        }}
      />
      {/* Each option says whether it is the open one: a select's value set before its options are rebuilt falls back to the first. */}
      <select
        aria-label="Open project"
        data-testid="project-select"
        onChange={(e) => {
          props.onOpen(e.currentTarget.value);
          // Shows the open project until the other one has opened (if it cannot be, this one stays).
          e.currentTarget.value = props.projectId;
        }}
      >
        <For each={props.projects}>
          {(p) => (
            <option value={p.id} selected={p.id === props.projectId}>
              {p.name}
            </option>
          )}
        </For>
      </select>
      <button type="button" onClick={props.onNew} data-testid="project-new">
        New
      </button>
      <button type="button" onClick={props.onDuplicate}>
        Duplicate
      </button>
      <button type="button" onClick={() => confirm(`Delete the project "${props.name}"? Its media stays in the library.`) && props.onDelete()}>
        Delete
      </button>
      <button type="button" onClick={props.onExportFile} data-testid="project-export">
        Save .spool.json
      </button>
      <FilePickerButton label="Open .spool.json" testid="project-import" accept=".json,application/json" multiple={false} onFiles={(files) => props.onImportFile(files[0]!)} />
      <button type="button" onClick={props.onCopyLink} data-testid="project-copy-link">
        Copy project link
      </button>
      <span class="hint" role="status" data-testid="project-link-status">
        {props.linkStatus}
      </span>
    </div>
  );
}

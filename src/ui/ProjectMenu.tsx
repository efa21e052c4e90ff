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
  /** While a key browses the list, the change it fires does not open a project (see onKeyDown). */
  let browsing = false;
  const open = (select: HTMLSelectElement) => {
    if (select.value === props.projectId) return;
    props.onOpen(select.value);
    // Shows the open project until the other one has opened (if it cannot be, this one stays).
    select.value = props.projectId;
  };
  return (
    // A landmark of its own (it sits between the header and the workspace): screen reader users reach it by landmark, as the rest.
    <section class="project-menu" aria-label="Projects">
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
        aria-describedby="project-select-hint"
        data-testid="project-select"
        onKeyDown={(e) => {
          const select = e.currentTarget;
          if (e.key === 'Enter') {
            open(select);
          } else if (e.key === 'Escape') {
            select.value = props.projectId;
          } else {
            // Chromium changes a closed select's value on arrow and letter keys and fires change at once, synchronously in this key's
            // default action: that is browsing, committed by Enter. A choice from the opened list (mouse, a popup or Safari's menu) fires
            // change with no key event on the select, and opens at once.
            browsing = true;
            setTimeout(() => (browsing = false));
          }
        }}
        onChange={(e) => {
          if (!browsing) open(e.currentTarget);
        }}
        // Browsed but not opened: leaving shows the open project again.
        onBlur={(e) => (e.currentTarget.value = props.projectId)}
      >
        <For each={props.projects}>
          {(p) => (
            <option value={p.id} selected={p.id === props.projectId}>
              {p.name}
            </option>
          )}
        </For>
      </select>
      <span id="project-select-hint" class="visually-hidden">
        Arrow keys browse the projects; Enter opens the one shown.
      </span>
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
    </section>
  );
}

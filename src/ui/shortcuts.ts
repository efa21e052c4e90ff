/** Keyboard shortcuts: one table drives both the key handling and the help panel. */
export type ShortcutAction =
  | 'playPause'
  | 'shuttleBack'
  | 'shuttleStop'
  | 'shuttleForward'
  | 'frameBack'
  | 'frameForward'
  | 'split'
  | 'delete'
  | 'rippleDelete'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'pastePicture'
  | 'duplicate'
  | 'marker'
  | 'home'
  | 'end'
  | 'zoomIn'
  | 'zoomOut'
  | 'help'
  | 'markIn'
  | 'markOut'
  | 'loop'
  | 'nudgeBack'
  | 'nudgeForward'
  | 'nudgeBackSecond'
  | 'nudgeForwardSecond'
  | 'trimStartBack'
  | 'trimStartForward'
  | 'trimEndBack'
  | 'trimEndForward'
  | 'trackUp'
  | 'trackDown'
  | 'previousEdit'
  | 'nextEdit'
  | 'trimStartToPlayhead'
  | 'trimEndToPlayhead'
  | 'rippleTrimStartToPlayhead'
  | 'rippleTrimEndToPlayhead'
  | 'freezeFrame'
  | 'zoomToFit'
  | 'selectAll'
  | 'deselect';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const SHORTCUTS: { keys: string; action: ShortcutAction; label: string }[] = [
  { keys: 'Space', action: 'playPause', label: 'Play / pause' },
  { keys: 'J / K / L', action: 'shuttleForward', label: 'Shuttle back / stop / forward' },
  { keys: '← / →', action: 'frameForward', label: 'One frame back / forward' },
  { keys: 'I / O', action: 'markIn', label: 'Mark the loop range in / out at the playhead' },
  { keys: 'Shift+L', action: 'loop', label: 'Loop playback on / off' },
  { keys: 'Home / End', action: 'home', label: 'Go to start / end' },
  { keys: '↑ / ↓', action: 'nextEdit', label: 'Go to the previous / next clip edge or marker' },
  { keys: 'S or Ctrl/⌘+B', action: 'split', label: 'Split at the playhead' },
  { keys: 'Q / W', action: 'trimEndToPlayhead', label: 'Cut off the selected clips (or every clip) under the playhead before / after it' },
  { keys: 'Shift+Q / Shift+W', action: 'rippleTrimEndToPlayhead', label: 'The same, closing the gap: what follows on the track moves up' },
  { keys: ', / .', action: 'nudgeForward', label: 'Move the selected (or focused) clips one frame earlier / later' },
  { keys: '< / > (Shift+, / Shift+.)', action: 'nudgeForwardSecond', label: 'Move the selected (or focused) clips one second earlier / later' },
  { keys: '[ / ]', action: 'trimStartForward', label: 'Trim the selected (or focused) clips: start one frame earlier / later' },
  { keys: '{ / } (Shift+[ / Shift+])', action: 'trimEndForward', label: 'Trim the selected (or focused) clips: end one frame earlier / later' },
  { keys: 'Ctrl/⌘+A / Escape', action: 'selectAll', label: 'Select every clip / select none' },
  { keys: 'Alt+↑ / Alt+↓', action: 'trackDown', label: 'Move the selected (or focused) clips to the track above / below' },
  { keys: 'Delete', action: 'delete', label: 'Delete selected clips' },
  { keys: 'Shift+Delete', action: 'rippleDelete', label: 'Ripple delete (close the gap)' },
  { keys: 'Ctrl/⌘+Z', action: 'undo', label: 'Undo' },
  { keys: 'Shift+Ctrl/⌘+Z or Ctrl+Y', action: 'redo', label: 'Redo' },
  { keys: 'Ctrl/⌘+C / V / D', action: 'copy', label: 'Copy / paste at the playhead / duplicate' },
  { keys: 'Shift+Ctrl/⌘+V', action: 'pastePicture', label: "Paste the copied clip's picture settings (placement, crop, colour, key, fades, motion) onto the selected clips" },
  { keys: 'M', action: 'marker', label: 'Add a marker at the playhead' },
  { keys: 'F', action: 'freezeFrame', label: 'Freeze the frame at the playhead for 3 s (the selected clip, or the picture on top)' },
  { keys: '+ / − or Ctrl/⌘+wheel', action: 'zoomIn', label: 'Zoom the timeline' },
  { keys: '\\', action: 'zoomToFit', label: 'Zoom the timeline to fit it all' },
  { keys: '?', action: 'help', label: 'Show these shortcuts' },
];

/** Actions on the selected clips: pressed on a focused clip that is not selected, they take that clip instead. */
const CLIP_EDITS: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'delete',
  'pastePicture',
  'rippleDelete',
  'nudgeBack',
  'nudgeForward',
  'nudgeBackSecond',
  'nudgeForwardSecond',
  'trimStartBack',
  'trimStartForward',
  'trimEndBack',
  'trimEndForward',
  'trackUp',
  'trackDown',
]);
export const editsSelectedClips = (action: ShortcutAction | null): boolean => action !== null && CLIP_EDITS.has(action);

/** The action for a key press, or null. Keys typed into a text field never reach here (the caller checks). */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && e.ctrlKey) return 'redo';
    if (key === 'b') return 'split';
    if (key === 'c') return 'copy';
    if (key === 'v') return e.shiftKey ? 'pastePicture' : 'paste';
    if (key === 'd') return 'duplicate';
    if (key === 'a') return 'selectAll';
    return null;
  }
  // Alt+↑/↓ move clips across tracks, as in Premiere and Resolve; Alt with any other key is the browser's or the system's.
  if (e.altKey) return key === 'ArrowUp' ? 'trackUp' : key === 'ArrowDown' ? 'trackDown' : null;
  switch (key) {
    case ' ':
      return 'playPause';
    case 'j':
      return 'shuttleBack';
    case 'k':
      return 'shuttleStop';
    case 'l':
      return e.shiftKey ? 'loop' : 'shuttleForward';
    case 'i':
      return 'markIn';
    case 'o':
      return 'markOut';
    case 'ArrowLeft':
      return 'frameBack';
    case 'ArrowRight':
      return 'frameForward';
    case 'ArrowUp':
      return 'previousEdit';
    case 'ArrowDown':
      return 'nextEdit';
    case 'q':
      return e.shiftKey ? 'rippleTrimStartToPlayhead' : 'trimStartToPlayhead';
    case 'w':
      return e.shiftKey ? 'rippleTrimEndToPlayhead' : 'trimEndToPlayhead';
    case 's':
      return 'split';
    case 'Delete':
    case 'Backspace':
      return e.shiftKey ? 'rippleDelete' : 'delete';
    case 'm':
      return 'marker';
    case 'f':
      return 'freezeFrame';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    case 'Escape':
      return 'deselect';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
      return 'zoomOut';
    case '\\':
      return 'zoomToFit';
    case '?':
      return 'help';
    // Nudge and trim as in Final Cut and Resolve (, and . move a frame); Alt+arrows, Premiere's, is the browser's Back and Forward.
    case ',':
      return 'nudgeBack';
    case '.':
      return 'nudgeForward';
    case '<':
      return 'nudgeBackSecond';
    case '>':
      return 'nudgeForwardSecond';
    case '[':
      return 'trimStartBack';
    case ']':
      return 'trimStartForward';
    case '{':
      return 'trimEndBack';
    case '}':
      return 'trimEndForward';
    default:
      return null;
  }
}

/**
 * A key that types a character (a letter, digit, punctuation or symbol; Shift may be held) with no Ctrl, ⌘ or Alt:
 * WCAG 2.1.4 asks that shortcuts on such keys can be turned off, since speech input types words as keys and one slip
 * of a finger would edit. Space, arrows, Delete, Home and End are not character keys.
 */
export function isCharacterKey(e: KeyLike): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey && e.key.length === 1 && e.key !== ' ';
}

/** Whether a key event comes from somewhere typing happens (fields keep their keys). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) && (target as HTMLInputElement).type !== 'range';
}

/** Whether a key event comes from a control that Space and Enter press (a button, a disclosure, a check box): those keys are its own. */
export function isPressableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (['BUTTON', 'SUMMARY', 'A'].includes(target.tagName) || target.getAttribute('role') === 'button') return true;
  return target.tagName === 'INPUT' && ['checkbox', 'radio', 'button', 'submit', 'color', 'file'].includes((target as HTMLInputElement).type);
}

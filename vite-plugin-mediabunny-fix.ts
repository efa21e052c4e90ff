import type { Plugin } from 'vite';

/** mediabunny's Matroska byte-wise resync, in its module build (what Spool imports). */
const FILE = /mediabunny\/dist\/modules\/src\/matroska\/ebml\.js$/;
/**
 * Its scan for the next element stops on a slice shorter than an ID and size,
 * but not on one exactly that long: at the file's last 8 bytes it loops
 * forever without moving on (mediabunny 1.61), freezing the worker that opens
 * a WebM or MKV whose damage sends it scanning to the end. Stopping on that
 * slice too loses nothing: the loop never reads its first byte either.
 */
const STUCK = 'if (slice.length < MAX_VAR_INT_SIZE)';
const FIXED = 'if (slice.length <= MAX_VAR_INT_SIZE)';

function fixResync(code: string, id: string): string | null {
  if (!FILE.test(id)) return null;
  // A new mediabunny that no longer has the line: check whether it still hangs, then drop this plugin.
  if (!code.includes(STUCK)) throw new Error(`vite-plugin-mediabunny-fix: "${STUCK}" is gone from ${id}; see whether the resync hang is fixed upstream`);
  return code.replace(STUCK, FIXED);
}

/** The fix, in the app's build and dev server. */
export function mediabunnyFix(): Plugin {
  return { name: 'mediabunny-resync-fix', enforce: 'pre', transform: (code, id) => fixResync(code, id) };
}

/** The same for the dev server's and tests' pre-bundled dependencies, which Vite bundles without its plugins. */
export const mediabunnyFixForDeps = { name: 'mediabunny-resync-fix-deps', transform: (code: string, id: string) => fixResync(code, id) };

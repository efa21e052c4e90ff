import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './browser-session.ts';

/** Absolute paths of existing regular files, or a CliError naming the first that is not. */
export async function checkInputFiles(paths: readonly string[], base = process.cwd()): Promise<string[]> {
  return Promise.all(
    paths.map(async (path) => {
      const absolute = resolve(base, path);
      const info = await stat(absolute).catch(() => null);
      if (!info) throw new CliError(`${path}: no such file`);
      if (!info.isFile()) throw new CliError(`${path}: not a file`);
      return absolute;
    }),
  );
}

/**
 * A CliError if `output` is one of `inputs` (the same file, however named):
 * the export would replace a source it is still reading.
 */
export async function checkOutputIsNotInput(output: string, inputs: readonly string[]): Promise<void> {
  const target = await stat(output).catch(() => null);
  if (!target) return;
  for (const input of inputs) {
    const info = await stat(input);
    if (info.dev === target.dev && info.ino === target.ino) throw new CliError(`${output}: this is one of the project's own media files; write the export to another file`);
  }
}

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

import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === '__screenshots__') continue;
    newest = Math.max(newest, await newestMtime(join(path, entry)));
  }
  return newest;
}

/** The built app in `dist/`, rebuilt first when missing or older than its sources. */
export async function ensureBuiltApp(root: string): Promise<string> {
  const dist = join(root, 'dist');
  const builtAt = existsSync(join(dist, 'index.html')) ? (await stat(join(dist, 'index.html'))).mtimeMs : 0;
  const sources = ['src', 'workers', 'shaders', 'public', 'index.html', 'vite.config.ts', 'pwa-manifest.ts'].map((p) => join(root, p)).filter((p) => existsSync(p));
  const newest = Math.max(...(await Promise.all(sources.map(newestMtime))));
  if (builtAt < newest) {
    process.stderr.write('spool: building the app…\n');
    const { build } = await import('vite');
    await build({ root, logLevel: 'warn', configFile: join(root, 'vite.config.ts') });
  }
  return dist;
}

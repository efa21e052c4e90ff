import { basename } from 'node:path';
import { openBrowserSession } from './browser-session.ts';
import { checkInputFiles } from './input-files.ts';
import type { ProbeResult } from '../media/probe.ts';

/** `spool probe FILE`: the engine's probe as JSON on stdout. */
export async function probeCommand(root: string, file: string): Promise<number> {
  const [path] = await checkInputFiles([file]);
  const session = await openBrowserSession(root);
  try {
    await session.setFiles([path!]);
    const probe = await session.call<ProbeResult>('probe', 0);
    process.stdout.write(`${JSON.stringify({ ...probe, name: basename(path!) }, null, 2)}\n`);
    return 0;
  } finally {
    await session.close();
  }
}

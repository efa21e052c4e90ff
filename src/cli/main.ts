import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE, UsageError } from './args.ts';
import { CliError } from './browser-session.ts';
import { probeCommand } from './probe-command.ts';
import { renderCommand } from './render-command.ts';
import { benchCommand } from './bench-command.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs one command; returns the exit code. Every failure is one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case 'probe':
        return await probeCommand(ROOT, command.file);
      case 'render':
        return await renderCommand(ROOT, command);
      case 'bench':
        return await benchCommand(ROOT, command.runs);
    }
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`spool: ${error.message}\n${USAGE}\n`);
    else if (error instanceof CliError) process.stderr.write(`spool: ${error.message}\n`);
    else process.stderr.write(`spool: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

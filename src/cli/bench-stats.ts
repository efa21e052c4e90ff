import { openBrowserSession, type BrowserSession } from './browser-session.ts';

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const round1 = (n: number) => Math.round(n * 10) / 10;
/** Median with min–max, to 0.1. */
export const spread = (values: number[]) => ({ median: round1(median(values)), min: round1(Math.min(...values)), max: round1(Math.max(...values)) });

/**
 * A warm-up and `runs` timed runs of `work` in one browser session with
 * `files` set: the milliseconds each timed run reported.
 */
export async function timedRuns(root: string, files: string[], label: string, runs: number, work: (session: BrowserSession) => Promise<{ ms: number }>): Promise<number[]> {
  const session = await openBrowserSession(root);
  try {
    await session.setFiles(files);
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      process.stderr.write(`spool: bench ${label} ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}\n`);
      const { ms } = await work(session);
      if (i > 0) times.push(ms);
    }
    return times;
  } finally {
    await session.close();
  }
}

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

/** Median with min–max of ratios, to 0.01. */
const ratioSpread = (values: number[]) => {
  const round = (n: number) => Math.round(n * 100) / 100;
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) };
};

/**
 * Spool and a yardstick taking turns on the same job: a warm-up of each, then
 * `runs` pairs, which of the two goes first alternating. A machine that speeds
 * up or slows down during the bench then moves both alike, and the ratio is
 * the median of each pair's (ours ÷ theirs). `theirs` runs in one browser
 * session with `files` set; `ours` gets the run's number (0: warm-up). Both
 * return a rate (fps).
 */
export async function pairedRuns(root: string, files: string[], label: string, runs: number, ours: (run: number) => Promise<number>, theirs: (session: BrowserSession) => Promise<number>) {
  const session = await openBrowserSession(root);
  try {
    await session.setFiles(files);
    const spool: number[] = [];
    const yardstick: number[] = [];
    for (let i = 0; i <= runs; i++) {
      process.stderr.write(`spool: bench ${label}, Spool and yardstick in turn, ${i === 0 ? 'warm-up' : `pair ${i}/${runs}`}\n`);
      let a: number;
      let b: number;
      if (i % 2 === 0) {
        a = await ours(i);
        b = await theirs(session);
      } else {
        b = await theirs(session);
        a = await ours(i);
      }
      if (i > 0) {
        spool.push(a);
        yardstick.push(b);
      }
    }
    return { spool: spread(spool), yardstick: spread(yardstick), ratio: ratioSpread(spool.map((fps, i) => fps / yardstick[i]!)) };
  } finally {
    await session.close();
  }
}

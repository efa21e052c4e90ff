import { readdirSync, readFileSync } from 'node:fs';

/** Proportional set size (or RSS where PSS is unreadable) of one process, in bytes. */
function processMemory(pid: string): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (pss) return Number(pss[1]) * 1024;
  } catch {
    // fall through to RSS
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return rss ? Number(rss[1]) * 1024 : 0;
}

/** Memory of every process descended from this one (the browser we launched), summed. Linux only: null elsewhere. */
function descendantsMemory(): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const parentOf = new Map<string, string>();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parentOf.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!);
    } catch {
      // the process ended meanwhile
    }
  }
  const self = String(process.pid);
  let total = 0;
  for (const pid of parentOf.keys()) {
    let p: string | undefined = parentOf.get(pid);
    while (p && p !== '0' && p !== '1' && p !== self) p = parentOf.get(p);
    if (p === self) {
      try {
        total += processMemory(pid);
      } catch {
        // ended meanwhile
      }
    }
  }
  return total;
}

export interface MemoryProfile {
  /** Highest sample. */
  peak: number;
  /** The first sample, taken before the work starts: the browser at rest with the app loaded. */
  idle: number;
  /** Highest sample in the first and in the last quarter of the run: equal when memory stays flat. */
  firstQuarterPeak: number;
  lastQuarterPeak: number;
}

/** Samples the launched browser's memory until stopped (Linux; null elsewhere). */
export function startMemorySampler(intervalMs = 200): { stop: () => MemoryProfile | null } {
  const first = descendantsMemory();
  const samples: number[] = first === null ? [] : [first];
  const timer = setInterval(() => {
    const now = descendantsMemory();
    if (now !== null) samples.push(now);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      if (samples.length === 0) return null;
      const quarter = Math.max(1, Math.floor(samples.length / 4));
      return {
        peak: Math.max(...samples),
        idle: samples[0]!,
        firstQuarterPeak: Math.max(...samples.slice(0, quarter)),
        lastQuarterPeak: Math.max(...samples.slice(-quarter)),
      };
    },
  };
}

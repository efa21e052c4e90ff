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

/** Each process's parent, by pid (null where /proc cannot be read: not Linux). */
function parents(): Map<string, string> | null {
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
  return parentOf;
}

/** This process's children now: a browser already open (a benchmark's yardstick) is left out of what a sampler started later counts. */
export function childProcesses(): Set<string> {
  const self = String(process.pid);
  return new Set([...(parents() ?? new Map<string, string>())].filter(([, parent]) => parent === self).map(([pid]) => pid));
}

/** Memory of every process descended from this one (the browser we launched) but not from `others`, summed. Linux only: null elsewhere. */
function descendantsMemory(others: ReadonlySet<string>): number | null {
  const parentOf = parents();
  if (!parentOf) return null;
  const self = String(process.pid);
  let total = 0;
  for (const pid of parentOf.keys()) {
    // Up to the child of this process the process descends from.
    let top = pid;
    let p: string | undefined = parentOf.get(pid);
    while (p && p !== '0' && p !== '1' && p !== self) {
      top = p;
      p = parentOf.get(p);
    }
    if (p === self && !others.has(top)) {
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

/** Samples the launched browser's memory until stopped (Linux; null elsewhere), leaving out the trees of `others` (see childProcesses). */
export function startMemorySampler(others: ReadonlySet<string> = new Set(), intervalMs = 200): { stop: () => MemoryProfile | null } {
  const first = descendantsMemory(others);
  const samples: number[] = first === null ? [] : [first];
  const timer = setInterval(() => {
    const now = descendantsMemory(others);
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

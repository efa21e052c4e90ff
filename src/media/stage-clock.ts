export const STAGES = ['demux', 'decode', 'composite', 'encode', 'mux'] as const;
export type Stage = (typeof STAGES)[number];

/** Milliseconds spent per pipeline stage. Stages overlap in time, so they need not sum to the wall time. */
export class StageClock {
  readonly ms: Record<Stage, number> = { demux: 0, decode: 0, composite: 0, encode: 0, mux: 0 };

  add(stage: Stage, ms: number): void {
    this.ms[stage] += ms;
  }

  async time<T>(stage: Stage, work: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.ms[stage] += performance.now() - start;
    }
  }

  rounded(): Record<Stage, number> {
    const out = { ...this.ms };
    for (const stage of STAGES) out[stage] = Math.round(out[stage]);
    return out;
  }
}

import { wrap, type Remote } from 'comlink';
import type { EngineApi } from './engine-api.ts';

/** Starts the engine worker and returns its typed remote API. */
export function startEngine(): { engine: Remote<EngineApi>; worker: Worker } {
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'spool-engine' });
  return { engine: wrap<EngineApi>(worker), worker };
}

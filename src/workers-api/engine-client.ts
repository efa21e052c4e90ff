import { transfer, wrap, type Remote } from 'comlink';
import type { EngineApi } from './engine-api.ts';
import { serveCompositorHost } from '../media/compositor/compositor-host.ts';

/** Starts the engine worker and returns its typed remote API. */
export function startEngine(): { engine: Remote<EngineApi>; worker: Worker } {
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'spool-engine' });
  const engine = wrap<EngineApi>(worker);
  // Before anything draws: where the worker has no WebGPU or WebGL2 (WebKitGTK), it draws with the page's WebGL2.
  const { port1, port2 } = new MessageChannel();
  serveCompositorHost(port1);
  void engine.useCompositorHost(transfer(port2, [port2]));
  return { engine, worker };
}

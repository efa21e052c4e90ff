import type { FrameLayer } from '../model/render-plan.ts';
import type { CompositeLayer } from '../media/compositor/compositor.ts';

/** A plan layer's transition look, for the compositor. */
export function look(layer: FrameLayer): Pick<CompositeLayer, 'opacity' | 'brightness' | 'reveal'> {
  return {
    ...(layer.opacity === undefined ? {} : { opacity: layer.opacity }),
    ...(layer.brightness === undefined ? {} : { brightness: layer.brightness }),
    ...(layer.reveal === undefined ? {} : { reveal: layer.reveal }),
  };
}

import { PlatformError } from '../errors.ts';

/** Adapter and device together: if the adapter is collected, Chromium tears down the GPU instance under the device. */
type Gpu = Promise<{ adapter: GPUAdapter; device: GPUDevice }>;
let gpu: Gpu | null = null;

/**
 * The one GPUDevice of this worker, created on first use. When it is lost the
 * next call makes a new one, so a lost device costs one failed frame, not the app.
 */
export async function gpuDevice(): Promise<GPUDevice> {
  if (!gpu) {
    const made: Gpu = (async () => {
      const api = (globalThis.navigator as Navigator | undefined)?.gpu;
      if (!api) throw new PlatformError('This browser has no WebGPU, which Spool needs to draw video. Use a current Chrome, Edge or Safari.');
      // A fresh adapter each time: an adapter gives out one device, so a lost device's adapter cannot make the next.
      const adapter = await api.requestAdapter();
      if (!adapter) throw new PlatformError('WebGPU is turned off or has no usable graphics adapter here, so Spool cannot draw video.');
      const device = await adapter.requestDevice({ label: 'Spool.device' });
      // Forget only this device: by the time it is reported lost, a newer one may already be cached.
      void device.lost.then(() => gpu === made && (gpu = null));
      return { adapter, device };
    })();
    gpu = made;
    made.catch(() => gpu === made && (gpu = null));
  }
  return (await gpu).device;
}

/** The format the compositor renders in (the platform's preferred canvas format, so uploads and readback need no swizzle pass). */
export function renderFormat(): GPUTextureFormat {
  return navigator.gpu.getPreferredCanvasFormat();
}

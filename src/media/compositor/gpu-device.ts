import { PlatformError } from '../errors.ts';

let devicePromise: Promise<GPUDevice> | null = null;

/**
 * The one GPUDevice of this worker, created on first use. When it is lost the
 * next call makes a new one, so a lost device costs one failed frame, not the app.
 */
export function gpuDevice(): Promise<GPUDevice> {
  devicePromise ??= (async () => {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) throw new PlatformError('This browser has no WebGPU, which Spool needs to draw video. Use a current Chrome, Edge or Safari.');
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new PlatformError('WebGPU is turned off or has no usable graphics adapter here, so Spool cannot draw video.');
    const device = await adapter.requestDevice({ label: 'Spool.device' });
    void device.lost.then(() => {
      devicePromise = null;
    });
    return device;
  })();
  devicePromise.catch(() => (devicePromise = null));
  return devicePromise;
}

export function canvasFormat(): GPUTextureFormat {
  return navigator.gpu.getPreferredCanvasFormat();
}

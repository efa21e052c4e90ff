import { existsSync } from 'node:fs';

/** Flags for headless Chromium here: no sandbox as root, no background traffic, WebGPU on SwiftShader when there is no GPU. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--autoplay-policy=no-user-gesture-required',
  '--js-flags=--expose-gc',
];

/**
 * The Chromium to drive: $SPOOL_CHROMIUM, else the system one, else undefined so
 * Playwright uses its own downloaded browser (on a developer's machine).
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.SPOOL_CHROMIUM;
  if (fromEnv) return fromEnv;
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  return undefined;
}

export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumExecutable();
  return executablePath ? { executablePath, args: chromiumArgs } : { args: chromiumArgs };
}

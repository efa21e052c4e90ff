import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium-launch.ts';
import { ensureBuiltApp } from './app-build.ts';
import { serveStatic } from './static-server.ts';
import type { BridgeResult } from '../ui/cli-bridge.ts';

export class CliError extends Error {}

/** The built app open at /?cli in headless Chromium, with `window.spool` ready. */
export interface BrowserSession {
  page: Page;
  /** Calls a bridge method in the page; a failure becomes a CliError with the engine's message. */
  call<T>(method: string, ...args: unknown[]): Promise<T>;
  setFiles(paths: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowserSession(root: string): Promise<BrowserSession> {
  const server = await serveStatic(await ensureBuiltApp(root));
  // A real (temporary) profile: in an incognito context OPFS lives in memory, and exports must stream to disk.
  const profile = await mkdtemp(join(tmpdir(), 'spool-profile-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await server.close();
    await rm(profile, { recursive: true, force: true });
  };
  try {
    try {
      context = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), headless: true, acceptDownloads: true });
    } catch (error) {
      throw new CliError(`could not start Chromium (install it, e.g. apt-get install chromium, or set SPOOL_CHROMIUM): ${(error as Error).message.split('\n')[0]}`);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => process.stderr.write(`spool: page error: ${error.message}\n`));
    await page.goto(`${server.url}/?cli`);
    await page.waitForFunction(() => window.spool !== undefined, undefined, { timeout: 30_000 });
    return {
      page,
      async call<T>(method: string, ...args: unknown[]): Promise<T> {
        const result = (await page.evaluate(
          ([name, params]) => (window.spool as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name as string]!(...(params as unknown[])),
          [method, args] as const,
        )) as BridgeResult<T>;
        if (!result.ok) throw new CliError(result.message);
        return result.value;
      },
      async setFiles(paths: string[]) {
        // Local paths: Chromium gets disk-backed Files, nothing is copied into memory.
        await page.locator('#cli-files').setInputFiles(paths);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

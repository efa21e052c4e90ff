import { chromium, type Browser, type Page } from 'playwright-core';
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
  let browser: Browser;
  try {
    browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  } catch (error) {
    await server.close();
    throw new CliError(`could not start Chromium (install it, e.g. apt-get install chromium, or set SPOOL_CHROMIUM): ${(error as Error).message.split('\n')[0]}`);
  }
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`spool: page error: ${error.message}\n`));
  await page.goto(`${server.url}/?cli`);
  await page.waitForFunction(() => window.spool !== undefined);
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
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { chromiumArgs, chromiumExecutable } from '../src/cli/chromium-launch.ts';

/**
 * Chromium driven over bare CDP, for what Playwright cannot show: Playwright
 * turns on focus emulation for every page it attaches to, which keeps a page
 * "visible" even behind another tab. Here a second tab really hides the first
 * (visibilityState "hidden", timers throttled), as when a person switches tabs.
 */
export class CdpBrowser {
  private constructor(
    private readonly process: ChildProcess,
    private readonly port: string,
    private readonly profile: string,
  ) {}

  static async launch(): Promise<CdpBrowser> {
    const executable = chromiumExecutable();
    if (!executable) throw new Error('No Chromium found (set SPOOL_CHROMIUM)');
    const profile = mkdtempSync(join(tmpdir(), 'spool-cdp-'));
    const child = spawn(executable, [...chromiumArgs, '--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let said = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
        if (found) resolve(found[1]!);
      });
      child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${said.slice(-500)}`)));
    });
    return new CdpBrowser(child, new URL(endpoint).port, profile);
  }

  /** Opens a tab in front of the others; `close` it to bring the one behind back. */
  async openTab(url: string): Promise<CdpTab> {
    const target = (await (await fetch(`http://127.0.0.1:${this.port}/json/new?${url}`, { method: 'PUT' })).json()) as { id: string; webSocketDebuggerUrl: string };
    return CdpTab.connect(target.id, target.webSocketDebuggerUrl, this.port);
  }

  /**
   * Ends Chromium and every process it started (its own process group: the
   * helpers write to the profile until they exit), then removes the profile.
   */
  async close(): Promise<void> {
    const exited = this.process.exitCode === null ? new Promise((resolve) => this.process.once('exit', resolve)) : Promise.resolve();
    try {
      process.kill(-this.process.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}

export class CdpTab {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    private readonly socket: WebSocket,
    readonly id: string,
    private readonly port: string,
  ) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    });
  }

  static async connect(id: string, url: string, port: string): Promise<CdpTab> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new CdpTab(socket, id, port);
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Runs an expression in the page (awaiting a promise) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{ result: { value: T }; exceptionDetails?: { exception?: { description?: string }; text: string } }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  }

  /** Polls an expression until it is truthy (CDP evaluation keeps working in a hidden tab). */
  async waitFor(expression: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async navigate(url: string): Promise<void> {
    await this.send('Page.enable');
    const loaded = new Promise<void>((resolve) => {
      const onMessage = (data: Buffer) => {
        if ((JSON.parse(data.toString()) as { method?: string }).method === 'Page.loadEventFired') {
          this.socket.off('message', onMessage);
          resolve();
        }
      };
      this.socket.on('message', onMessage);
    });
    await this.send('Page.navigate', { url });
    await loaded;
  }

  /** Puts files in an `<input type=file>` found by a CSS selector, as a person picking them would. */
  async setInputFiles(selector: string, files: string[]): Promise<void> {
    const { root } = await this.send<{ root: { nodeId: number } }>('DOM.getDocument');
    const { nodeId } = await this.send<{ nodeId: number }>('DOM.querySelector', { nodeId: root.nodeId, selector });
    await this.send('DOM.setFileInputFiles', { nodeId, files });
  }

  async close(): Promise<void> {
    this.socket.close();
    await fetch(`http://127.0.0.1:${this.port}/json/close/${this.id}`);
  }
}

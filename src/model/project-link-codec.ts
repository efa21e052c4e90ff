import { parseRenderJob, type RenderJob } from './render-job.ts';

/**
 * A project link carries the timeline in the URL fragment (never sent to a
 * server): `#p=<version>.<base64url of deflate-raw compressed JSON>`. The JSON
 * is the `.spool.json` project (media named, with content fingerprint, duration
 * and kind, so it relinks), validated by the same parser. Opening a link is
 * untrusted input: its length, its unpacked size and every field are bounded.
 */
export const LINK_VERSION = 1;
const PREFIX = '#p=';
/** Longer links are refused before any work (a real project is a few kB). */
export const MAX_LINK_CHARS = 100_000;
/** Unpacking stops here: a small link must not inflate into gigabytes (a "zip bomb"). */
export const MAX_RECIPE_BYTES = 1_000_000;

/** Says what is wrong with a link, in words for the person who opened it. */
export class ProjectLinkError extends Error {
  override name = 'ProjectLinkError';
}

const damaged = (reason: string) => new ProjectLinkError(`This project link is damaged: ${reason}.`);

export const isProjectLink = (hash: string): boolean => hash.startsWith(PREFIX);

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop inflating at once: the rest is never produced.
      void reader.cancel().catch(() => undefined);
      throw damaged(`it unpacks to more than ${limit.toLocaleString('en')} bytes, more than any project needs`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Bytes through a (de)compressor a kilobyte at a time, as its output is read:
 * fed whole, it would inflate everything in one step (up to ~1000× the link's
 * size) before the reader could stop it.
 */
function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  let at = 0;
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        if (at >= bytes.length) controller.close();
        else controller.enqueue(bytes.slice(at, (at += 1024)));
      },
    },
    { highWaterMark: 0 },
  );
  return source.pipeThrough(transform);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Text deflated and in base64url: the part of a link after its version. */
export async function packRecipe(text: string): Promise<string> {
  return toBase64Url(await readAll(through(new TextEncoder().encode(text), new CompressionStream('deflate-raw')), Infinity));
}

/** The fragment (with its `#`) for a project, or a ProjectLinkError when it would be too long to open. */
export async function encodeProjectLink(job: RenderJob): Promise<string> {
  const hash = `${PREFIX}${LINK_VERSION}.${await packRecipe(JSON.stringify(job))}`;
  if (hash.length > MAX_LINK_CHARS) throw new ProjectLinkError(`This project is too large for a link (${hash.length.toLocaleString('en')} characters; at most ${MAX_LINK_CHARS.toLocaleString('en')}): save it as a .spool.json file instead.`);
  return hash;
}

/** Reads a `#p=…` fragment back into a validated project, or throws a ProjectLinkError saying what is wrong. */
export async function decodeProjectLink(hash: string): Promise<RenderJob> {
  if (!isProjectLink(hash)) throw damaged('it does not start with "#p="');
  if (hash.length > MAX_LINK_CHARS) throw damaged(`it is ${hash.length.toLocaleString('en')} characters long, more than the ${MAX_LINK_CHARS.toLocaleString('en')} a project link may have`);
  const match = /^(\d{1,6})\.(.*)$/s.exec(hash.slice(PREFIX.length));
  if (!match) throw damaged('it has no format version (it should read "#p=1.…")');
  const version = Number(match[1]);
  if (version > LINK_VERSION) throw new ProjectLinkError(`This project link was made by a newer Spool (link format ${version}); update Spool to open it.`);
  if (version !== LINK_VERSION) throw damaged(`format ${version} is not one Spool ever made`);
  const data = match[2]!;
  if (!/^[\w-]+$/.test(data) || data.length % 4 === 1) throw damaged('it holds characters a project link never has (was it cut or changed?)');
  const packed = Uint8Array.from(atob(data.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  let bytes: Uint8Array;
  try {
    bytes = await readAll(through(packed, new DecompressionStream('deflate-raw')), MAX_RECIPE_BYTES);
  } catch (error) {
    if (error instanceof ProjectLinkError) throw error;
    throw damaged('its data is cut short or was not packed by Spool');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw damaged('its contents are not a project (not JSON text)');
  }
  let job: RenderJob;
  try {
    job = parseRenderJob(raw);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  // A link is opened where its files may be missing: each needs what relinking and placing it take.
  for (const key of Object.keys(job.media)) {
    if (!job.fingerprints?.[key] || !job.mediaInfo?.[key]) throw damaged(`media.${key} has no fingerprint, duration and kind to relink it by`);
  }
  return job;
}

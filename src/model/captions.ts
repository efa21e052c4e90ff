/**
 * Caption files (SubRip `.srt`, WebVTT `.vtt`) read into timed lines of text,
 * to become title clips. Untrusted text: only ever shown as text.
 */
export interface Caption {
  startUs: number;
  endUs: number;
  /** Lines joined with "\n", markup removed. */
  text: string;
}

/** A caption file that cannot be read, with where and why. */
export class CaptionError extends Error {
  override name = 'CaptionError';
}

/** At most this many: each becomes a clip, and a project holds 10,000. */
export const MAX_CAPTIONS = 5000;

/** A text file's characters: UTF-16 (either byte order) where its byte-order mark says so, as Windows tools save subtitles, else UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder().decode(bytes);
}

export const isCaptionFileName = (name: string): boolean => /\.(srt|vtt)$/i.test(name);

// 00:01:02,500 (SRT) or 00:01:02.500 / 01:02.500 (WebVTT); hours may run past two digits.
const TIME = String.raw`(?:(\d+):)?([0-5]?\d):([0-5]\d)[,.](\d{1,3})`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s.*)?$`);

function microseconds(h: string | undefined, m: string, s: string, fraction: string): number {
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1_000_000 + Number(fraction.padEnd(3, '0')) * 1000;
}

/** Markup players draw as style (<i>, <b>, <c.yellow>, <v Speaker>, {\an8}) goes; the words stay. */
function plainText(line: string): string {
  return line
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(amp|lt|gt|nbsp|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', '#39': "'" })[entity]!)
    .trim();
}

/**
 * The captions in `text`: every block with a timing line (`start --> end`),
 * its text the lines after it up to a blank line. Cue numbers and identifiers,
 * WebVTT's header, NOTE, STYLE and REGION blocks and cue settings are
 * skipped. Throws a CaptionError naming the line for a timing that ends
 * before it starts, and when no caption is found at all.
 */
export function parseCaptions(text: string): Caption[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const captions: Caption[] = [];
  for (let i = 0; i < lines.length; i++) {
    const timing = TIMING.exec(lines[i]!);
    if (!timing) continue;
    const [, h1, m1, s1, f1, h2, m2, s2, f2] = timing;
    const startUs = microseconds(h1, m1!, s1!, f1!);
    const endUs = microseconds(h2, m2!, s2!, f2!);
    if (endUs <= startUs) throw new CaptionError(`line ${i + 1}: the caption ends (${lines[i]!.split('-->')[1]!.trim()}) before it starts`);
    const words: string[] = [];
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') words.push(plainText(lines[++i]!));
    const joined = words.filter((w) => w !== '').join('\n');
    if (joined !== '') captions.push({ startUs, endUs, text: joined });
    if (captions.length > MAX_CAPTIONS) throw new CaptionError(`more than ${MAX_CAPTIONS} captions: split the file`);
  }
  if (captions.length === 0) throw new CaptionError('no captions found: Spool reads SubRip (.srt) and WebVTT (.vtt) cues such as "00:00:01,000 --> 00:00:04,000"');
  return captions.sort((a, b) => a.startUs - b.startUs);
}

/** Bytes of the ID3v2 tag at the start of `head` (0 without one): its size is four 7-bit bytes, plus a footer if flagged. */
export function id3v2Length(head: Uint8Array): number {
  if (head.length < 10 || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return 0;
  return 10 + ((head[6]! & 0x7f) << 21) + ((head[7]! & 0x7f) << 14) + ((head[8]! & 0x7f) << 7) + (head[9]! & 0x7f) + (head[5]! & 0x10 ? 10 : 0);
}

/** What an MP3 decoder itself puts before the first sample (LAME's and ffmpeg's gapless convention). */
const DECODER_DELAY = 529;

/**
 * Samples of silence an MP3 decodes to before its first real sample, from the
 * LAME extension of its Xing/Info frame (the encoder's delay, written by LAME
 * and by ffmpeg), plus the decoder's own delay: 1105 for a usual LAME file, 25
 * ms at 44.1 kHz, which players leave out and Spool must too, or every MP3
 * plays that late. 0 when the file carries no such tag (nothing to go by).
 * `head` is the start of the file, or of what follows its ID3 tag (a few kB
 * hold the first frame).
 */
export function mp3PrimingSamples(head: Uint8Array): number {
  let at = id3v2Length(head);
  while (at + 4 < head.length && !(head[at] === 0xff && (head[at + 1]! & 0xe0) === 0xe0)) at++;
  if (at + 4 >= head.length) return 0;
  const mpeg1 = ((head[at + 1]! >> 3) & 3) === 3;
  const mono = head[at + 3]! >> 6 === 3;
  const xing = at + 4 + (mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17);
  const text = (from: number, length: number) => String.fromCharCode(...head.subarray(from, from + length));
  if (xing + 8 > head.length || (text(xing, 4) !== 'Xing' && text(xing, 4) !== 'Info')) return 0;
  const flags = head[xing + 7]!;
  const lame = xing + 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
  if (lame + 24 > head.length || !/^(LAME|Lavc|Lavf)/.test(text(lame, 4))) return 0;
  // After the 9-character encoder name come 12 bytes of other facts, then delay and padding, 12 bits each.
  const encoderDelay = (head[lame + 21]! << 4) | (head[lame + 22]! >> 4);
  return encoderDelay + DECODER_DELAY;
}

/** Human names for codec strings, for messages like "This browser can't decode HEVC (H.265)". */
const NAMES: [prefix: string, name: string][] = [
  ['avc1.6e', '10-bit H.264 (High 10)'],
  ['avc1.7a', 'H.264 High 4:2:2'],
  ['avc1.f4', 'H.264 High 4:4:4'],
  ['avc1', 'H.264'],
  ['avc3', 'H.264'],
  ['hvc1', 'HEVC (H.265)'],
  ['hev1', 'HEVC (H.265)'],
  ['av01', 'AV1'],
  ['vp09', 'VP9'],
  ['vp08', 'VP8'],
  ['vp8', 'VP8'],
  ['mp4a.40', 'AAC'],
  ['mp4a.69', 'MP3'],
  ['mp4a.6b', 'MP3'],
  ['mp3', 'MP3'],
  ['mp2', 'MP2 (MPEG Layer II)'],
  ['opus', 'Opus'],
  ['Opus', 'Opus'],
  ['flac', 'FLAC'],
  ['fLaC', 'FLAC'],
  ['ac-3', 'Dolby Digital (AC-3)'],
  ['ec-3', 'Dolby Digital Plus (E-AC-3)'],
  ['alac', 'Apple Lossless'],
  // Editing and camera codecs in MOV that no browser decodes (NO_BROWSER_CODECS below).
  ...['apco', 'apcs', 'apcn', 'apch', 'ap4h', 'ap4x'].map((fourcc): [string, string] => [fourcc, 'Apple ProRes']),
  ...['AVdn', 'AVdh'].map((fourcc): [string, string] => [fourcc, 'Avid DNxHD']),
  ...['dvc ', 'dvcp', 'dvpp', 'dv5n', 'dv5p', 'dvh5', 'dvh6', 'dvhq', 'dvhp'].map((fourcc): [string, string] => [fourcc, 'DV']),
  ...['mjpa', 'mjpb'].map((fourcc): [string, string] => [fourcc, 'Motion JPEG']),
  ['mp4v', 'MPEG-4 Part 2'],
  // Video in a transport stream that mediabunny does not read (ts-program.ts).
  ['mpeg1video', 'MPEG-1'],
  ['mpeg2video', 'MPEG-2'],
  ['vc-1', 'VC-1'],
  // PCM sample entries Spool could not read (PCM it reads is named by its layout, below).
  ...['lpcm', 'sowt', 'twos', 'in24', 'in32', 'fl32', 'fl64', 'ipcm', 'fpcm', 'raw'].map((fourcc): [string, string] => [fourcc, 'PCM']),
];

/** Spool's PCM codec strings (see pcmCodec): pcm-s16le is "16-bit PCM (little-endian)". */
const PCM_CODEC = /^pcm-([suf])(\d+)(le|be)?$/;

export function codecName(codec: string): string {
  const pcm = PCM_CODEC.exec(codec);
  if (pcm) {
    const [, encoding, bits, order] = pcm;
    return `${bits}-bit ${encoding === 'f' ? 'float ' : encoding === 'u' ? 'unsigned ' : ''}PCM${order ? ` (${order === 'le' ? 'little' : 'big'}-endian)` : ''}`;
  }
  for (const [prefix, name] of NAMES) if (codec.startsWith(prefix)) return name;
  return codec;
}

/** A sound sample description Spool cannot read, named for a message: "Apple Lossless audio", or "'xyz ' audio" when unknown. */
export function soundFormatName(fourcc: string): string {
  const code = fourcc.trim();
  const name = codecName(code);
  return name === code ? `'${code}' audio` : `${name} audio`;
}

/** Codecs no browser decodes: "try another browser" would send a person on a fruitless search. */
const NO_BROWSER_CODECS = new Set(['Apple ProRes', 'Avid DNxHD', 'DV', 'Motion JPEG', 'MPEG-1', 'MPEG-2', 'VC-1']);

export function cannotDecodeMessage(kind: 'video' | 'audio', codec: string, fileName: string): string {
  const name = codecName(codec);
  if (NO_BROWSER_CODECS.has(name)) return `No browser can decode ${name} ${kind} ("${fileName}"). Convert it to H.264 video with AAC audio, then import it.`;
  const hint = name.startsWith('HEVC')
    ? ' Safari, and Chrome or Edge on macOS and Windows, can; or convert it to H.264.'
    : ' Try another browser, or convert it to H.264 video with AAC audio.';
  return `This browser can't decode ${name} ${kind} ("${fileName}").${hint}`;
}

/** Sound Spool reads in no browser (`what`: "12-bit PCM"), for a file that has nothing else. */
export function cannotReadSoundMessage(what: string, fileName: string): string {
  return `Spool can't play the sound of "${fileName}": it is ${what}. Convert it to AAC, or to 16- or 24-bit PCM.`;
}

/** Human names for codec strings, for messages like "This browser can't decode HEVC (H.265)". */
const NAMES: [prefix: string, name: string][] = [
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
  ['opus', 'Opus'],
  ['Opus', 'Opus'],
  ['flac', 'FLAC'],
  ['fLaC', 'FLAC'],
  ['ac-3', 'Dolby Digital (AC-3)'],
  ['ec-3', 'Dolby Digital Plus (E-AC-3)'],
  ['alac', 'Apple Lossless'],
  ['apcn', 'ProRes'],
  ['apch', 'ProRes'],
  ['mp4v', 'MPEG-4 Part 2'],
];

export function codecName(codec: string): string {
  for (const [prefix, name] of NAMES) if (codec.startsWith(prefix)) return name;
  return codec;
}

import { readTsPacket, type TsLayout } from './ts-packet.ts';

/** One elementary stream a transport stream's program map lists. */
export interface ProgramStream {
  pid: number;
  /** stream_type: 0x1b H.264, 0x02 MPEG-2 video, 0x0f AAC, … */
  type: number;
}

/** How far into a file to look for its tables: a broadcast recording repeats them every 0.1 s or so, wherever it starts. */
const TABLE_SEARCH_BYTES = 4 << 20;

/** The video stream types mediabunny reads: H.264 and HEVC. */
export const READ_VIDEO_TYPES = new Set([0x1b, 0x24]);

/**
 * Streams mediabunny leaves out without a word (it reads H.264, HEVC, AAC in
 * ADTS, MPEG audio, AC-3, E-AC-3 and DTS), named so the file can say why it
 * has no picture or sound. Video by its codec name (codec-names.ts), sound by what it is.
 */
export const UNREAD_VIDEO: ReadonlyMap<number, string> = new Map([
  [0x01, 'mpeg1video'],
  [0x02, 'mpeg2video'], // HDV camcorders, DVB and ATSC broadcasts
  [0x10, 'mp4v'],
  [0xea, 'vc-1'],
]);
export const UNREAD_SOUND: ReadonlyMap<number, { codec: string; what: string }> = new Map([
  [0x11, { codec: 'aac-latm', what: 'AAC in LATM' }], // DVB-T2 broadcasts
  [0x80, { codec: 'lpcm', what: 'Blu-ray LPCM' }], // AVCHD camcorders and Blu-ray
  [0x83, { codec: 'truehd', what: 'Dolby TrueHD' }],
  [0x84, { codec: 'ec-3', what: 'Dolby Digital Plus (E-AC-3) as Blu-ray stores it' }],
]);

/** The bytes of the table section starting in a packet's payload (after its pointer field). */
function section(payload: Uint8Array): { tableId: number; body: Uint8Array } {
  const s = payload.subarray(1 + (payload[0] ?? 0));
  const length = ((s[1]! & 0x0f) << 8) | s[2]!;
  // Up to the CRC, or what this packet holds of it: a program map of a few streams fits one packet.
  return { tableId: s[0]!, body: s.subarray(0, Math.min(s.length, 3 + length - 4)) };
}

/** The program map PID the association table (PID 0) names for the first program. */
function programMapPid(body: Uint8Array): number | undefined {
  for (let i = 8; i + 4 <= body.length; i += 4) {
    if (((body[i]! << 8) | body[i + 1]!) !== 0) return ((body[i + 2]! & 0x1f) << 8) | body[i + 3]!;
  }
  return undefined;
}

function streamsOf(body: Uint8Array): ProgramStream[] {
  const streams: ProgramStream[] = [];
  for (let i = 12 + (((body[10]! & 0x0f) << 8) | body[11]!); i + 5 <= body.length; i += 5 + (((body[i + 3]! & 0x0f) << 8) | body[i + 4]!)) {
    streams.push({ type: body[i]!, pid: ((body[i + 1]! & 0x1f) << 8) | body[i + 2]! });
  }
  return streams;
}

/** The elementary streams of the file's first program, from its first program map; undefined when its head has none. */
export async function programStreams(blob: Blob, layout: TsLayout): Promise<ProgramStream[] | undefined> {
  const bytes = new Uint8Array(await blob.slice(0, TABLE_SEARCH_BYTES).arrayBuffer());
  let mapPid: number | undefined;
  for (let at = layout.syncAt; at < bytes.length; at += layout.stride) {
    const packet = readTsPacket(bytes, at);
    if (!packet?.starts || (packet.pid !== 0 && packet.pid !== mapPid)) continue;
    const { tableId, body } = section(packet.payload);
    if (packet.pid === 0 && tableId === 0x00) mapPid ??= programMapPid(body);
    else if (tableId === 0x02) return streamsOf(body);
  }
  return undefined;
}

/**
 * The packets of an MPEG transport stream, for the little Spool reads of a TS
 * itself (its program map, its end) rather than through mediabunny.
 */

/**
 * A TS packet's own length; a .m2ts or camcorder's .mts puts a 4-byte timecode before each, and a DVB receiver's
 * capture may keep 16 bytes of Reed-Solomon parity after each (204 bytes in all).
 */
export const TS_PACKET_BYTES = 188;

/** Where a file's packets sit: one every `stride` bytes, the sync byte (0x47) `syncAt` bytes into each. */
export interface TsLayout {
  stride: 188 | 192 | 204;
  syncAt: 0 | 4;
}

/** How much of a file's head tsLayout needs. */
export const TS_HEAD_BYTES = 205;

/**
 * The layout a file's head shows (two packets' sync bytes), or undefined when it is not a transport stream. Tried in
 * mediabunny's order, so both read a file alike.
 */
export function tsLayout(head: Uint8Array): TsLayout | undefined {
  if (head[0] === 0x47 && head[188] === 0x47) return { stride: 188, syncAt: 0 };
  if (head[0] === 0x47 && head[204] === 0x47) return { stride: 204, syncAt: 0 };
  if (head[4] === 0x47 && head[196] === 0x47) return { stride: 192, syncAt: 4 };
  return undefined;
}

export interface TsPacket {
  pid: number;
  /** Whether a PES packet or table section starts in this packet (payload_unit_start_indicator). */
  starts: boolean;
  /** The bytes after the header and any adaptation field. */
  payload: Uint8Array;
  /** Adaptation-field bytes that are stuffing: a muxer stuffs the last packet of a PES that does not fill it. */
  stuffing: number;
}

/** The packet whose sync byte is at `at` in `bytes`; undefined when there is none there (not 0x47, or cut off). */
export function readTsPacket(bytes: Uint8Array, at: number): TsPacket | undefined {
  if (bytes[at] !== 0x47 || at + TS_PACKET_BYTES > bytes.length) return undefined;
  const pid = ((bytes[at + 1]! & 0x1f) << 8) | bytes[at + 2]!;
  const starts = (bytes[at + 1]! & 0x40) !== 0;
  const control = (bytes[at + 3]! >> 4) & 3;
  let payloadAt = at + 4;
  let stuffing = 0;
  if (control & 2) {
    const length = bytes[at + 4]!;
    payloadAt += 1 + length;
    // A field of length 0 is itself the stuffing: how a muxer fills the one byte a PES leaves in its last packet.
    stuffing = length === 0 ? 1 : length - adaptationFieldsLength(bytes, at + 5, length);
  }
  const end = at + TS_PACKET_BYTES;
  return { pid, starts, payload: control & 1 ? bytes.subarray(Math.min(payloadAt, end), end) : bytes.subarray(end, end), stuffing: Math.max(0, stuffing) };
}

/** How many bytes of an adaptation field (its flags at `at`, `length` bytes in all) carry fields rather than stuffing. */
function adaptationFieldsLength(bytes: Uint8Array, at: number, length: number): number {
  const flags = bytes[at]!;
  let used = 1 + (flags & 0x10 ? 6 : 0) + (flags & 0x08 ? 6 : 0) + (flags & 0x04 ? 1 : 0);
  if (flags & 0x02) used += 1 + (bytes[at + used] ?? 0); // transport private data
  if (flags & 0x01) used += 1 + (bytes[at + used] ?? 0); // adaptation field extension
  return Math.min(used, length);
}

/** A null packet (PID 0x1FFF, payload only, which demuxers skip) in `stride` bytes with its sync byte at `syncAt`. */
export function nullPacket({ stride, syncAt }: TsLayout): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(stride).fill(0xff);
  bytes.fill(0, 0, syncAt);
  bytes.set([0x47, 0x1f, 0xff, 0x10], syncAt);
  return bytes;
}

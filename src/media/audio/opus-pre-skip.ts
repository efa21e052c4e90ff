/** An OpusHead's pre-skip, in µs: the samples (at 48 kHz) a decoder drops from the start. */
export function opusPreSkipUs(description: AllowSharedBufferSource | undefined): number {
  if (!description) return 0;
  const bytes = ArrayBuffer.isView(description) ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength) : new Uint8Array(description);
  return bytes.length >= 12 ? (new DataView(bytes.buffer, bytes.byteOffset).getUint16(10, true) * 1e6) / 48_000 : 0;
}

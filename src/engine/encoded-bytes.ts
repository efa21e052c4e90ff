const bytesOf = (data: AllowSharedBufferSource): Uint8Array => (ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));

/** Whether two codec descriptions (or both absent) hold the same bytes: copied samples need their source's exact settings. */
export function sameBytes(a: AllowSharedBufferSource | undefined, b: AllowSharedBufferSource | undefined): boolean {
  if (!a || !b) return a === b;
  const x = bytesOf(a);
  const y = bytesOf(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

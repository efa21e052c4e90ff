/** What an OPFS sync access handle offers for writing. */
export interface SyncWriter {
  write(data: ArrayBufferView, options: { at: number }): number;
}

/**
 * Writes all of `data` at `at`. When storage is full, Chromium's sync access
 * handle writes what fits and, rather than throwing, returns a count that is
 * not the length (measured: 4294967288, an error code read as unsigned); that
 * is turned into the QuotaExceededError callers explain ("no room left…"),
 * instead of a file silently cut short.
 */
export function writeFully(access: SyncWriter, data: ArrayBufferView, at: number): void {
  const written = access.write(data, { at });
  if (written !== data.byteLength) throw new DOMException(`A write of ${data.byteLength} bytes was cut short: storage is full.`, 'QuotaExceededError');
}

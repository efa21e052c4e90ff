import type { PatchableFile } from '../media/mp4-edit-list.ts';

/** A finished file in memory that a patch can read, overwrite and grow, as the export's OPFS file. */
export function inFile(bytes: Uint8Array): PatchableFile & { bytes: Uint8Array } {
  const file = {
    bytes,
    get size() {
      return file.bytes.byteLength;
    },
    read: (position: number, length: number) => file.bytes.slice(position, position + length),
    write(data: Uint8Array, position: number) {
      const grown = new Uint8Array(Math.max(file.bytes.byteLength, position + data.byteLength));
      grown.set(file.bytes);
      grown.set(data, position);
      file.bytes = grown;
    },
  };
  return file;
}

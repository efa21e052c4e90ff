/** Hands a Blob to the browser's download machinery under `name` (the URL is revoked once the download has had time to start). */
export function downloadFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

import { vi } from 'vitest';

/**
 * Records every `AudioData.copyTo` from here on as [the data's own format, the
 * format asked for] (copies still made): WebKitGTK 2.50 kills the page on some
 * of them, which Chromium does not, so tests check which are asked for.
 * Undone by `vi.restoreAllMocks()`.
 */
export function recordAudioCopies(): [own: AudioSampleFormat | null, copied: AudioSampleFormat | undefined][] {
  const original = AudioData.prototype.copyTo;
  const copies: [AudioSampleFormat | null, AudioSampleFormat | undefined][] = [];
  vi.spyOn(AudioData.prototype, 'copyTo').mockImplementation(function (this: AudioData, destination, options) {
    copies.push([this.format, options.format]);
    original.call(this, destination, options);
  });
  return copies;
}

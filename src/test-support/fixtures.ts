import barcodeUrl from '../../e2e/fixtures/barcode-h264-aac.mp4?url';
import rotatedUrl from '../../e2e/fixtures/rotated.mp4?url';
import hevcUrl from '../../e2e/fixtures/hevc.mp4?url';

export const FIXTURES = {
  /** 640×360, 30 fps, 10 s, H.264 High with B-frames, AAC 48 kHz; barcode = frame index; beeps at k + 0.25 s. */
  barcode: barcodeUrl,
  rotated: rotatedUrl,
  hevc: hevcUrl,
} as const;

export async function fixtureFile(name: keyof typeof FIXTURES, fileName = `${name}.mp4`): Promise<File> {
  const response = await fetch(FIXTURES[name]);
  return new File([await response.blob()], fileName, { type: 'video/mp4' });
}

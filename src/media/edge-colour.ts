/**
 * The colour round a picture's edges: the median of each channel over its
 * outermost `border` pixels. A green screen fills a shot's edges, and a median
 * ignores the subject where it reaches one, so this is the colour to key out.
 */
export function edgeColour(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, border = 2): string {
  const channels: number[][] = [[], [], []];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= border && x < width - border && y >= border && y < height - border) continue;
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) channels[c]!.push(rgba[i + c]!);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1] ?? 0;
  return `#${channels.map((values) => median(values).toString(16).padStart(2, '0')).join('')}`;
}

/** `edgeColour` of an image file (a still the engine made), read at a small size: edges need no detail. */
export async function imageEdgeColour(image: Blob): Promise<string> {
  const bitmap = await createImageBitmap(image, { resizeWidth: 96, resizeHeight: 54, resizeQuality: 'low' });
  try {
    const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(bitmap, 0, 0);
    return edgeColour(context.getImageData(0, 0, bitmap.width, bitmap.height).data, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

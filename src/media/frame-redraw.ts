/**
 * A frame made again from an ImageBitmap of it, for an encoder that mangles frames made from bytes (see
 * byte-frame-fidelity). Measured in WebKitGTK 2.50: frames from an ImageBitmap encode right; frames taken from
 * one reused canvas all come out as its first picture, so no canvas is kept.
 */
export async function redrawnFrame(frame: VideoFrame): Promise<VideoFrame> {
  const bitmap = await createImageBitmap(frame);
  try {
    return new VideoFrame(bitmap, { timestamp: frame.timestamp, ...(frame.duration !== null ? { duration: frame.duration } : {}) });
  } finally {
    bitmap.close();
  }
}

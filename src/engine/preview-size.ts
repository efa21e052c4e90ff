/**
 * The size the preview composites at: the output's shape, fitted inside the
 * canvas's on-screen box in device pixels and never larger than the output.
 * Drawing a 1080p project into a 960-pixel-wide preview at full size would
 * spend four times the GPU work and readback on pixels nobody sees; export
 * always draws at the output size. Even dimensions, at least 2×2.
 */
export function previewSize(output: { width: number; height: number }, box: { width: number; height: number } | null): { width: number; height: number } {
  if (!box || box.width <= 0 || box.height <= 0) return { width: output.width, height: output.height };
  const scale = Math.min(1, box.width / output.width, box.height / output.height);
  if (scale === 1) return { width: output.width, height: output.height };
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
  return { width: even(output.width * scale), height: even(output.height * scale) };
}

/**
 * Two-finger pinch on a touch screen → zoom. Trackpad pinch already arrives as
 * Ctrl+wheel, but a touch pinch comes as touch pointers, which the page must
 * track itself (its CSS keeps the browser from zooming the page there). While
 * exactly two touch pointers are down, `onZoom` gets the ratio of the finger
 * distance to the last one it reported on. Returns a function that removes the
 * listeners.
 */
export function createPinchZoom(element: HTMLElement, onZoom: (factor: number) => void): () => void {
  /** Smaller changes than this (2 %) are finger jitter, not a pinch. */
  const JITTER = 0.02;
  const points = new Map<number, { x: number; y: number }>();
  let lastDistance = 0;

  const distance = () => {
    const [a, b] = [...points.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const onDown = (e: PointerEvent) => {
    if (e.pointerType !== 'touch') return;
    points.set(e.pointerId, { x: e.clientX, y: e.clientY });
    lastDistance = points.size === 2 ? distance() : 0;
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerType !== 'touch' || !points.has(e.pointerId)) return;
    points.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (points.size !== 2 || lastDistance <= 0) return;
    const now = distance();
    const factor = now / lastDistance;
    if (Math.abs(factor - 1) < JITTER) return;
    lastDistance = now;
    onZoom(factor);
  };
  const onUp = (e: PointerEvent) => {
    if (!points.delete(e.pointerId)) return;
    lastDistance = points.size === 2 ? distance() : 0;
  };

  // Touch pointers stay captured by what they first touched (a clip, the ruler), all inside `element`, so its events reach here.
  const listeners = [
    ['pointerdown', onDown],
    ['pointermove', onMove],
    ['pointerup', onUp],
    ['pointercancel', onUp],
  ] as const;
  for (const [type, listener] of listeners) element.addEventListener(type, listener);
  return () => {
    for (const [type, listener] of listeners) element.removeEventListener(type, listener);
    points.clear();
  };
}

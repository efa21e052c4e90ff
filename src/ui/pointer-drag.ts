/**
 * Pointer dragging: of a clip body (move) or edge (trim) on the timeline, or
 * of a picture on the preview. The caller's `onDelta` gets the total movement
 * since the press in CSS pixels and the track row under the pointer; Escape, a
 * cancelled pointer or leaving the window cancels. Listeners are removed when
 * the drag ends, however it ends.
 */
export interface DragCallbacks {
  onDelta: (dxPx: number, dyPx: number, trackId: string | undefined) => void;
  onEnd: () => void;
  onCancel: () => void;
}

export function startPointerDrag(event: PointerEvent, callbacks: DragCallbacks): void {
  const [originX, originY] = [event.clientX, event.clientY];
  const target = event.currentTarget as HTMLElement;
  target.setPointerCapture?.(event.pointerId);
  const trackUnder = (e: PointerEvent) =>
    (document.elementsFromPoint(e.clientX, e.clientY).find((el) => el instanceof HTMLElement && el.dataset.trackId) as HTMLElement | undefined)?.dataset.trackId;
  const pointer = event.pointerId;
  const onMove = (e: PointerEvent) => {
    // Only the finger (or mouse) that started the drag moves the clip; a second finger down means a pinch: put the clip back.
    if (e.pointerId !== pointer) return e.pointerType === 'touch' ? finish(callbacks.onCancel) : undefined;
    // The release happened where we could not see it (outside the window, a context menu): end here.
    if (e.buttons === 0) return finish(callbacks.onEnd);
    callbacks.onDelta(e.clientX - originX, e.clientY - originY, trackUnder(e));
  };
  const finish = (end: () => void) => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onAbort);
    window.removeEventListener('blur', onAbort);
    window.removeEventListener('keydown', onKey, true);
    end();
  };
  const onUp = (e: PointerEvent) => e.pointerId === pointer && finish(callbacks.onEnd);
  const onAbort = (e: Event) => (!(e instanceof PointerEvent) || e.pointerId === pointer) && finish(callbacks.onCancel);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    finish(callbacks.onCancel);
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onAbort);
  window.addEventListener('blur', onAbort);
  window.addEventListener('keydown', onKey, true);
}

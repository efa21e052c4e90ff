import { onCleanup } from 'solid-js';

/**
 * For an element that can go while it holds focus (a dismissed banner, a
 * deleted row): once it has gone, focus moves to `nextFocus(lost)` (`lost` is
 * the element inside it that had focus) instead of falling back to <body>,
 * which sends a keyboard or screen reader user back to the top of the page.
 * Called where the element is made: its owner's cleanup runs as it goes.
 */
export function keepFocusWhenRemoved(element: () => HTMLElement | undefined, nextFocus: (lost: Element) => HTMLElement | null | undefined): void {
  onCleanup(() => {
    const lost = document.activeElement;
    if (!lost || !element()?.contains(lost)) return;
    // After the DOM update; only if nothing else has taken focus meanwhile.
    queueMicrotask(() => {
      if (document.activeElement === null || document.activeElement === document.body) nextFocus(lost)?.focus();
    });
  });
}

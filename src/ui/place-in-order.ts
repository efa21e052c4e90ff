/** A parent that can move a child without taking it out of the document first (`moveBefore`, where the browser has it). */
type MovingParent = Element & { moveBefore?: (node: Node, child: Node | null) => void };

/**
 * Makes `elements` the container's first children, in that order (children not among them end up after, until the
 * container they now belong to takes them). An element already in the document is moved with `moveBefore`, which
 * keeps focus on it: taken out and put back, it would lose focus, and focus given to it again is read out whole by a
 * screen reader. Where there is no `moveBefore`, focus is given back.
 */
export function placeInOrder(container: MovingParent, elements: readonly HTMLElement[]): void {
  elements.forEach((element, index) => {
    const at = container.children[index] ?? null;
    if (at === element) return;
    if (container.moveBefore && element.isConnected && container.isConnected) {
      container.moveBefore(element, at);
      return;
    }
    const focused = document.activeElement === element;
    container.insertBefore(element, at);
    if (focused) element.focus();
  });
}

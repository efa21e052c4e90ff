import { keepFocusWhenRemoved } from './keep-focus-when-removed.ts';

/**
 * Puts a clip's sound on an audio track of its own, to cut, move and fade apart from its picture. Pressed, it goes (the
 * sound is detached): focus then goes to `focusWhenGone`, not to the page.
 */
export function DetachSoundButton(props: { onDetach: () => void; focusWhenGone: () => HTMLElement | null | undefined }) {
  let button!: HTMLButtonElement;
  keepFocusWhenRemoved(() => button, props.focusWhenGone);
  return (
    <button ref={button} type="button" data-testid="detach-sound" title="Puts the sound on an audio track as a clip of its own; the picture's clip goes silent" onClick={() => props.onDetach()}>
      Detach sound
    </button>
  );
}

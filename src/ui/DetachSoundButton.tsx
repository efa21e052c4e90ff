/** Puts a clip's sound on an audio track of its own, to cut, move and fade apart from its picture. */
export function DetachSoundButton(props: { onDetach: () => void }) {
  return (
    <button type="button" data-testid="detach-sound" title="Puts the sound on an audio track as a clip of its own; the picture's clip goes silent" onClick={() => props.onDetach()}>
      Detach sound
    </button>
  );
}

/** A copied clip whose picture settings can be pasted, and how. */
export interface PictureSource {
  /** Its media's name, as the bin shows it. */
  name: string;
  paste: () => void;
}

/** "Paste attributes" for pictures: the copied clip's placement, crop, colour, key, fades and motion onto the clip(s) shown. */
export function PastePictureButton(props: { from: PictureSource }) {
  return (
    <button type="button" data-testid="paste-picture" title="Shift+Ctrl/⌘+V" onClick={() => props.from.paste()}>
      Paste picture settings of {props.from.name}
    </button>
  );
}

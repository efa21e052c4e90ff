import { createEffect, createSignal, onCleanup } from 'solid-js';

/** Shows an image Blob through an object URL that is revoked when the blob changes or the view goes. */
export function ThumbnailImage(props: { blob: Blob }) {
  const [url, setUrl] = createSignal<string>();
  createEffect(() => {
    const next = URL.createObjectURL(props.blob);
    setUrl(next);
    onCleanup(() => URL.revokeObjectURL(next));
  });
  return <img class="thumb" src={url()} alt="" data-testid="thumbnail" />;
}

import { Show } from 'solid-js';
import { LOUDNESS_TARGET_LUFS } from '../editor/commands.ts';

/**
 * A clip's loudness as it plays, and the button that sets its volume to play
 * at the target. `lufs` is its loudness at volume 1: undefined while analysis
 * measures it, -Infinity for silence.
 */
export function LoudnessControl(props: { lufs: number | undefined; volume: number; onNormalize: () => void }) {
  const text = () => {
    const lufs = props.lufs;
    if (lufs === undefined) return 'Loudness: measuring…';
    if (lufs === -Infinity) return 'Loudness: silent';
    if (props.volume === 0) return 'Loudness: muted (volume 0)';
    return `Loudness: ${formatLufs(lufs + 20 * Math.log10(props.volume))}`;
  };
  return (
    <div class="trim-row loudness-row">
      <span class="hint" data-testid="clip-loudness">
        {text()}
      </span>
      <Show when={props.lufs !== undefined && Number.isFinite(props.lufs) && props.volume > 0}>
        <NormalizeButton onNormalize={props.onNormalize} />
      </Show>
    </div>
  );
}

/** The same action for one clip or many: each clip's volume set on its own loudness. */
export function NormalizeButton(props: { onNormalize: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      data-testid="normalize-loudness"
      disabled={props.disabled}
      title={`Sets the volume so the sound plays at ${formatLufs(LOUDNESS_TARGET_LUFS)}, as YouTube and Spotify play it (+6 dB at most)`}
      onClick={() => props.onNormalize()}
    >
      Normalize loudness
    </button>
  );
}

/** "−14.0 LUFS", with a true minus sign. */
export const formatLufs = (lufs: number): string => `${lufs.toFixed(1).replace('-', '−')} LUFS`;

import type { ExportPaths, ExportStats } from '../engine/export-types.ts';
import { createEffect, For, Match, Show, Switch } from 'solid-js';
import type { AudioCodecChoice, ContainerChoice, OutputSettings, VideoCodecChoice } from '../model/project.ts';
import {
  CONTAINER_NAMES,
  CONTAINER_VIDEO_CODECS,
  estimatedExportBytes,
  outputFormat,
  presetSize,
  qualityBitrate,
  SIZE_PRESET_NAMES,
  VIDEO_CODEC_NAMES,
  type QualityPreset,
  type SizePreset,
} from '../model/output-format.ts';
import { sizeText } from './size-text.ts';
import type { ExportState } from './create-export.ts';
import { formatTimecode, timeLeftLabel } from '../model/time.ts';
import type { LoopRange } from './loop-range.ts';
import { ExportShareActions } from './ExportShareActions.tsx';

type Encodable = { codec: VideoCodecChoice; hardware: boolean };

/** What a finished export did, in a line: frames copied, or drawn and encoded (how many straight from the decoder), or sound only. */
/** How the sound was written, for the export details. */
function soundPathLabel(stats: ExportStats): string {
  if (stats.soundPath === 'copy') return 'copied as it was (lossless)';
  if (stats.soundPath === 'encode') return `mixed and encoded${stats.soundCopyRefused ? ` (not copied: ${stats.soundCopyRefused})` : ''}`;
  return 'none';
}

/** A bitrate as people read it: Mbit/s, or kbit/s below one. */
const bitrateLabel = (bps: number) => (bps >= 1e6 ? `${(bps / 1e6).toFixed(1)} Mbit/s` : `${Math.round(bps / 1e3)} kbit/s`);

function doneSummary(stats: ExportStats): string {
  const seconds = `${(stats.wallMs / 1000).toFixed(1)} s`;
  if (!stats.videoCodec) return `Sound in ${seconds}`;
  if (stats.path === 'copy') return `${stats.frames} frames copied in ${seconds} (${stats.fps} fps)`;
  return `${stats.frames} frames in ${seconds} (${stats.fps} fps, ${stats.directFrames} straight from the decoder)`;
}

/**
 * For the control that takes the place of the one just used (Export → Cancel →
 * Download): focus moves to it if it was left on nothing, so a keyboard user
 * is not sent back to the top of the page.
 */
function keepFocus(element: HTMLElement): void {
  queueMicrotask(() => {
    if (document.activeElement === document.body || document.activeElement === null) element.focus();
  });
}

/** Format and codec (only what this browser can encode), export button, progress with Cancel, then the download (and link, share) and what was used. */
export function ExportPanel(props: {
  state: ExportState;
  canExport: boolean;
  /** Some clip on a shown video track has a picture; without one, a video export is the background colour throughout. */
  hasPicture: boolean;
  /** Names of media the timeline uses that are not in this browser: nothing can be exported until they are relinked. */
  missing: string[];
  output: OutputSettings;
  /** The length of what is exported, for the size estimate. */
  durationUs: number;
  /** The range I and O mark, which can be exported alone; null when none is marked. */
  markedRange: LoopRange | null;
  exportsMarkedRange: boolean;
  onExportsMarkedRange: (marked: boolean) => void;
  codecs: Encodable[];
  canEncodeAac: boolean;
  paths: ExportPaths | null;
  /** Snapping cuts to keyframes would let the video be copied. */
  canSnap: boolean;
  onSnapToKeyframes: () => void;
  onFormat: (change: Partial<Pick<OutputSettings, 'container' | 'videoCodec' | 'audioCodec' | 'width' | 'height' | 'videoBitrate'>>) => void;
  onExport: () => void;
  onCancel: () => void;
  /** Whether local export links work here (the service worker controls the page). */
  linkable: boolean;
  onError: (message: string) => void;
}) {
  const running = () => (props.state.status === 'running' ? props.state : null);
  const done = () => (props.state.status === 'done' ? props.state : null);
  const failed = () => (props.state.status === 'failed' ? props.state : null);
  const format = () => outputFormat(props.output);
  /** Which quality the bitrate is (the project file may carry any bitrate: then it is shown as it is). */
  const quality = (): QualityPreset | 'custom' => {
    const { videoBitrate, width, height, fps } = props.output;
    if (videoBitrate === undefined) return 'standard';
    return (['high', 'small'] as const).find((q) => qualityBitrate(q, width, height, fps) === videoBitrate) ?? 'custom';
  };
  /** The sound this export will carry, said before it runs. */
  const soundNote = () => {
    const { container, audio } = format();
    const sound = props.paths?.sound;
    if (sound?.path === 'none') return container === 'm4a' ? 'No sound to export: no clip that is heard has any (is a track muted?)' : 'No sound';
    if (sound?.path === 'copy') return 'AAC sound copied as it is (lossless)';
    const why = sound?.reason ? ` — not copied: ${sound.reason}` : '';
    if (container === 'webm' || audio === 'opus') return 'Opus sound';
    if (props.canEncodeAac) return `AAC sound${why}`;
    return audio === 'aac' ? 'AAC sound is not available in this browser' : `Opus sound (this browser has no AAC encoder)${why}`;
  };
  /** The container's codecs this browser encodes, in the container's order of preference. */
  const offered = (container: ContainerChoice): Encodable[] =>
    container === 'm4a' ? [] : CONTAINER_VIDEO_CODECS[container].flatMap((codec) => props.codecs.filter((c) => c.codec === codec));
  const pickContainer = (container: ContainerChoice) => {
    const codecs = offered(container);
    // A codec chosen on purpose (not a format's usual one) stays if the new format carries it and the browser
    // encodes it; else the new format's usual one: MP4 → WebM → MP4 comes back to H.264, AV1 stays AV1.
    const current = props.output.videoCodec;
    const chosen = !(['mp4', 'webm'] as const).some((c) => offered(c)[0]?.codec === current);
    const keep = chosen && codecs.some((c) => c.codec === current);
    props.onFormat({ container, ...(keep || !codecs[0] ? {} : { videoCodec: codecs[0].codec }) });
  };
  /** The codec menu's options: what this browser encodes, plus the project's codec flagged if it cannot be encoded here (at this size). */
  const codecOptions = () => {
    const codecs = offered(format().container);
    const current = format().video;
    return current && !codecs.some((c) => c.codec === current) ? [{ codec: current, hardware: false, unavailable: true }, ...codecs] : codecs;
  };
  const estimate = () => estimatedExportBytes(props.output, props.durationUs, format().video ? (props.paths?.video?.path ?? 'reencode') : null, props.paths?.sound.path !== 'none');
  /** The chosen codec is one this browser cannot encode at the output's size (once the browser has said what it can). */
  const codecRefused = () => props.codecs.length > 0 && codecOptions().some((c) => c.codec === format().video && 'unavailable' in c);
  // A select keeps its value across re-rendered options only if told again: the menus must show what will be exported.
  let codecSelect: HTMLSelectElement | undefined;
  let soundSelect: HTMLSelectElement | undefined;
  createEffect(() => {
    const [video, sound] = [format().video, props.output.audioCodec];
    void codecOptions();
    void props.canEncodeAac;
    if (codecSelect && video) codecSelect.value = video;
    if (soundSelect) soundSelect.value = sound;
  });
  return (
    <section class="panel" aria-label="Export">
      <h2 class="panel-title">Export</h2>
      <div class="trim-row">
        <label class="field">
          <span>Format</span>
          <select data-testid="export-container" value={format().container} onChange={(e) => pickContainer(e.currentTarget.value as ContainerChoice)}>
            <For each={['mp4', 'webm', 'm4a'] as const}>{(container) => <option value={container}>{CONTAINER_NAMES[container]}</option>}</For>
          </select>
        </label>
        <Show when={format().video}>
          <label class="field">
            <span>Video</span>
            <select ref={codecSelect} data-testid="export-video-codec" value={format().video!} onChange={(e) => props.onFormat({ videoCodec: e.currentTarget.value as VideoCodecChoice })}>
              <For each={codecOptions()}>
                {(c) => (
                  <option value={c.codec} disabled={'unavailable' in c}>
                    {VIDEO_CODEC_NAMES[c.codec]}
                    {'unavailable' in c ? ' (this browser cannot encode it at this size)' : c.hardware ? ' (hardware)' : ''}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <Show when={format().container !== 'webm'}>
          <label class="field">
            <span>Sound</span>
            {/* AAC is offered where this browser encodes it; Automatic also copies a source's AAC where nothing changes the sound. */}
            <select ref={soundSelect} data-testid="export-audio-codec" value={props.output.audioCodec} onChange={(e) => props.onFormat({ audioCodec: e.currentTarget.value as AudioCodecChoice })}>
              <option value="auto">Automatic</option>
              <Show when={props.canEncodeAac || props.output.audioCodec === 'aac'}>
                <option value="aac">AAC</option>
              </Show>
              <option value="opus">Opus</option>
            </select>
          </label>
        </Show>
      </div>
      <Show when={props.markedRange}>
        {(range) => (
          <label class="field">
            <span>Range</span>
            <select data-testid="export-range" value={props.exportsMarkedRange ? 'marked' : 'all'} onChange={(e) => props.onExportsMarkedRange(e.currentTarget.value === 'marked')}>
              <option value="all">Whole timeline</option>
              <option value="marked">{`Marked range (I–O), ${formatTimecode(range().startUs)}–${formatTimecode(range().endUs)}`}</option>
            </select>
          </label>
        )}
      </Show>
      <Show when={format().video}>
        <div class="trim-row">
          <label class="field">
            <span>Size</span>
            <select
              data-testid="export-size"
              value=""
              onChange={(e) => {
                const preset = e.currentTarget.value as SizePreset;
                const size = presetSize(preset, props.output.width, props.output.height);
                props.onFormat({ ...size, ...(preset === 'small' ? { videoBitrate: qualityBitrate('small', size.width, size.height, props.output.fps) } : {}) });
                e.currentTarget.value = '';
              }}
            >
              <option value="">{`${props.output.width}×${props.output.height}`}</option>
              <For each={Object.keys(SIZE_PRESET_NAMES) as SizePreset[]}>{(preset) => <option value={preset}>{SIZE_PRESET_NAMES[preset]}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>Quality</span>
            <select
              data-testid="export-quality"
              value={quality()}
              onChange={(e) => {
                const chosen = e.currentTarget.value as QualityPreset;
                props.onFormat({ videoBitrate: chosen === 'standard' ? 0 : qualityBitrate(chosen, props.output.width, props.output.height, props.output.fps) });
              }}
            >
              <option value="high">High</option>
              <option value="standard">Standard</option>
              <option value="small">Small file</option>
              <Show when={quality() === 'custom'}>
                <option value="custom">{bitrateLabel(props.output.videoBitrate ?? 0)}</option>
              </Show>
            </select>
          </label>
        </div>
      </Show>
      <p class="hint">
        {format().video ? `${props.output.width}×${props.output.height} · ${Math.round(props.output.fps * 100) / 100} fps` : 'Sound only'}
        {' · '}
        <span data-testid="export-sound">{soundNote()}</span>
        <Show when={props.canExport && estimate()}>{(bytes) => <span data-testid="export-estimate">{` · about ${sizeText(bytes())}`}</span>}</Show>
      </p>
      <Show when={codecRefused()}>
        <p class="hint" data-testid="export-codec-refused">
          This browser cannot encode {VIDEO_CODEC_NAMES[format().video!]} at {props.output.width}×{props.output.height}: pick another codec or a smaller size.
        </p>
      </Show>
      <Show when={props.missing.length > 0}>
        <p class="hint" data-testid="export-missing">
          To export, relink the missing media ({props.missing.map((name) => `"${name}"`).join(', ')}) with Relink… under Missing media.
        </p>
      </Show>
      <Show when={props.missing.length === 0 && format().video && props.canExport && !props.hasPicture}>
        <p class="hint" data-testid="export-no-picture">
          Nothing on the timeline has a picture: the video is the background colour throughout. For sound alone, export M4A.
        </p>
      </Show>
      <Show when={props.missing.length === 0 && format().video && props.hasPicture && props.paths?.video}>
        {(video) => (
          <p class="hint" data-testid="export-video-path" data-path={video().path}>
            {video().path === 'copy' ? 'Video copied as it is: lossless, and as fast as the disk.' : `Video re-encoded${video().reason ? ` (not copied: ${video().reason})` : ''}.`}{' '}
            <Show when={video().path === 'reencode' && props.canSnap}>
              <button type="button" data-testid="snap-keyframes" onClick={() => props.onSnapToKeyframes()}>
                Snap cuts to keyframes
              </button>
            </Show>
          </p>
        )}
      </Show>
      <Switch>
        <Match when={running()}>
          {(state) => (
            <div class="export-progress">
              <progress max="100" value={state().progress?.percent ?? 0} data-testid="export-progress" aria-label="Export progress" />
              <span data-testid="export-percent">
                {state().progress?.stage === 'finishing'
                  ? 'Finishing the file…'
                  : `${Math.floor(state().progress?.percent ?? 0)}% · ${state().progress?.stage === 'sound' ? 'sound' : `${(state().progress?.fps ?? 0).toFixed(1)} fps`} · ${timeLeftLabel(state().progress?.secondsLeft ?? null)}`}
              </span>
              <button type="button" ref={keepFocus} onClick={props.onCancel} data-testid="export-cancel">
                Cancel
              </button>
            </div>
          )}
        </Match>
        <Match when={!running()}>
          <button type="button" class="primary" disabled={!props.canExport || props.missing.length > 0 || codecRefused() || (format().container === 'm4a' && props.paths?.sound.path === 'none')} onClick={props.onExport} data-testid="export-button">
            Export {format().extension.toUpperCase()}
          </button>
        </Match>
      </Switch>
      <Switch>
        <Match when={done()}>
          {(state) => (
            <div class="export-done" role="status" data-testid="export-done" data-fps={state().stats.fps}>
              <div class="export-actions">
                <a class="button primary" ref={keepFocus} href={state().url} download={state().fileName} data-testid="download">
                  Download {state().fileName}
                </a>
                <Show when={state().record}>{(record) => <ExportShareActions record={record()} linkable={props.linkable} onError={props.onError} />}</Show>
              </div>
              <p class="hint">
                {doneSummary(state().stats)} ·{' '}
                {(state().stats.outputBytes / 1e6).toFixed(1)} MB · video {state().stats.videoCodec ?? 'none'} · audio{' '}
                {state().stats.audioCodec === null ? 'none' : state().stats.audioCodec === 'opus' ? 'Opus' : 'AAC'}
              </p>
              <details class="export-details" data-testid="export-details">
                <summary>Export details</summary>
                <dl>
                  <For each={Object.entries(state().stats.stages)}>
                    {([stage, ms]) => (
                      <>
                        <dt>{stage}</dt>
                        <dd>{(ms / 1000).toFixed(2)} s</dd>
                      </>
                    )}
                  </For>
                  <dt>frames without compositing</dt>
                  <dd>{state().stats.directFrames}</dd>
                  <dt>deepest queues</dt>
                  <dd>{`decode ${state().stats.queuePeaks.decode}, video encode ${state().stats.queuePeaks.videoEncode}, audio encode ${state().stats.queuePeaks.audioEncode}`}</dd>
                  <dt>compositor</dt>
                  <dd>{state().stats.renderer ?? 'none (nothing drawn)'}</dd>
                  <dt>video encoder</dt>
                  <dd>{!state().stats.videoCodec ? 'none (sound only)' : state().stats.path === 'copy' ? 'none (video copied)' : state().stats.hardwareAcceleration === 'prefer-hardware' ? 'hardware' : 'software'}</dd>
                  <dt>sound</dt>
                  <dd data-testid="export-sound-path">{soundPathLabel(state().stats)}</dd>
                </dl>
              </details>
            </div>
          )}
        </Match>
        <Match when={failed()}>
          {(state) => (
            <p class="error-text" role="alert" data-testid="export-error">
              {state().message}
            </p>
          )}
        </Match>
      </Switch>
    </section>
  );
}

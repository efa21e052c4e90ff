import type { Clip, Project, Track, Transition } from './project.ts';
import { clipEndUs, clipSpeed, sourceAtUs, timelineDurationUs } from './project.ts';
import { frameCountFor, frameTimeUs } from './time.ts';

/** One picture to draw at an instant: which clip, which moment of its asset, and how (transitions). */
export interface FrameLayer {
  clip: Clip;
  sourceUs: number;
  /** Transition look: opacity over the layers below, dimming (dip to black), reveal (wipe), a shift across in output widths (push), a scale factor (zoom). */
  opacity?: number;
  dim?: number;
  reveal?: number;
  shiftX?: number;
  zoom?: number;
}

/** Visible video tracks from the bottom up: the order layers are drawn in. */
function visibleVideoTracks(project: Project): Track[] {
  return project.tracks.filter((track) => track.kind === 'video' && !track.hidden).reverse();
}

const covers = (clip: Clip, tUs: number) => tUs >= clip.startUs && tUs < clipEndUs(clip);

/** A transition whose clips still meet, with its window [startUs, endUs) centred on the cut. */
export interface ActiveTransition {
  transition: Transition;
  from: Clip;
  to: Clip;
  startUs: number;
  endUs: number;
}

/** Per project object: the export asks for every frame, and a project never changes in place. */
const transitionsCache = new WeakMap<Project, ActiveTransition[]>();

export function activeTransitions(project: Project): ActiveTransition[] {
  const cached = transitionsCache.get(project);
  if (cached) return cached;
  const active: ActiveTransition[] = [];
  for (const transition of project.transitions) {
    const from = project.clips.find((c) => c.id === transition.fromClipId);
    const to = project.clips.find((c) => c.id === transition.toClipId);
    if (!from || !to || from.trackId !== to.trackId || clipEndUs(from) !== to.startUs) continue;
    // One per cut: a second into the same clip (left from before an edit) would draw over the first.
    if (active.some((a) => a.to === to)) continue;
    // Never longer than either clip: each side gives at most half of itself.
    const half = Math.floor(Math.min(transition.durationUs, clipEndUs(from) - from.startUs, clipEndUs(to) - to.startUs) / 2);
    if (half > 0) active.push({ transition, from, to, startUs: to.startUs - half, endUs: to.startUs + half });
  }
  transitionsCache.set(project, active);
  return active;
}

/**
 * Source time a clip shows at timeline time `tUs`. Inside a transition a clip
 * runs past its own edges: into the media beyond its out point (or holding its
 * last frame when there is none), and before its in point (or holding the first).
 */
export function clipSourceUs(project: Project, clip: Clip, tUs: number): number {
  const durationUs = project.assets.find((a) => a.id === clip.assetId)?.durationUs ?? clip.outUs;
  return Math.min(Math.max(0, sourceAtUs(clip, tUs)), Math.max(clip.outUs, durationUs) - 1);
}

/** Layers that show what is below them (titles, see-through clips) must fade out themselves rather than be covered. */
function seeThrough(project: Project, clip: Clip): boolean {
  return (clip.picture?.opacity ?? 1) < 1 || !!project.assets.find((a) => a.id === clip.assetId)?.text;
}

function transitionLayers(project: Project, active: ActiveTransition, tUs: number): FrameLayer[] {
  const progress = (tUs - active.startUs) / (active.endUs - active.startUs);
  const from = { clip: active.from, sourceUs: clipSourceUs(project, active.from, tUs) };
  const to = { clip: active.to, sourceUs: clipSourceUs(project, active.to, tUs) };
  const fromSeeThrough = seeThrough(project, active.from);
  switch (active.transition.kind) {
    case 'crossfade':
      return [fromSeeThrough ? { ...from, opacity: 1 - progress } : from, { ...to, opacity: progress }];
    case 'dip': {
      // Opaque pictures dip through black; see-through ones fade out and in instead (black letters would be wrong).
      const out = 1 - 2 * progress;
      const back = 2 * progress - 1;
      if (progress < 0.5) return [fromSeeThrough ? { ...from, opacity: out } : { ...from, dim: out }];
      return [seeThrough(project, active.to) ? { ...to, opacity: back } : { ...to, dim: back }];
    }
    case 'wipe':
      return [from, { ...to, reveal: progress }];
    case 'push':
      // The second picture pushes the first out to the left.
      return [{ ...from, shiftX: -progress }, { ...to, shiftX: 1 - progress }];
    case 'zoom':
      // The first grows as the second, shrinking from half as large again to its size, fades in over it.
      return [fromSeeThrough ? { ...from, zoom: 1 + progress / 2, opacity: 1 - progress } : { ...from, zoom: 1 + progress / 2 }, { ...to, zoom: 1.5 - progress / 2, opacity: progress }];
  }
}

/** The layers visible at timeline time `tUs`, bottom first (empty: draw background). */
export function resolveFrame(project: Project, tUs: number): FrameLayer[] {
  const layers: FrameLayer[] = [];
  const transitions = activeTransitions(project);
  for (const track of visibleVideoTracks(project)) {
    const inTransition = transitions.find((a) => a.from.trackId === track.id && tUs >= a.startUs && tUs < a.endUs);
    if (inTransition) {
      layers.push(...transitionLayers(project, inTransition, tUs).map((layer) => faded(layer, tUs)));
      continue;
    }
    for (const clip of project.clips) {
      if (clip.trackId === track.id && covers(clip, tUs)) layers.push(faded({ clip, sourceUs: sourceAtUs(clip, tUs) }, tUs));
    }
  }
  return layers;
}

/** A layer with its clip's picture fades applied: opacity rising over the fade-in, falling over the fade-out (on top of any transition's). */
function faded(layer: FrameLayer, tUs: number): FrameLayer {
  const fadeInUs = layer.clip.picture?.fadeInUs ?? 0;
  const fadeOutUs = layer.clip.picture?.fadeOutUs ?? 0;
  if (fadeInUs <= 0 && fadeOutUs <= 0) return layer;
  const sinceStart = tUs - layer.clip.startUs;
  const untilEnd = clipEndUs(layer.clip) - tUs;
  const level = Math.max(0, Math.min(1, fadeInUs > 0 ? sinceStart / fadeInUs : 1, fadeOutUs > 0 ? untilEnd / fadeOutUs : 1));
  return level < 1 ? { ...layer, opacity: (layer.opacity ?? 1) * level } : layer;
}

export function totalFrames(project: Project): number {
  return frameCountFor(timelineDurationUs(project), project.output.fps);
}

/** The output frames [firstFrame, endFrame) during which a clip is on screen: a frame shows a clip if it starts within it. */
export interface ClipSpan {
  clip: Clip;
  firstFrame: number;
  endFrame: number;
}

/**
 * Every visible video clip's span of output frames, in order of first frame;
 * decoders open and close on these. Transitions widen the spans of the clips
 * they join, since each shows beyond its own edge for half the transition.
 */
export function planVideoSpans(project: Project): ClipSpan[] {
  const { fps } = project.output;
  const visible = new Set(visibleVideoTracks(project).map((t) => t.id));
  const reach = new Map<string, { startUs: number; endUs: number }>();
  for (const clip of project.clips) reach.set(clip.id, { startUs: clip.startUs, endUs: clipEndUs(clip) });
  for (const active of activeTransitions(project)) {
    reach.get(active.from.id)!.endUs = Math.max(reach.get(active.from.id)!.endUs, active.endUs);
    reach.get(active.to.id)!.startUs = Math.min(reach.get(active.to.id)!.startUs, active.startUs);
  }
  return project.clips
    .filter((clip) => visible.has(clip.trackId))
    .map((clip) => ({ clip, firstFrame: frameCountFor(reach.get(clip.id)!.startUs, fps), endFrame: frameCountFor(reach.get(clip.id)!.endUs, fps) }))
    .filter((span) => span.endFrame > span.firstFrame)
    .sort((a, b) => a.firstFrame - b.firstFrame);
}

/** Source time shown by `clip` at output frame `frame`. */
export function sourceUsAtFrame(project: Project, clip: Clip, frame: number): number {
  return clipSourceUs(project, clip, frameTimeUs(frame, project.output.fps));
}

/** A clip's sound over output samples [startSample, endSample), and how loud it is where (`spanGain`). */
export interface AudioSpan {
  /** The clip, widened where a crossfade or wipe lets its sound run on past its edges, so the sound is read from there. */
  clip: Clip;
  startSample: number;
  endSample: number;
  shape: GainShape;
}

/** Volume, the clip's own fades (over its own extent, in samples) and a transition's ramps (absolute samples), for `spanGain`. */
export interface GainShape {
  volume: number;
  clipStart: number;
  clipEnd: number;
  fadeIn: number;
  fadeOut: number;
  /** Rising from silence over [start, end): the sound of a transition's second clip. */
  rampIn: readonly [number, number] | null;
  /** Falling to silence over [start, end): the sound of a transition's first clip. */
  rampOut: readonly [number, number] | null;
  /** Where a clip on another track lowers this one (ducking), [start, end) in samples, each eased in and out over `duckRamp` samples. */
  ducks: readonly (readonly [number, number])[];
  duckRamp: number;
}

/** How far ducking lowers the sound under a clip that asks for it: −12 dB. */
export const DUCK_GAIN = 0.25;
/** Ducking eases down before the clip starts and back up after it ends over this long, so no step is heard. */
const DUCK_RAMP_US = 250_000;

/** Tracks whose sound is heard: not muted, and soloed if any track is. */
function audibleTracks(project: Project): Set<string> {
  const soloing = project.tracks.some((track) => track.solo);
  return new Set(project.tracks.filter((track) => !track.muted && (!soloing || track.solo)).map((track) => track.id));
}

/** Clips whose sound is heard: on a track that is not muted (and is soloed, if any track is). */
export function audibleClips(project: Project): Clip[] {
  const audible = audibleTracks(project);
  return project.clips.filter((clip) => audible.has(clip.trackId));
}

/** `clip` reaching `leadUs` before its start and `tailUs` past its end, into its media (or silence where there is none). */
function widened(clip: Clip, leadUs: number, tailUs: number): Clip {
  if (leadUs === 0 && tailUs === 0) return clip;
  const speed = clipSpeed(clip);
  return { ...clip, startUs: clip.startUs - leadUs, inUs: clip.inUs - Math.round(leadUs * speed), outUs: clip.outUs + Math.round(tailUs * speed) };
}

/**
 * Every audible clip's span in output samples. Boundaries are rounded from
 * timeline microseconds once, so clips that meet on the timeline meet to the
 * sample: no gap, no overlap, no drift, however many clips. The sound follows
 * the picture's transitions: a crossfade or wipe crossfades it (each clip's
 * sound runs on over the other's half, as its picture does), a dip fades it
 * out to the cut and in after it.
 */
export function planAudioSpans(project: Project, sampleRate: number): AudioSpan[] {
  const toSample = (us: number) => Math.round((us * sampleRate) / 1_000_000);
  const transitions = activeTransitions(project);
  const duckRamp = toSample(DUCK_RAMP_US);
  const audible = audibleClips(project);
  const duckers = audible.filter((clip) => clip.duckOthers && clip.volume > 0).map((clip) => ({ trackId: clip.trackId, window: [toSample(clip.startUs), toSample(clipEndUs(clip))] as const }));
  return audible
    .map((clip): AudioSpan => {
      const [clipStart, clipEnd] = [toSample(clip.startUs), toSample(clipEndUs(clip))];
      const into = transitions.find((a) => a.to === clip);
      const outOf = transitions.find((a) => a.from === clip);
      const overlapping = (a: ActiveTransition | undefined) => !!a && a.transition.kind !== 'dip';
      const leadUs = into && overlapping(into) ? clip.startUs - into.startUs : 0;
      const tailUs = outOf && overlapping(outOf) ? outOf.endUs - clipEndUs(clip) : 0;
      const rampIn = into ? ([overlapping(into) ? toSample(into.startUs) : clipStart, toSample(into.endUs)] as const) : null;
      const rampOut = outOf ? ([toSample(outOf.startUs), overlapping(outOf) ? toSample(outOf.endUs) : clipEnd] as const) : null;
      const fade = (us: number) => (us * sampleRate) / 1_000_000;
      const [startSample, endSample] = [toSample(clip.startUs - leadUs), toSample(clipEndUs(clip) + tailUs)];
      // Only the windows that reach this clip's sound, eased edges included.
      const ducks = duckers.filter((d) => d.trackId !== clip.trackId && d.window[0] - duckRamp < endSample && d.window[1] + duckRamp > startSample).map((d) => d.window);
      return {
        clip: widened(clip, leadUs, tailUs),
        startSample,
        endSample,
        shape: { volume: clip.volume, clipStart, clipEnd, fadeIn: fade(clip.fadeInUs), fadeOut: fade(clip.fadeOutUs), rampIn, rampOut, ducks, duckRamp },
      };
    })
    .filter((span) => span.endSample > span.startSample)
    .sort((a, b) => a.startSample - b.startSample);
}

export function totalSamples(project: Project, sampleRate: number): number {
  return Math.round((timelineDurationUs(project) * sampleRate) / 1_000_000);
}

/**
 * Gain at output sample `sample`: volume, shaped by the clip's linear fades
 * (held at their edge values where a transition runs the sound past the clip)
 * and by a transition's linear ramps (a crossfade's two sounds add up to one).
 */
export function spanGain(shape: GainShape, sample: number): number {
  const { clipStart, clipEnd, fadeIn, fadeOut, rampIn, rampOut } = shape;
  const length = clipEnd - clipStart;
  const local = Math.min(Math.max(sample - clipStart, 0), length);
  let gain = shape.volume;
  if (fadeIn > 0 && local < fadeIn) gain *= local / fadeIn;
  if (fadeOut > 0 && length - local < fadeOut) gain *= (length - local) / fadeOut;
  if (rampIn && sample < rampIn[1]) gain *= Math.max(0, (sample - rampIn[0]) / (rampIn[1] - rampIn[0]));
  if (rampOut && sample >= rampOut[0]) gain *= Math.max(0, (rampOut[1] - sample) / (rampOut[1] - rampOut[0]));
  if (shape.ducks.length > 0) gain *= duckGain(shape.ducks, shape.duckRamp, sample);
  return gain;
}

/** The lowest any ducking window holds the sound at `sample`: DUCK_GAIN inside, easing linearly to 1 over `ramp` samples either side. */
function duckGain(ducks: GainShape['ducks'], ramp: number, sample: number): number {
  let lowest = 1;
  for (const [start, end] of ducks) {
    const outside = sample < start ? start - sample : sample >= end ? sample - end + 1 : 0;
    if (outside >= ramp) continue;
    lowest = Math.min(lowest, DUCK_GAIN + (1 - DUCK_GAIN) * (ramp > 0 ? outside / ramp : 1));
  }
  return lowest;
}

import { beforeAll, describe, expect, it } from 'vitest';
import type { AssetId } from '../model/ids.ts';
import { emptyProject, newClip, type Clip, type Project } from '../model/project.ts';
import type { MediaSource } from '../media/media-source.ts';
import { openMedia } from '../media/open-media.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { findBeeps } from '../test-support/export-check.ts';
import { MIX_BLOCK_FRAMES, mixTimelineAudio } from './timeline-audio.ts';
import { LIMIT_CEILING } from '../media/audio/peak-limiter.ts';

const BAR: AssetId = 'asset:bar';
const RATE = 48_000;
let source: MediaSource;

beforeAll(async () => {
  source = await openMedia(await fixtureFile('barcode'), 'barcode.mp4');
});

function project(clips: Partial<Clip>[]): Project {
  return {
    ...emptyProject(),
    assets: [{ id: BAR, name: 'barcode.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true }],
    clips: clips.map((c, i) => ({ ...newClip({ id: `clip:${i}`, assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 4_000_000 }), ...c })),
  };
}

/** The left channel (or `channel`) of the mix from `fromSample` on, as one array (every clip's sound from `media`, the barcode clip unless said). */
async function mixLeft(p: Project, fromSample: number, blockFrames = MIX_BLOCK_FRAMES, media: MediaSource = source, channel = 0): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for await (const block of mixTimelineAudio(p, () => media, { sampleRate: RATE, channels: 2, fromSample, blockFrames })) {
    parts.push(block.planes.slice(channel * blockFrames, channel * blockFrames + block.frames));
  }
  const out = new Float32Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('mixTimelineAudio from anywhere (preview starts at the playhead)', () => {
  it('mixing from mid-clip gives the same samples as the whole mix from there on (volume, fades, overlapping clips)', async () => {
    const p = project([
      { startUs: 0, inUs: 500_000, outUs: 3_500_000, volume: 0.8, fadeInUs: 1_000_000, fadeOutUs: 700_000 },
      { startUs: 2_000_000, inUs: 5_000_000, outUs: 8_000_000, volume: 0.5, fadeInUs: 300_000 },
    ]);
    const whole = await mixLeft(p, 0);
    expect(whole.length).toBe(5 * RATE);
    for (const fromSample of [Math.round(0.61 * RATE), Math.round(2.1 * RATE) + 777, Math.round(3.9 * RATE)]) {
      const part = await mixLeft(p, fromSample);
      expect(part.length).toBe(whole.length - fromSample);
      let worst = 0;
      let energy = 0;
      for (let i = 0; i < part.length; i++) {
        worst = Math.max(worst, Math.abs(part[i]! - whole[fromSample + i]!));
        energy += whole[fromSample + i]! ** 2;
      }
      expect(energy, `sound after ${fromSample}`).toBeGreaterThan(1);
      // AAC decoded from a later packet settles after its pre-roll: differences stay below −40 dB.
      expect(worst, `from sample ${fromSample}`).toBeLessThan(1);
    }
  });

  it('export’s larger blocks mix the very same samples as playback’s', async () => {
    const p = project([
      { startUs: 0, inUs: 500_000, outUs: 3_500_000, volume: 0.8, fadeInUs: 1_000_000, fadeOutUs: 700_000 },
      { startUs: 2_000_000, inUs: 5_000_000, outUs: 8_000_000, volume: 0.5, fadeInUs: 300_000, speed: 1.5 },
    ]);
    const small = await mixLeft(p, 0);
    const large = await mixLeft(p, 0, 8192);
    expect(large.length).toBe(small.length);
    let worst = 0;
    for (let i = 0; i < small.length; i++) worst = Math.max(worst, Math.abs(large[i]! - small[i]!));
    expect(worst).toBeLessThan(1e-6);
  });

  it('a sped-up clip mixed from its middle keeps its beeps where the whole mix has them', async () => {
    // Time-stretching (WSOLA) started mid-clip picks other splice points, so samples differ; the timing must not.
    const p = project([{ startUs: 1_000_000, inUs: 5_000_000, outUs: 9_500_000, speed: 1.5 }]);
    const whole = await mixLeft(p, 0);
    const fromSample = Math.round(1.7 * RATE);
    const part = await mixLeft(p, fromSample);
    const wholeBeeps = findBeeps(whole, RATE).filter((us) => us > 1_800_000);
    const partBeeps = findBeeps(part, RATE).map((us) => us + (fromSample * 1_000_000) / RATE);
    // Source beeps at 6.25, 7.25, 8.25, 9.25 s land near 1 s + (s − 5 s) / 1.5 on the timeline.
    expect(wholeBeeps).toHaveLength(4);
    wholeBeeps.forEach((us, i) => expect(Math.abs(us - (1_000_000 + (1_250_000 + i * 1_000_000) / 1.5))).toBeLessThan(40_000));
    expect(partBeeps).toHaveLength(wholeBeeps.length);
    // Within 5 ms: a sixth of a frame, far inside what A/V sync needs.
    partBeeps.forEach((us, i) => expect(Math.abs(us - wholeBeeps[i]!)).toBeLessThan(5_000));
  });

  it('a slowed clip whose sound starts late in its file keeps the silence before it, stretched (the sound was pulled to the clip start)', async () => {
    const late = await openMedia(await fixtureFile('lateSound'), 'late-sound.mp4');
    const onsetUs = async (speed: number) => {
      const p: Project = {
        ...emptyProject(),
        assets: [{ id: BAR, name: 'late-sound.mp4', durationUs: 1_000_000, hasVideo: true, hasAudio: true }],
        clips: [{ ...newClip({ id: 'clip:late', assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 1_000_000 }), speed }],
      };
      const i = (await mixLeft(p, 0, undefined, late)).findIndex((v) => Math.abs(v) > 0.01);
      return i >= 0 ? (i * 1_000_000) / RATE : null;
    };
    const normal = (await onsetUs(1))!;
    // The file's sound starts 0.178 s in.
    expect(Math.abs(normal - 178_000)).toBeLessThan(30_000);
    // Within 50 ms: the stretcher's own constant latency (about 40 ms at 0.5×) is a separate matter; it was 377 ms off.
    expect(Math.abs((await onsetUs(0.5))! - 2 * normal)).toBeLessThan(50_000);
    expect(Math.abs((await onsetUs(2))! - normal / 2)).toBeLessThan(50_000);
  });

  it('a crossfade crossfades the sound: each clip is heard past the cut, fading, as its picture is seen', async () => {
    // Beeps at every k + 0.25 s of the source. a: 0–2 s; b: from 5.5 s, at 2 s; a 1 s crossfade over 1.5–2.5 s.
    const p = project([
      { id: 'clip:a', startUs: 0, inUs: 0, outUs: 2_000_000 },
      { id: 'clip:b', startUs: 2_000_000, inUs: 5_500_000, outUs: 7_500_000 },
    ]);
    const mixed = await mixLeft({ ...p, transitions: [{ id: 'transition:x', kind: 'crossfade', fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: 1_000_000 }] }, 0);
    const plain = await mixLeft(p, 0);
    const peak = (pcm: Float32Array, atUs: number) => {
      let max = 0;
      for (let i = Math.round((atUs * RATE) / 1e6); i < Math.round(((atUs + 30_000) * RATE) / 1e6); i++) max = Math.max(max, Math.abs(pcm[i]!));
      return max;
    };
    const full = peak(mixed, 250_000);
    // b's beep at source 5.25 s sounds at 1.75 s (a quarter into the fade), a's at source 2.25 s at 2.25 s (a quarter left).
    expect(peak(mixed, 1_750_000) / full).toBeCloseTo(0.25, 1);
    expect(peak(mixed, 2_250_000) / full).toBeCloseTo(0.235, 1);
    expect(peak(mixed, 2_750_000) / full).toBeCloseTo(1, 1);
    // Without the transition neither is heard: a hard cut at 2 s.
    expect(peak(plain, 1_750_000) / full).toBeLessThan(0.02);
    expect(peak(plain, 2_250_000) / full).toBeLessThan(0.02);
  });

  it('a slowed clip plays at full level to its very end when its source goes on (it dropped out for 30 ms)', async () => {
    const tone = await openMedia(await fixtureFile('tonePart1'), 'tone.mp4');
    for (const speed of [0.5, 0.25]) {
      const lengthUs = Math.round(500_000 / speed);
      const p: Project = {
        ...emptyProject(),
        assets: [{ id: BAR, name: 'tone.mp4', durationUs: 2_000_000, hasVideo: true, hasAudio: true }],
        clips: [{ ...newClip({ id: 'clip:slow', assetId: BAR, trackId: 'track:v1', startUs: 0, inUs: 500_000, outUs: 1_000_000 }), speed }],
      };
      const pcm = await mixLeft(p, 0, undefined, tone);
      // Peak per 5 ms (two cycles of the 440 Hz tone) over the clip's last 50 ms, against its middle.
      const peakAt = (us: number) => {
        let max = 0;
        for (let i = Math.round((us * RATE) / 1e6); i < Math.round(((us + 5_000) * RATE) / 1e6); i++) max = Math.max(max, Math.abs(pcm[i]!));
        return max;
      };
      const steady = peakAt(lengthUs / 2);
      expect(steady).toBeGreaterThan(0.2);
      for (let us = lengthUs - 50_000; us < lengthUs - 5_000; us += 5_000) expect(peakAt(us) / steady, `${speed}× at ${us} µs`).toBeGreaterThan(0.8);
    }
  });

  it('slowed or sped-up sound stays in time with its picture: each beep centred where its frame shows (0.5× was 33 ms early, 2× 15 ms late)', async () => {
    // Within 20 ms: the stretcher's similarity search (±10 ms of source) still pulls a pure tone about 18 ms early at 0.5×.
    for (const speed of [1, 0.5, 2]) {
      const pcm = await mixLeft(project([{ startUs: 0, inUs: 0, outUs: 4_000_000, speed }]), 0);
      // Source beeps of 30 ms at k + 0.25 s: their middle at k + 0.265 s shows at (k + 0.265) / speed on the timeline.
      for (let k = 0; k < 4 && (k + 0.265) / speed < pcm.length / RATE - 0.1; k++) {
        const expected = ((k + 0.265) / speed) * RATE;
        let [weighted, energy] = [0, 0];
        for (let i = Math.round(expected - 0.1 * RATE); i < expected + 0.1 * RATE; i++) {
          weighted += i * pcm[i]! ** 2;
          energy += pcm[i]! ** 2;
        }
        expect(Math.abs(weighted / energy - expected) / RATE, `${speed}× beep ${k}`).toBeLessThan(speed === 1 ? 0.001 : 0.02);
      }
    }
  });

  it('two loud clips over each other are limited, not clipped: peaks stay under full scale, the beeps keep their place and level', async () => {
    // Each beep is 0.6 in the file; two clips at volume 2 sum to 2.4.
    const loud = project([
      { startUs: 0, inUs: 0, outUs: 3_000_000, volume: 2 },
      { startUs: 0, inUs: 0, outUs: 3_000_000, volume: 2, trackId: 'track:a1' },
    ]);
    const mix = await mixLeft(loud, 0);
    let peak = 0;
    for (const v of mix) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeLessThanOrEqual(LIMIT_CEILING + 1e-6);
    expect(peak).toBeGreaterThan(0.9);
    const single = await mixLeft(project([{ startUs: 0, inUs: 0, outUs: 3_000_000 }]), 0);
    const beeps = findBeeps(mix, RATE);
    expect(beeps).toHaveLength(3);
    // A louder beep crosses the finder's threshold a few samples sooner.
    findBeeps(single, RATE).forEach((us, k) => expect(Math.abs(beeps[k]! - us)).toBeLessThan(500));
    // Between beeps (silence in the file) and before the first, nothing is changed.
    expect(mix.subarray(0, Math.round(0.2 * RATE))).toEqual(single.subarray(0, Math.round(0.2 * RATE)).map((v) => v * 4));
  });
});

describe('PCM sound from a MOV in the mix (what preview plays and export encodes)', () => {
  it('places its beep where it is on the timeline, at its level on each channel, from the start or from the playhead', async () => {
    const pcm = await openMedia(await fixtureFile('soundPcm'), 'camera.mov');
    // The clip from 0.25 s: the source's beep (at 0.5 s, 22.05 kHz) sounds at 0.75 s of the 48 kHz mix.
    const p: Project = {
      ...emptyProject(),
      assets: [{ id: BAR, name: 'camera.mov', durationUs: 1_000_000, hasVideo: true, hasAudio: true }],
      clips: [newClip({ id: 'clip:pcm', assetId: BAR, trackId: 'track:v1', startUs: 250_000, inUs: 0, outUs: 1_000_000 })],
    };
    const peak = (plane: Float32Array) => plane.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (const fromSample of [0, Math.round(0.6 * RATE)]) {
      const left = await mixLeft(p, fromSample, undefined, pcm);
      const right = await mixLeft(p, fromSample, undefined, pcm, 1);
      expect(left.length).toBe(1.25 * RATE - fromSample);
      const onsets = findBeeps(left, RATE).map((us) => us + (fromSample * 1_000_000) / RATE);
      expect(onsets).toHaveLength(1);
      // The sine, interpolated from 22.05 kHz, first passes 0.2 about 66 µs in: the 48 kHz sample after that is 83 µs in.
      expect(Math.abs(onsets[0]! - 750_083), `from sample ${fromSample}`).toBeLessThanOrEqual(21);
      expect(peak(left)).toBeGreaterThan(0.49);
      expect(peak(left)).toBeLessThan(0.51);
      expect(peak(right)).toBeGreaterThan(0.245);
      expect(peak(right)).toBeLessThan(0.255);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../workers-api/engine-client.ts';
import { fixtureFile } from '../test-support/fixtures.ts';
import { inspectExport } from '../test-support/export-check.ts';
import { exportedFile } from '../media/output-file.ts';
import { Mp4Source } from '../media/mp4-source.ts';
import { emptyProject, newClip, type Clip, type OutputSettings, type Project } from '../model/project.ts';
import { outputFormat } from '../model/output-format.ts';
import type { AssetId } from '../model/ids.ts';
import { planAudioCopy } from './audio-copy.ts';

const { engine, worker } = startEngine();
afterAll(() => worker.terminate());

const PART1: AssetId = 'asset:part1';
const PART2: AssetId = 'asset:part2';
const BARCODE: AssetId = 'asset:barcode';
const TONE44: AssetId = 'asset:tone44';
const LATE: AssetId = 'asset:late';
const SURROUND: AssetId = 'asset:surround';
const RATE = 48_000;
const files = new Map<AssetId, File>();
const sources = new Map<AssetId, Mp4Source>();

beforeAll(async () => {
  const named: [AssetId, Parameters<typeof fixtureFile>[0]][] = [
    [PART1, 'tonePart1'],
    [PART2, 'tonePart2'],
    [BARCODE, 'barcode'],
    [TONE44, 'm4a'],
    [LATE, 'lateSound'],
    [SURROUND, 'surround'],
  ];
  for (const [id, fixture] of named) {
    const file = await fixtureFile(fixture);
    files.set(id, file);
    sources.set(id, await Mp4Source.open(file, file.name));
    await engine.addAsset(id, file, file.name);
  }
});

/** Clips back to back on Video 1: [assetId, inUs, outUs] each. */
function project(cuts: [AssetId, number, number][], output: Partial<OutputSettings> = {}, extra: Partial<Clip> = {}): Project {
  let startUs = 0;
  const clips = cuts.map(([assetId, inUs, outUs], i) => {
    const clip = { ...newClip({ id: `clip:${i}`, assetId, trackId: 'track:v1', startUs, inUs, outUs }), ...extra };
    startUs += outUs - inUs;
    return clip;
  });
  return {
    ...emptyProject(),
    output: { width: 160, height: 90, fps: 30, videoCodec: 'avc', audioCodec: 'auto', ...output },
    assets: [...files].map(([id, file]) => ({ id, name: file.name, durationUs: 10_000_000, hasVideo: true, hasAudio: true })),
    clips,
  };
}

const lookup = (id: AssetId) => sources.get(id);

/** The largest step between neighbouring sample-to-sample slopes in [from, to): a click is a sudden one, a tone's are tiny. */
function sharpestTurn(pcm: Float32Array, from: number, to: number): number {
  let most = 0;
  for (let i = Math.max(from, 1); i < Math.min(to, pcm.length - 1); i++) most = Math.max(most, Math.abs(pcm[i + 1]! - 2 * pcm[i]! + pcm[i - 1]!));
  return most;
}

/** The quietest 5 ms stretch in [from, to) (RMS): a gap of silence at a join shows here. */
function quietestRms(pcm: Float32Array, from: number, to: number): number {
  const width = RATE / 200;
  let least = Infinity;
  for (let start = from; start + width <= to; start += width / 2) {
    let sum = 0;
    for (let i = start; i < start + width; i++) sum += pcm[i]! ** 2;
    least = Math.min(least, Math.sqrt(sum / width));
  }
  return least;
}

describe('sound stream copy (AAC packets copied, never decoded or re-encoded)', () => {
  it('joins two files of one tone: the packets as they were, the sound running on with no gap and no click, and the picture copied too', async () => {
    // Part 1 to its keyframe at 1 s, then part 2 (which starts 1 s into the tone) whole: one continuous tone.
    const edit = project([
      [PART1, 0, 1_000_000],
      [PART2, 0, 2_000_000],
    ]);
    const result = await engine.exportProject(edit, 'sound-copy-join');
    expect(result.stats).toMatchObject({ path: 'copy', soundPath: 'copy', audioCodec: 'mp4a.40.2' });
    expect(result.stats.soundCopyRefused).toBeUndefined();
    const file = await exportedFile(result.output);

    // Byte for byte: the output's packets are the planned source packets, in order.
    const plan = planAudioCopy(edit, lookup, outputFormat(edit.output));
    if (!plan.ok) throw new Error(plan.reason);
    const out = await Mp4Source.open(file, 'out.mp4');
    const copied: Uint8Array[] = [];
    for await (const { data } of out.read(out.audio!, 0, out.audio!.samples.length)) copied.push(data.slice());
    const expected: Uint8Array[] = [];
    for (const s of plan.segments) for await (const { data } of s.source.read(s.track, s.from, s.to)) expected.push(data.slice());
    expect(copied.length).toBe(expected.length);
    copied.forEach((bytes, i) => expect(bytes, `packet ${i}`).toEqual(expected[i]));
    // The first packet is pre-roll, hidden by an edit: sound starts at 0 like the picture.
    expect(out.audio!.samples[0]!.ptsUs).toBe(Math.round((plan.segments[0]!.atSample * 1e6) / RATE));

    const inspected = await inspectExport(file);
    const pcm = inspected.audioSamples;
    const joinAt = plan.segments[1]!.atSample;
    expect(Math.abs(inspected.audioDurationUs - 3_000_000)).toBeLessThanOrEqual(11_000);
    // No gap: the tone (RMS 0.177) never falls quiet around the join, where each file's own priming would have put 21–46 ms of near-silence.
    expect(quietestRms(pcm, joinAt - RATE / 20, joinAt + RATE / 20)).toBeGreaterThan(0.12);
    // No click: no turn at the join far sharper than the tone's own (measured: 3.2 times, from the short crossfade and the codec's noise).
    const steady = sharpestTurn(pcm, RATE / 2, RATE);
    const atJoin = sharpestTurn(pcm, joinAt - RATE / 50, joinAt + RATE / 50);
    expect(atJoin).toBeLessThan(steady * 10);
    // …which a hard splice of the same tone half a cycle out would fail: the measure can see a click.
    const spliced = pcm.slice(0, RATE);
    spliced.set(pcm.subarray(RATE / 2 + Math.round(RATE / 440.25 / 2), RATE), RATE / 2);
    expect(sharpestTurn(spliced, RATE / 2 - 100, RATE / 2 + 100)).toBeGreaterThan(steady * 10);
  });

  it('never drifts: over 20 joins, cut anywhere or of whole files, each clip’s sound plays within half a packet of its picture', async () => {
    const anywhere: [AssetId, number, number][] = Array.from({ length: 20 }, (_, i) => [i % 2 ? PART2 : PART1, 37_000 * i, 37_000 * i + 333_333 + 1_000 * i]);
    // Whole files: each ends on a short packet (2 s is 93.75 packets), which only the last clip may keep.
    const whole: [AssetId, number, number][] = Array.from({ length: 20 }, (_, i) => [i % 2 ? PART2 : PART1, 0, 2_000_000]);
    for (const cuts of [anywhere, whole]) {
      const edit = project(cuts);
      const plan = planAudioCopy(edit, lookup, outputFormat(edit.output));
      if (!plan.ok) throw new Error(plan.reason);
      const halfPacketUs = (1024 / 2 / RATE) * 1e6;
      plan.segments.forEach((segment, i) => {
        const clip = edit.clips[i]!;
        // Where the first packet's sound belongs on the timeline, against where it plays.
        const belongsUs = clip.startUs + segment.track.samples[segment.from]!.ptsUs - clip.inUs;
        expect(Math.abs(belongsUs - (segment.atSample * 1e6) / RATE), `clip ${i}`).toBeLessThanOrEqual(halfPacketUs + 1);
      });
      // And the sound ends with the picture, within half a packet.
      const end = plan.segments.at(-1)!;
      const soundEnd = end.atSample + end.track.samples.slice(end.from, end.to).reduce((n, p) => n + Math.round((p.durationUs * RATE) / 1e6), 0);
      const last = edit.clips.at(-1)!;
      expect(Math.abs(soundEnd - ((last.startUs + last.outUs - last.inUs) * RATE) / 1e6)).toBeLessThanOrEqual(512);
    }
  }, 30_000);

  it('whole files end to end: where a file’s short last packet is left out, the next one’s priming packet keeps time, fading the sound out over one packet', async () => {
    const edit = project([
      [PART1, 0, 2_000_000],
      [PART2, 0, 2_000_000],
    ]);
    const plan = planAudioCopy(edit, lookup, outputFormat(edit.output));
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.segments.map((x) => [x.from, x.to])).toEqual([
      [0, 94],
      [0, 95],
    ]);
    const result = await engine.exportProject(edit, 'sound-copy-whole');
    const pcm = (await inspectExport(await exportedFile(result.output))).audioSamples;
    const joinAt = plan.segments[1]!.atSample;
    // Part 1 plays at full level up to the priming packet's slot, and part 2 from the end of it: the fade is that one packet.
    expect(quietestRms(pcm, joinAt - RATE / 20, joinAt)).toBeGreaterThan(0.12);
    expect(quietestRms(pcm, joinAt + 1024, joinAt + 1024 + RATE / 20)).toBeGreaterThan(0.12);
    // Part 2 then sounds as it does on its own: within 0.02 (−22 dB under the tone) for a packet while the decoder settles, then the same.
    const alone = (await inspectExport(files.get(PART2)!)).audioSamples;
    const worst = (from: number, to: number) => {
      let most = 0;
      for (let i = from; i < to; i++) most = Math.max(most, Math.abs(pcm[joinAt + 1024 + i]! - alone[i]!));
      return most;
    };
    expect(worst(0, 1024)).toBeLessThan(0.02);
    expect(worst(1024, RATE / 2)).toBeLessThan(1e-3);
    // 5.3 ms after where part 2 belongs (2 s): within half a packet.
    expect(joinAt + 1024 - 2 * RATE).toBe(256);
  });

  it('an M4A of a trimmed clip copies its AAC: the beeps where they were, the length of the cut', async () => {
    const result = await engine.exportProject(project([[BARCODE, 1_000_000, 3_500_000]], { container: 'm4a' }), 'sound-copy-m4a');
    expect(result.stats).toMatchObject({ soundPath: 'copy', container: 'm4a', audioCodec: 'mp4a.40.2', videoCodec: null });
    const inspected = await inspectExport(await exportedFile(result.output));
    expect(inspected.audioCodec).toBe('mp4a.40.2');
    // The source beeps at 1.25 and 2.25 s: 0.25 and 1.25 s into the cut (the first packet is placed exactly, by the edit).
    expect(inspected.beepOnsetsUs.map((us) => Math.round(us / 1000))).toEqual([250, 1250, 2250]);
    expect(Math.abs(inspected.audioDurationUs - 2_500_000)).toBeLessThanOrEqual(11_000);

    // 44.1 kHz (an M4A of its own): the same, in its own rate's packets (23.2 ms).
    const tone = await engine.exportProject(project([[TONE44, 200_000, 800_000]], { container: 'm4a' }), 'sound-copy-m4a-44k');
    expect(tone.stats).toMatchObject({ soundPath: 'copy', audioCodec: 'mp4a.40.2' });
    const toneOut = await inspectExport(await exportedFile(tone.output));
    expect(toneOut.audioSampleRate).toBe(44_100);
    expect(Math.abs(toneOut.audioDurationUs - 600_000)).toBeLessThanOrEqual(11_610);
  });

  it('mixes and encodes instead, and says why, when anything changes the sound or the files differ', () => {
    const why = (edit: Project) => {
      const plan = planAudioCopy(edit, lookup, outputFormat(edit.output));
      return plan.ok ? 'copied' : plan.reason;
    };
    const part = (output: Partial<OutputSettings> = {}, extra: Partial<Clip> = {}) => project([[PART1, 0, 1_000_000]], output, extra);
    expect(why(part())).toBe('copied');
    expect(why(part({}, { volume: 0.5 }))).toBe('"tone-part-1.mp4" has a volume or fade');
    expect(why(part({}, { fadeOutUs: 200_000 }))).toBe('"tone-part-1.mp4" has a volume or fade');
    expect(why(part({}, { speed: 2 }))).toBe('"tone-part-1.mp4" plays at another speed');
    expect(why(part({ audioCodec: 'opus' }))).toBe('Opus is chosen');
    expect(why(part({ container: 'webm', videoCodec: 'vp9' }))).toBe('WebM carries only Opus');
    // Mono 48 kHz next to stereo, or next to 44.1 kHz: one AAC stream cannot change settings midway.
    expect(why(project([[PART1, 0, 1_000_000], [BARCODE, 0, 1_000_000]]))).toBe('the clips’ sound was encoded with different settings');
    expect(why(project([[TONE44, 0, 500_000], [PART1, 0, 1_000_000]]))).toBe('the clips’ sound was encoded with different settings');
    // 5.1 sound, alone: mixed down to the export's stereo, which a copy cannot do (not a difference between clips).
    expect(why(project([[SURROUND, 0, 300_000]]))).toBe('the sound of "surround.m4a" has 6 channels, mixed down to stereo');
    const gap = part();
    gap.clips[0]!.startUs = 500_000;
    expect(why(gap)).toBe('there is silence at 0:00.000');
    const overlap = project([[PART1, 0, 1_000_000], [PART2, 0, 1_000_000]]);
    overlap.clips[1]!.trackId = 'track:a1';
    overlap.clips[1]!.startUs = 500_000;
    expect(why(overlap)).toBe('sounds overlap at 0:01.000');
    const muted = project([[PART1, 0, 1_000_000], [PART2, 0, 1_000_000]]);
    muted.clips[1]!.trackId = 'track:a1';
    muted.tracks = muted.tracks.map((t) => (t.id === 'track:a1' ? { ...t, muted: true } : t));
    expect(why(muted)).toBe('copied'); // a muted track's sound is not heard, so not in the way
    const allMuted = part();
    allMuted.tracks = allMuted.tracks.map((t) => ({ ...t, muted: true }));
    expect(why(allMuted)).toBe('there is no sound');
    // Sound that starts 0.18 s after its picture: copying would pull it forward; mixing puts silence first.
    expect(why(project([[LATE, 0, 1_000_000]]))).toBe('the sound of "late-sound.mp4" starts after its picture');
    expect(why(project([[PART1, 0, 1_000_000], [LATE, 0, 1_000_000]]))).toBe('the sound of "late-sound.mp4" starts after its picture');
    expect(why(project([[LATE, 300_000, 1_000_000]]))).toBe('copied'); // cut after the sound begins
    // A transition fades the sound (a crossfade overlaps the two), so it is mixed.
    const faded = project([[PART1, 0, 1_000_000], [PART2, 0, 1_000_000]]);
    faded.transitions = [{ id: 'transition:t', kind: 'dip', fromClipId: 'clip:0', toClipId: 'clip:1', durationUs: 400_000 }];
    expect(why(faded)).toBe('a transition fades the sound of "tone-part-1.mp4"');
  });

  it('an export that mixes says so in its stats', async () => {
    const result = await engine.exportProject(project([[PART1, 0, 1_000_000]], {}, { volume: 0.5 }), 'sound-mixed');
    expect(result.stats).toMatchObject({ soundPath: 'encode', soundCopyRefused: '"tone-part-1.mp4" has a volume or fade' });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeProjectLink, encodeProjectLink, MAX_LINK_CHARS, ProjectLinkError } from './project-link-codec.ts';
import { buildProject, parseRenderJob, projectToJob } from './render-job.ts';
import { emptyProject, newClip, newTrack, type Project } from './project.ts';
import type { AssetId } from './ids.ts';
import { badProjectLinks, validRecipe } from '../test-support/project-links.ts';

/** A project with every kind of thing a link carries: files, a title, tracks with settings, sound, picture, speed, a transition and a marker. */
function sampleProject(): Project {
  const project = emptyProject('Holiday <b>cut</b>');
  project.output = { ...project.output, width: 640, height: 360, fps: 25, background: '#102030', videoBitrate: 2_000_000 };
  project.tracks = [newTrack('track:t', 'video', 'Titles'), ...project.tracks];
  Object.assign(project.tracks[1]!, { hidden: true, locked: true });
  Object.assign(project.tracks[2]!, { muted: true, solo: true });
  project.assets = [
    { id: 'asset:fp-a1-0123', name: 'beach.mp4', durationUs: 10_000_000, hasVideo: true, hasAudio: true },
    { id: 'asset:fp-b2-4567', name: 'song.mp3', durationUs: 60_000_000, hasVideo: false, hasAudio: true },
    { id: 'asset:title-x1', name: 'Day one', durationUs: 86_400_000_000, hasVideo: true, hasAudio: false, text: { content: 'Day one', fontFamily: 'system-ui, sans-serif', size: 0.12, color: '#ffee00', align: 'left', x: 0.3, y: 0.8, background: '#000000' } },
  ];
  project.clips = [
    { ...newClip({ id: 'clip:a', assetId: 'asset:fp-a1-0123', trackId: 'track:v1', startUs: 0, inUs: 0, outUs: 2_000_000 }), picture: { scale: 0.8, crop: { left: 0.1, top: 0, right: 0, bottom: 0 } } },
    { ...newClip({ id: 'clip:b', assetId: 'asset:fp-a1-0123', trackId: 'track:v1', startUs: 2_000_000, inUs: 5_000_000, outUs: 9_000_000 }), speed: 2, volume: 0.5, fadeOutUs: 300_000 },
    newClip({ id: 'clip:c', assetId: 'asset:fp-b2-4567', trackId: 'track:a1', startUs: 0, inUs: 1_000_000, outUs: 5_000_000 }),
    newClip({ id: 'clip:t', assetId: 'asset:title-x1', trackId: 'track:t', startUs: 500_000, inUs: 0, outUs: 3_000_000 }),
  ];
  project.transitions = [{ id: 'transition:1', kind: 'wipe', fromClipId: 'clip:a', toClipId: 'clip:b', durationUs: 400_000 }];
  project.markers = [{ id: 'marker:1', timeUs: 1_500_000, label: 'drop' }];
  return project;
}

const fingerprintOf = (assetId: AssetId) => assetId.replace(/^asset:/, '');

async function rejection(hash: string): Promise<Error> {
  const error = await decodeProjectLink(hash).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProjectLinkError);
  return error as Error;
}

describe('project links', () => {
  it('round-trip a project: the same job back, which rebuilds the same timeline', async () => {
    const project = sampleProject();
    const job = projectToJob(project, fingerprintOf);
    const hash = await encodeProjectLink(job);
    expect(hash).toMatch(/^#p=1\.[\w-]+$/);
    expect(hash.length).toBeLessThan(JSON.stringify(job).length);
    const decoded = await decodeProjectLink(hash);
    expect(decoded).toEqual(parseRenderJob(JSON.parse(JSON.stringify(job))));
    expect(decoded.mediaInfo).toEqual({ 'fp-a1-0123': { durationUs: 10_000_000, kind: 'video+audio' }, 'fp-b2-4567': { durationUs: 60_000_000, kind: 'audio' } });

    const facts = Object.fromEntries(Object.entries(decoded.mediaInfo!).map(([key, info]) => [key, { durationUs: info.durationUs, hasVideo: info.kind !== 'audio', hasAudio: info.kind !== 'video' }]));
    const ids = Object.fromEntries(Object.keys(decoded.media).map((key) => [key, `asset:${decoded.fingerprints![key]}` as AssetId]));
    const rebuilt = buildProject(decoded, facts, ids);
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    const noId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
    expect(rebuilt.name).toBe(project.name);
    expect(rebuilt.output).toEqual(project.output);
    expect(rebuilt.tracks).toEqual(project.tracks);
    expect(byId(rebuilt.assets)).toEqual(byId(project.assets));
    expect(rebuilt.clips.map(noId)).toEqual(project.clips.map(noId));
    expect(rebuilt.markers.map(noId)).toEqual(project.markers.map(noId));
    const clipIndex = (p: Project, id: string) => p.clips.findIndex((c) => c.id === id);
    const transitions = (p: Project) => p.transitions.map((t) => ({ ...noId(t), fromClipId: clipIndex(p, t.fromClipId), toClipId: clipIndex(p, t.toClipId) }));
    expect(transitions(rebuilt)).toEqual(transitions(project));
  });

  it('a project too large for a link is refused when copying, with the way out', async () => {
    const project = sampleProject();
    // Distinct labels do not compress away.
    project.markers = Array.from({ length: 8_000 }, (_, i) => ({ id: `marker:${i}` as const, timeUs: i * 7919, label: `${Math.sin(i)}${Math.cos(i)}` }));
    const error = await encodeProjectLink(projectToJob(project, fingerprintOf)).then(() => null, (e: unknown) => e);
    expect((error as Error | null)?.message).toMatch(/^This project is too large for a link \([\d,]+ characters; at most 100,000\): save it as a \.spool\.json file instead\.$/);
  });

  it('the shared valid recipe opens (so each bad link below fails for its own reason)', async () => {
    const { packRecipe } = await import('./project-link-codec.ts');
    expect((await decodeProjectLink(`#p=1.${await packRecipe(JSON.stringify(validRecipe()))}`)).clips).toHaveLength(1);
  });

  it('refuses anything but a #p= fragment', async () => {
    expect((await rejection('#x=1.abc')).message).toBe('This project link is damaged: it does not start with "#p=".');
  });

  it('accepts a link at the length limit and refuses one over it before any work', async () => {
    expect((await rejection(`#p=1.${'A'.repeat(MAX_LINK_CHARS)}`)).message).toMatch(/characters long, more than the 100,000/);
    expect((await rejection(`#p=1.${'A'.repeat(MAX_LINK_CHARS - 5)}`)).message).not.toMatch(/characters long/);
  });
});

describe('malformed and hostile project links', async () => {
  for (const { name, hash, message } of await badProjectLinks()) {
    it(`${name}: ${message.source}`, async () => {
      expect((await rejection(hash)).message).toMatch(message);
    });
  }
});

import { packRecipe } from '../model/project-link-codec.ts';
import type { RenderJob } from '../model/render-job.ts';
import type { TrackId } from '../model/ids.ts';

/** A small valid link recipe (one file, one clip) that the bad links below break one way each. */
export const validRecipe = () => ({
  name: 'Linked',
  output: { width: 640, height: 360, fps: 30, videoCodec: 'avc', audioCodec: 'auto' },
  media: { a: 'a.mp4' },
  fingerprints: { a: 'fp-1' },
  mediaInfo: { a: { durationUs: 10_000_000, kind: 'video+audio' } },
  tracks: [{ id: 'track:v1' as TrackId, kind: 'video', name: 'Video 1' }],
  clips: [{ media: 'a', inUs: 0, outUs: 1_000_000 }],
} satisfies RenderJob);

const link = async (text: string, version = '1') => `#p=${version}.${await packRecipe(text)}`;
const recipe = (change: (r: Record<string, unknown> & ReturnType<typeof validRecipe>) => void) => {
  const r = validRecipe();
  change(r as Record<string, unknown> & typeof r);
  return link(JSON.stringify(r));
};
/** The valid recipe's JSON with `"clips":` replaced, to write keys JSON.stringify cannot (`__proto__`). */
const withRawClips = (clips: string) => link(JSON.stringify(validRecipe()).replace(/"clips":\[.*\]/, `"clips":${clips}`));

/** Malformed and hostile project links, each with the message it must get. Shared by the unit and e2e tests. */
export async function badProjectLinks(): Promise<{ name: string; hash: string; message: RegExp }[]> {
  const good = await link(JSON.stringify(validRecipe()));
  const data = good.slice('#p=1.'.length);
  return [
    { name: 'newer version', hash: `#p=9.${data}`, message: /^This project link was made by a newer Spool \(link format 9\); update Spool to open it\.$/ },
    { name: 'unknown version', hash: `#p=0.${data}`, message: /^This project link is damaged: format 0 is not one Spool ever made\.$/ },
    { name: 'no version', hash: `#p=${data}`, message: /^This project link is damaged: it has no format version/ },
    { name: 'bad base64', hash: `#p=1.${data.slice(0, 20)}%3Cscript%3E${data.slice(20)}`, message: /^This project link is damaged: it holds characters a project link never has/ },
    { name: 'truncated', hash: good.slice(0, Math.floor(good.length / 2)), message: /^This project link is damaged: its data is cut short or was not packed by Spool\.$/ },
    { name: 'not deflate', hash: `#p=1.${btoa('{"name":"plain JSON, not packed"}').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`, message: /^This project link is damaged: its data is cut short or was not packed by Spool\.$/ },
    { name: 'zip bomb', hash: await link(`{"name":"${' '.repeat(40_000_000)}"}`), message: /^This project link is damaged: it unpacks to more than 1,000,000 bytes/ },
    { name: 'too long', hash: `#p=1.${'A'.repeat(100_000)}`, message: /^This project link is damaged: it is 100,005 characters long/ },
    { name: 'not JSON', hash: await link('{"name": "Linked", clips: ['), message: /^This project link is damaged: its contents are not a project \(not JSON text\)\.$/ },
    { name: 'JSON not an object', hash: await link('[1, 2, 3]'), message: /^This project link is damaged: project must be a JSON object\.$/ },
    { name: 'wrong type', hash: await recipe((r) => (r.clips[0]!.inUs = '0' as unknown as number)), message: /^This project link is damaged: clips\[0\]\.inUs must be a number\.$/ },
    { name: 'negative time', hash: await recipe((r) => Object.assign(r.clips[0]!, { startUs: -5 })), message: /^This project link is damaged: clips\[0\]\.startUs must be between 0 and 86400000000\.$/ },
    { name: 'huge array', hash: await recipe((r) => (r.clips = Array.from({ length: 20_000 }, () => ({ media: 'a', inUs: 0, outUs: 1 })))), message: /^This project link is damaged: clips may hold at most 10000 clips\.$/ },
    { name: 'long text', hash: await recipe((r) => (r.name = 'x'.repeat(201))), message: /^This project link is damaged: name must be text of at most 200 characters\.$/ },
    { name: '__proto__ field', hash: await withRawClips('[{"media":"a","inUs":0,"__proto__":{"polluted":true}}]'), message: /^This project link is damaged: clips\[0\]\.__proto__ is not a field Spool knows\.$/ },
    { name: '__proto__ name', hash: await link(JSON.stringify(validRecipe()).replace('"media":{"a":"a.mp4"}', '"media":{"a":"a.mp4","__proto__":"b.mp4"}')), message: /^This project link is damaged: media\.__proto__ is not an allowed name/ },
    { name: 'constructor name', hash: await recipe((r) => (r.titles = { constructor: { content: 'x' } })), message: /^This project link is damaged: titles\.constructor is not an allowed name/ },
    { name: 'unknown field', hash: await recipe((r) => (r.owner = 'someone')), message: /^This project link is damaged: project\.owner is not a field Spool knows\.$/ },
    { name: 'script-like field', hash: await recipe((r) => (r['<img src=x onerror=alert(1)>'] = 1)), message: /^This project link is damaged: project\.<img src=x onerror=alert\(1\)> is not a field Spool knows\.$/ },
    { name: 'bad id', hash: await recipe((r) => (r.tracks[0]!.id = 'track:<b>')), message: /^This project link is damaged: tracks\[0\]\.id must be a unique id like "track:v1"\.$/ },
    { name: 'bad fingerprint', hash: await recipe((r) => (r.fingerprints.a = '../../etc')), message: /^This project link is damaged: fingerprints\.a must be a fingerprint/ },
    { name: 'no media info', hash: await recipe((r) => delete (r as { mediaInfo?: unknown }).mediaInfo), message: /^This project link is damaged: media\.a has no fingerprint, duration and kind to relink it by\.$/ },
    { name: 'dangling transition', hash: await recipe((r) => (r.transitions = [{ from: 0, to: 7, kind: 'crossfade', durationUs: 500_000 }])), message: /^This project link is damaged: transitions\[0\]\.to must be the index of a clip\.$/ },
  ];
}

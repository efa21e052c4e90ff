import { describe, expect, it } from 'vitest';
import { leftOutNotice } from './left-out-notice.ts';
import type { LeftOutTracks } from './media-source.ts';

const notice = (leftOut: Partial<LeftOutTracks>) => leftOutNotice({ name: 'a.mp4', leftOut: { kinds: {}, damaged: [], ...leftOut } });

describe('leftOutNotice', () => {
  it('says nothing when nothing is left out, or nothing is known', () => {
    expect(notice({})).toBeUndefined();
    expect(notice({ video: { number: 1, count: 1 } })).toBeUndefined();
    expect(leftOutNotice({ name: 'a.mp3' })).toBeUndefined();
  });

  it('names further video tracks, and which one is used', () => {
    expect(notice({ video: { number: 1, count: 2 } })).toBe('A second video track of "a.mp4" is not imported: Spool uses its first video track.');
    expect(notice({ video: { number: 2, count: 2 } })).toBe('Another video track of "a.mp4" is not imported: Spool uses its video track 2.');
    expect(notice({ video: { number: 1, count: 3 } })).toBe('2 other video tracks of "a.mp4" are not imported: Spool uses its first video track.');
  });

  it('says nothing of timecode and timed metadata, which nearly every camera and phone file has and nobody sees', () => {
    expect(notice({ kinds: { timecode: 1, metadata: 2 } })).toBeUndefined();
  });

  it('names each kind, one track or several', () => {
    expect(notice({ kinds: { subtitles: 1 } })).toBe('Subtitles of "a.mp4" are not imported: Spool imports picture and sound only.');
    expect(notice({ kinds: { other: 2 } })).toBe('2 tracks of other kinds of "a.mp4" are not imported: Spool imports picture and sound only.');
    expect(notice({ kinds: { subtitles: 3, chapters: 1, timecode: 2, metadata: 4, other: 1 }, video: { number: 1, count: 2 } })).toBe(
      'Subtitles (3 tracks), chapters, a track of another kind and a second video track of "a.mp4" are not imported: ' +
        'Spool imports picture and sound only, from its first video track.',
    );
  });

  it('names damaged tracks by their place in the file, one sentence for each reason', () => {
    expect(
      notice({
        kinds: { chapters: 1 },
        damaged: [
          { number: 2, kind: 'sound', why: 'the sample table (stbl) is missing' },
          { number: 4, kind: 'subtitles', why: 'the movie header cannot be read from track 4 on' },
          { number: 5, why: 'the movie header cannot be read from track 4 on' },
        ],
      }),
    ).toBe(
      'Chapters of "a.mp4" are not imported: Spool imports picture and sound only. ' +
        'Track 2 (sound) of "a.mp4" is damaged and was left out: the sample table (stbl) is missing. ' +
        'Tracks 4 (subtitles) and 5 of "a.mp4" are damaged and were left out: the movie header cannot be read from track 4 on.',
    );
  });
});

/**
 * Version of every algorithm in `src/analysis/`. Cached analysis results
 * (loudness, waveform peaks, scene cuts, tempo) are keyed by it: bump it
 * whenever any algorithm's output changes, so stale caches are invalidated.
 * 2: MP3 sound starts at its first real sample (beats and waveforms were 25 ms late).
 * 3: PCM sound in MOV/MP4 is analysed (it was read as no sound: no waveform, no loudness).
 * 4: Sound before time 0 (an MP3's priming, sound before a WebM's, an MKV's or an MPEG-TS's first picture) is left out
 *    (the first decoded packet's part before 0 was kept: up to a packet late).
 * 5: Loudness is kept over time too (`loudnessBlocks`), for the loudness of a clip's span; thumbnails say where they were taken.
 */
export const ANALYSIS_VERSION = 5;

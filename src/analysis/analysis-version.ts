/**
 * Version of every algorithm in `src/analysis/`. Cached analysis results
 * (loudness, waveform peaks, scene cuts, tempo) are keyed by it: bump it
 * whenever any algorithm's output changes, so stale caches are invalidated.
 */
export const ANALYSIS_VERSION = 1;

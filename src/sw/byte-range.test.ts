import { describe, expect, it } from 'vitest';
import { parseRange, rangeResponse } from './byte-range.ts';

describe('parseRange', () => {
  it('reads a-b, a- and -n', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=500-', 1000)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
  });
  it('clamps an end past the file, and a suffix longer than it', () => {
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(parseRange('bytes=999-999', 1000)).toEqual({ kind: 'partial', start: 999, end: 999 });
  });
  it('refuses a start at or past the end, and an empty suffix', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=1000-1200', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
  it('ignores what it cannot or need not honour: whole file', () => {
    for (const header of [null, '', 'bytes=', 'bytes=-', 'items=0-1', 'bytes=5-2', 'bytes=0-1,5-6', 'bytes=a-b']) expect(parseRange(header, 1000)).toEqual({ kind: 'full' });
  });
});

describe('rangeResponse', () => {
  const file = new Blob([new Uint8Array(Array.from({ length: 100 }, (_, i) => i))]);
  it('206 with Content-Range and exactly those bytes', async () => {
    const response = rangeResponse(file, 'video/mp4', 'bytes=10-19');
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe('bytes 10-19/100');
    expect(response.headers.get('Content-Length')).toBe('10');
    expect(response.headers.get('Content-Type')).toBe('video/mp4');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
  it('200 whole file, saying ranges are accepted', async () => {
    const response = rangeResponse(file, 'video/mp4', null);
    expect(response.status).toBe(200);
    expect(response.headers.get('Accept-Ranges')).toBe('bytes');
    expect((await response.arrayBuffer()).byteLength).toBe(100);
  });
  it('416 naming the size', () => {
    const response = rangeResponse(file, 'video/mp4', 'bytes=100-');
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe('bytes */100');
  });
});

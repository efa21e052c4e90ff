import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';

describe('spool command lines', () => {
  it('renders with the automatic renderer unless told', () => {
    expect(parseArgs(['render', 'a.mp4', '-o', 'out.mp4'])).toEqual({ kind: 'render', files: ['a.mp4'], output: 'out.mp4', renderer: 'auto' });
  });

  it('takes --renderer webgpu or webgl2 to force one', () => {
    expect(parseArgs(['render', 'p.json', '-o', 'o.mp4', '--renderer', 'webgl2'])).toMatchObject({ project: 'p.json', renderer: 'webgl2' });
    expect(parseArgs(['render', 'a.mp4', '--renderer', 'webgpu', '-o', 'o.mp4'])).toMatchObject({ renderer: 'webgpu' });
  });

  it('refuses an unknown renderer, naming the choices', () => {
    expect(() => parseArgs(['render', 'a.mp4', '-o', 'o.mp4', '--renderer', 'vulkan'])).toThrow(new UsageError('--renderer is auto, webgpu or webgl2'));
    expect(() => parseArgs(['render', 'a.mp4', '-o', 'o.mp4', '--renderer'])).toThrow(UsageError);
  });

  it('takes --video-codec, and refuses one it does not know', () => {
    expect(parseArgs(['render', 'a.mp4', '-o', 'o.webm', '--video-codec', 'vp8'])).toMatchObject({ output: 'o.webm', videoCodec: 'vp8' });
    expect(() => parseArgs(['render', 'a.mp4', '-o', 'o.mp4', '--video-codec', 'mpeg2'])).toThrow(new UsageError('--video-codec is avc, hevc, av1, vp9 or vp8'));
  });

  it('parses trims, stats, probe and bench', () => {
    expect(parseArgs(['render', 'a.mp4', '--from', '2', '--to', '5', '-o', 'o.mp4', '--stats', 's.json'])).toMatchObject({ fromSeconds: 2, toSeconds: 5, stats: 's.json' });
    expect(parseArgs(['probe', 'a.mp4'])).toEqual({ kind: 'probe', file: 'a.mp4' });
    expect(parseArgs(['bench', '--runs', '2'])).toEqual({ kind: 'bench', runs: 2 });
    expect(() => parseArgs(['render', 'a.mp4', '--from', '5', '--to', '2', '-o', 'o.mp4'])).toThrow('--to must be after --from');
  });
});

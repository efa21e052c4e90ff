import { isRendererChoice, type RendererChoice } from '../media/compositor/frame-compositor.ts';
import type { VideoCodecChoice } from '../model/project.ts';

/** `spool` command lines, parsed without side effects so they can be unit-tested. */
export type Command =
  | { kind: 'help' }
  | { kind: 'probe'; file: string }
  | { kind: 'bench'; runs: number }
  | { kind: 'render'; project?: string; files: string[]; fromSeconds?: number; toSeconds?: number; output: string; stats?: string; renderer: RendererChoice; videoCodec?: VideoCodecChoice };

export const USAGE = `Usage:
  spool probe FILE
  spool render PROJECT.json -o OUT.mp4|.webm|.m4a [--video-codec avc|hevc|av1|vp9|vp8] [--stats STATS.json] [--renderer auto|webgpu|webgl2]
  spool render FILE [FILE...] [--from S --to S] -o OUT.mp4|.webm|.m4a [--video-codec …] [--stats STATS.json] [--renderer …]
  spool bench [--runs N]`;

export class UsageError extends Error {}

function seconds(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} needs a time in seconds, e.g. ${flag} 2.5`);
  return n;
}

export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { kind: 'help' };
  if (command === 'probe') {
    if (rest.length !== 1 || rest[0]!.startsWith('-')) throw new UsageError('probe takes exactly one FILE');
    return { kind: 'probe', file: rest[0]! };
  }
  if (command === 'bench') {
    if (rest.length === 0) return { kind: 'bench', runs: 3 };
    const runs = Number(rest[1]);
    if (rest[0] !== '--runs' || rest.length !== 2 || !Number.isInteger(runs) || runs < 1) throw new UsageError('bench takes only --runs N (N ≥ 1)');
    return { kind: 'bench', runs };
  }
  if (command !== 'render') throw new UsageError(`unknown command "${command}"`);
  const files: string[] = [];
  let output: string | undefined;
  let stats: string | undefined;
  let fromSeconds: number | undefined;
  let toSeconds: number | undefined;
  let renderer: RendererChoice = 'auto';
  let videoCodec: VideoCodecChoice | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '-o' || arg === '--output') output = value();
    else if (arg === '--stats') stats = value();
    else if (arg === '--video-codec') {
      const codec = value();
      if (!(['avc', 'hevc', 'av1', 'vp9', 'vp8'] as const).includes(codec as VideoCodecChoice)) throw new UsageError('--video-codec is avc, hevc, av1, vp9 or vp8');
      videoCodec = codec as VideoCodecChoice;
    } else if (arg === '--renderer') {
      const choice = value();
      if (!isRendererChoice(choice)) throw new UsageError('--renderer is auto, webgpu or webgl2');
      renderer = choice;
    }
    else if (arg === '--from') fromSeconds = seconds(arg, rest[++i]);
    else if (arg === '--to') toSeconds = seconds(arg, rest[++i]);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (!output) throw new UsageError('render needs -o OUT.mp4 (or .webm, .m4a)');
  if (files.length === 0) throw new UsageError('render needs a PROJECT.json or at least one media FILE');
  if (fromSeconds !== undefined && toSeconds !== undefined && toSeconds <= fromSeconds) throw new UsageError('--to must be after --from');
  const isProject = files.length === 1 && files[0]!.toLowerCase().endsWith('.json');
  if (isProject && (fromSeconds !== undefined || toSeconds !== undefined)) throw new UsageError('--from/--to apply to a media FILE, not a project (put inUs/outUs in the project)');
  if (!isProject && files.length > 1 && (fromSeconds !== undefined || toSeconds !== undefined)) throw new UsageError('--from/--to trim a single FILE; several files are joined whole');
  return {
    kind: 'render',
    ...(isProject ? { project: files[0]! } : {}),
    files: isProject ? [] : files,
    output,
    renderer,
    ...(videoCodec ? { videoCodec } : {}),
    ...(stats ? { stats } : {}),
    ...(fromSeconds !== undefined ? { fromSeconds } : {}),
    ...(toSeconds !== undefined ? { toSeconds } : {}),
  };
}

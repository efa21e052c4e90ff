import { CorruptMediaError, MediaError, UnsupportedMediaError } from './errors.ts';
import { cannotDecodeMessage } from './codec-names.ts';
import { Signal } from './signal.ts';
import { formatTimecode } from '../model/time.ts';

/** The part of VideoDecoder/AudioDecoder this loop needs. */
export interface DecoderLike<Chunk> {
  readonly decodeQueueSize: number;
  readonly state: CodecState;
  addEventListener(type: 'dequeue', listener: () => void): void;
  decode(chunk: Chunk): void;
  flush(): Promise<void>;
  close(): void;
}

export interface DecodeStreamOptions<Out, Chunk> {
  create(output: (out: Out) => void, error: (error: DOMException) => void): DecoderLike<Chunk>;
  chunks: AsyncIterable<Chunk>;
  /** Decoder queue plus undelivered outputs never exceed this: memory stays flat. */
  maxAhead: number;
  /** The error to throw; `lastGoodUs` is the last output's time (null before the first), so a message can say where the damage is. */
  wrapError(error: unknown, lastGoodUs: number | null): Error;
}

/** Every decoder now running, for the preview's stats overlay. */
const running = new Set<{ decoder: DecoderLike<unknown>; outputs: unknown[] }>();

/** Chunks waiting in every running decoder plus frames decoded and not yet taken: the decode queue the stats show. */
export function decodeQueueDepth(): number {
  let depth = 0;
  for (const { decoder, outputs } of running) depth += (decoder.state === 'configured' ? decoder.decodeQueueSize : 0) + outputs.length;
  return depth;
}

/**
 * Feeds chunks to a decoder and yields its outputs in order, with back-pressure:
 * the feeder waits while `decodeQueueSize` plus undelivered outputs reach
 * `maxAhead`. Stopping early (break/return/throw) closes every undelivered
 * output and the decoder.
 */
export async function* decodeStream<Out extends { close(): void; readonly timestamp: number }, Chunk>(options: DecodeStreamOptions<Out, Chunk>): AsyncGenerator<Out> {
  const outputs: Out[] = [];
  const signal = new Signal();
  let failure: Error | undefined;
  let fed = false;
  let stopped = false;
  let lastGoodUs: number | null = null;
  const decoder = options.create(
    (out) => {
      lastGoodUs = out.timestamp;
      if (stopped) out.close();
      else outputs.push(out);
      signal.notify();
    },
    (error) => {
      failure ??= options.wrapError(error, lastGoodUs);
      signal.notify();
    },
  );
  decoder.addEventListener('dequeue', () => signal.notify());
  const entry = { decoder: decoder as DecoderLike<unknown>, outputs };
  running.add(entry);
  const feed = (async () => {
    for await (const chunk of options.chunks) {
      while (!stopped && !failure && decoder.decodeQueueSize + outputs.length >= options.maxAhead) await signal.wait();
      if (stopped || failure) return;
      decoder.decode(chunk);
    }
    if (!stopped && !failure) await decoder.flush();
  })().then(
    () => {
      fed = true;
      signal.notify();
    },
    (error: unknown) => {
      failure ??= options.wrapError(error, lastGoodUs);
      signal.notify();
    },
  );
  try {
    for (;;) {
      if (failure) throw failure;
      const next = outputs.shift();
      if (next) {
        signal.notify();
        yield next;
        continue;
      }
      if (fed) return;
      await signal.wait();
    }
  } finally {
    stopped = true;
    running.delete(entry);
    for (const out of outputs.splice(0)) out.close();
    if (decoder.state !== 'closed') decoder.close();
    signal.notify();
    await feed;
  }
}

type DecoderClass<Out, Chunk, Config> = new (init: { output: (out: Out) => void; error: (error: DOMException) => void }) => DecoderLike<Chunk> & {
  configure(config: Config): void;
};

/**
 * decodeStream for one track of a file: configures the WebCodecs decoder
 * (a refusal becomes "This browser can't decode …") and turns decode errors
 * into a CorruptMediaError that names the file.
 */
export function decodeTrack<Out extends { close(): void; readonly timestamp: number }, Chunk, Config>(options: {
  Decoder: DecoderClass<Out, Chunk, Config>;
  config: Config;
  kind: 'video' | 'audio';
  codec: string;
  fileName: string;
  chunks: AsyncIterable<Chunk>;
  maxAhead: number;
  /** Where in the file decoding starts (µs): the message says where it failed ("near 0:02.000"), this if before any output. */
  startUs: number;
}): AsyncGenerator<Out> {
  const { kind, fileName } = options;
  return decodeStream<Out, Chunk>({
    create(output, error) {
      const decoder = new options.Decoder({ output, error });
      try {
        decoder.configure(options.config);
      } catch {
        decoder.close();
        throw new UnsupportedMediaError(cannotDecodeMessage(kind, options.codec, fileName));
      }
      return decoder;
    },
    chunks: options.chunks,
    maxAhead: options.maxAhead,
    wrapError: (error, lastGoodUs) =>
      error instanceof MediaError
        ? error
        : new CorruptMediaError(`"${fileName}" could not be decoded near ${formatTimecode(lastGoodUs ?? options.startUs)}: its ${kind} data is damaged (${error instanceof Error ? error.message : String(error)}).`),
  });
}

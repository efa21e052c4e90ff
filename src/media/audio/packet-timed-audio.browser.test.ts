import { afterEach, describe, expect, it, vi } from 'vitest';
import { PacketTimedAudio } from './packet-timed-audio.ts';
import { recordAudioCopies } from '../../test-support/audio-copies.ts';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('PacketTimedAudio', () => {
  afterEach(() => vi.restoreAllMocks());

  it('retimes mono float sound copied as s32, in neither float layout (the same bytes: WebKitGTK 2.50 copies them as its own format and dies)', async () => {
    const copies = recordAudioCopies();
    const timing = new PacketTimedAudio();
    const packet = new EncodedAudioChunk({ type: 'key', timestamp: 8_000_000, data: new Uint8Array(4) });
    for await (const chunk of timing.feed(from([packet]))) expect(chunk.timestamp).toBe(8_000_000);
    // The decoder's output 8 s early, as WebKitGTK's AAC decoder gives it.
    const samples = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i / 5) * 0.5);
    const output = new AudioData({ format: 'f32-planar', sampleRate: 48_000, numberOfFrames: 1024, numberOfChannels: 1, timestamp: 0, data: samples });
    const [retimed] = await Array.fromAsync(timing.timed(from([output])));
    expect(retimed!.timestamp).toBe(8_000_000);
    expect(copies.map(([, copied]) => copied)).toEqual(['s32']);
    const back = new Float32Array(1024);
    retimed!.copyTo(back, { planeIndex: 0, format: 'f32-planar' });
    retimed!.close();
    for (let i = 0; i < 1024; i += 17) expect(back[i]).toBeCloseTo(samples[i]!, 6);
  });
});

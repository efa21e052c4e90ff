import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTsPacket, tsLayout, type TsLayout } from './ts-packet.ts';
import { programStreams } from './ts-program.ts';
import { endingAtWholeFrames, SOUND_FRAMES } from './ts-whole-sound-frames.ts';

const adts = SOUND_FRAMES.get(0x0f)!;

/** An ADTS frame of `bytes` bytes (header included), its payload `fill`. */
function adtsFrame(bytes: number, fill: number): number[] {
  return [0xff, 0xf1, 0x4c, 0x80 | (bytes >> 11), (bytes >> 3) & 0xff, ((bytes & 7) << 5) | 0x1f, 0xfc, ...Array<number>(bytes - 7).fill(fill)];
}

/** `payload` (184 bytes) as a TS packet of PID 0x101 in `layout`, the PES starting in it; a 192-byte one with a timecode first. */
function packet(payload: number[], { stride, syncAt }: TsLayout): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(stride).fill(0xee);
  bytes.set([1, 2, 3, 4].slice(0, syncAt));
  bytes.set([0x47, 0x41, 0x01, 0x10, ...payload], syncAt);
  return bytes;
}

describe('an AAC PES cut short, ended after its last whole ADTS frame', () => {
  // A 14-byte PES head declaring a 169-byte frame and a 100-byte one; only the first TS packet arrived, which holds the
  // first frame and 1 byte of the second.
  const head = [0, 0, 1, 0xc0, 0, 14 + 169 + 100 - 6, 0x80, 0x80, 5, 0x21, 0, 1, 0, 1];
  const payload = [...head, ...adtsFrame(169, 0xaa), ...adtsFrame(100, 0xbb)].slice(0, 184);

  for (const layout of [{ stride: 188, syncAt: 0 }, { stride: 192, syncAt: 4 }] as const) {
    it(`keeps the whole frame, stuffing the one byte left with an empty adaptation field (${layout.stride}-byte packets)`, () => {
      const [rewritten] = endingAtWholeFrames([packet(payload, layout)], layout, adts)!;
      const read = readTsPacket(rewritten!, layout.syncAt)!;
      expect([read.pid, read.starts, read.stuffing]).toEqual([0x101, true, 1]);
      expect([...read.payload]).toEqual([...head.slice(0, 5), 14 + 169 - 6, ...payload.slice(6, 183)]);
      expect([...rewritten!.subarray(0, layout.syncAt)]).toEqual([1, 2, 3, 4].slice(0, layout.syncAt));
    });
  }

  it('gives nothing to keep when no frame is whole', () => {
    const layout = { stride: 188, syncAt: 0 } as const;
    expect(endingAtWholeFrames([packet([...head, ...adtsFrame(300, 0xaa)].slice(0, 184), layout)], layout, adts)).toBeUndefined();
  });
});

describe('sound frame lengths, from their headers', () => {
  /** Each whole PES packet of the file's sound stream: its type and the bytes after its PES head. */
  async function soundPes(file: string): Promise<{ type: number; es: Uint8Array[] }> {
    const bytes = new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${file}`, import.meta.url)));
    const layout = tsLayout(bytes)!;
    const sound = (await programStreams(new Blob([bytes]), layout))!.find((s) => SOUND_FRAMES.has(s.type))!;
    const pes: number[][] = [];
    for (let at = layout.syncAt; at + 188 <= bytes.length; at += layout.stride) {
      const packet = readTsPacket(bytes, at)!;
      if (packet.pid !== sound.pid) continue;
      if (packet.starts) pes.push([]);
      pes.at(-1)?.push(...packet.payload);
    }
    return { type: sound.type, es: pes.map((p) => Uint8Array.from(p.slice(9 + p[8]!))) };
  }

  // FFmpeg's: AAC (ADTS), MP3 (MPEG-1 Layer III), MP2 (MPEG-1 Layer II), AC-3, each PES packet holding several frames.
  for (const [file, type] of [['barcode-h264-aac.m2t', 0x0f], ['late-sound-mp3.m2t', 0x03], ['h264-mp2.m2t', 0x03], ['barcode-h264-ac3.m2ts', 0x81]] as const) {
    it(`tile each PES packet of ${file} exactly`, async () => {
      const sound = await soundPes(file);
      expect(sound.type).toBe(type);
      const frameBytes = SOUND_FRAMES.get(type)!;
      for (const es of sound.es) {
        let at = 0;
        let frames = 0;
        for (let frame = frameBytes(es, 0); frame > 0 && at < es.length; frame = frameBytes(es, at), frames++) at += frame;
        expect([at, frames > 1]).toEqual([es.length, true]);
      }
    });
  }

  it('MPEG-2 Layer III at 24 kHz, MPEG-1 Layer I padded at 44.1 kHz, AC-3 at 44.1 kHz (odd code: one word more)', () => {
    const mpeg = SOUND_FRAMES.get(0x03)!;
    expect(mpeg(Uint8Array.of(0xff, 0xf3, 0x44, 0), 0)).toBe(96);
    expect(mpeg(Uint8Array.of(0xff, 0xff, 0x12, 0), 0)).toBe(36);
    expect(SOUND_FRAMES.get(0x81)!(Uint8Array.of(0x0b, 0x77, 0, 0, 0x49), 0)).toBe(280);
    // Reserved version, free or bad bitrate: no length to go by.
    expect([mpeg(Uint8Array.of(0xff, 0xeb, 0x44, 0), 0), mpeg(Uint8Array.of(0xff, 0xfb, 0x04, 0), 0), mpeg(Uint8Array.of(0xff, 0xfb, 0xf4, 0), 0)]).toEqual([0, 0, 0]);
  });
});

/**
 * When each encoded sound packet plays. WebKitGTK 2.50 stamps every packet one input block gives with that
 * block's start and length (measured, AAC and Opus alike: eight 1024-sample AAC packets from a block of 8192
 * samples, all at the block's timestamp and each "170666 µs" long), which a muxer reads as packets stacked on
 * one instant. A packet that does not start after the one before it is placed right after it instead, one
 * codec frame long; packets stamped in order (as Chromium's encoders do) keep their own times.
 */
export class PacketTimes {
  private previous: { start: number; frameEnd: number } | null = null;

  /** `frameUs`: one packet's length (AAC: 1024 samples; Opus: its frame duration). */
  constructor(private readonly frameUs: number) {}

  /** The packet's time and length, and whether they are its own. */
  place(timestamp: number, duration: number | null): { timestamp: number; duration: number; own: boolean } {
    const previous = this.previous;
    if (previous && timestamp <= previous.start) {
      this.previous = { start: previous.frameEnd, frameEnd: previous.frameEnd + this.frameUs };
      return { timestamp: Math.round(previous.frameEnd), duration: Math.round(this.frameUs), own: false };
    }
    this.previous = { start: timestamp, frameEnd: timestamp + this.frameUs };
    return { timestamp, duration: duration ?? Math.round(this.frameUs), own: true };
  }
}

/** One packet's length in µs for an audio encoder's configuration. */
export function packetMicros(codec: 'aac' | 'opus', config: AudioEncoderConfig): number {
  return codec === 'aac' ? (1024 * 1_000_000) / config.sampleRate : ((config as AudioEncoderConfig & { opus?: { frameDuration?: number } }).opus?.frameDuration ?? 20_000);
}

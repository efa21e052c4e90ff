import { isFloat } from './audio-data-planes.ts';

/** An output this near the oldest packet not yet answered is the decoder's own time: Chromium's Opus decoder moves its outputs by the pre-skip (6.5 ms), on purpose. */
const TRUSTED_US = 500_000;

/**
 * Decoded sound that carries its packet's time. WebKitGTK 2.50's AudioDecoder does not: measured on an AAC track,
 * its outputs for packets at 0 to 8 s ran from about −8 s up to 0, so sound placed by time fell off the timeline.
 * Each packet fed is remembered; an output near the oldest one not yet answered passes as it is (Chromium's do),
 * one far from it takes that packet's time (a packet of AAC, Opus or MP3 decodes to one output, in order) and is
 * remade with it.
 */
export class PacketTimedAudio {
  private readonly fed: number[] = [];

  /** `chunks`, noting each one's time as it goes to the decoder. */
  async *feed(chunks: AsyncIterable<EncodedAudioChunk>): AsyncGenerator<EncodedAudioChunk> {
    for await (const chunk of chunks) {
      this.fed.push(chunk.timestamp);
      yield chunk;
    }
  }

  /** The decoder's outputs, each at its packet's time (an output remade closes the decoder's). */
  async *timed(outputs: AsyncIterable<AudioData>): AsyncGenerator<AudioData> {
    for await (const data of outputs) {
      const oldest = this.fed[0];
      if (oldest === undefined || Math.abs(data.timestamp - oldest) <= TRUSTED_US) {
        // The packets this output answers: those up to its own time.
        while (this.fed.length > 0 && this.fed[0]! <= data.timestamp + 1000) this.fed.shift();
        yield data;
        continue;
      }
      yield retimed(data, this.fed.shift()!);
    }
  }
}

/**
 * `data`'s samples at `timestamp`, copied in the other float layout (WebKitGTK 2.50 kills the page on a copy that keeps it);
 * mono float as s32, as its two float layouts are the same bytes, which WebKitGTK copies as the data's own format.
 */
function retimed(data: AudioData, timestamp: number): AudioData {
  try {
    const frames = data.numberOfFrames;
    const channels = data.numberOfChannels;
    const mono = channels === 1 && isFloat(data.format);
    const samples = mono ? new Int32Array(frames) : new Float32Array(frames * channels);
    const format: AudioSampleFormat = mono ? 's32' : data.format === 'f32-planar' ? 'f32' : 'f32-planar';
    if (format !== 'f32-planar') data.copyTo(samples, { planeIndex: 0, format });
    else for (let c = 0; c < channels; c++) data.copyTo(samples.subarray(c * frames, (c + 1) * frames), { planeIndex: c, format });
    return new AudioData({ format, sampleRate: data.sampleRate, numberOfFrames: frames, numberOfChannels: channels, timestamp, data: samples });
  } finally {
    data.close();
  }
}

import type { EncodedPacket } from 'mediabunny';

/** How many sample frames this browser's decoder gives for `packets` (decoded from a fresh decoder); undefined when it fails. */
export async function decodedFrames(config: AudioDecoderConfig, packets: readonly EncodedPacket[]): Promise<number | undefined> {
  let frames = 0;
  let failed = false;
  const decoder = new AudioDecoder({
    output: (data) => {
      frames += data.numberOfFrames;
      data.close();
    },
    error: () => {
      failed = true;
    },
  });
  try {
    decoder.configure(config);
    for (const packet of packets) decoder.decode(packet.toEncodedAudioChunk());
    await decoder.flush();
  } catch {
    return undefined;
  } finally {
    if (decoder.state !== 'closed') decoder.close();
  }
  return failed ? undefined : frames;
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createVoiceRecorder } from './create-voice-recorder.ts';

/** A microphone stand-in: a tone from Web Audio, as a real MediaStream the recorder can record. */
function fakeMicrophone() {
  const context = new AudioContext();
  const streams: MediaStream[] = [];
  const getUserMedia = vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockImplementation(async () => {
    const oscillator = context.createOscillator();
    const destination = context.createMediaStreamDestination();
    oscillator.connect(destination);
    oscillator.start();
    streams.push(destination.stream);
    return destination.stream;
  });
  const live = () => streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
  return { getUserMedia, live, close: () => context.close() };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

afterEach(() => vi.restoreAllMocks());

describe('createVoiceRecorder', () => {
  it('a second press while the microphone opens starts no second recording (its microphone left on, never stopped)', async () => {
    const microphone = fakeMicrophone();
    const recorded: File[] = [];
    await createRoot(async (dispose) => {
      const voice = createVoiceRecorder({ onStart: () => undefined, onRecorded: async (file) => void recorded.push(file), onError: (message) => expect.fail(message) });
      voice.toggle();
      voice.toggle(); // a double click
      await until(voice.recording);
      await new Promise((resolve) => setTimeout(resolve, 300));
      voice.toggle();
      await until(() => recorded.length > 0);
      expect(microphone.getUserMedia).toHaveBeenCalledTimes(1);
      expect(microphone.live()).toBe(0);
      expect(voice.recording()).toBe(false);
      dispose();
    });
    await microphone.close();
  });

  it('stops, freeing the microphone, when it is put away mid-recording', async () => {
    const microphone = fakeMicrophone();
    await createRoot(async (dispose) => {
      const voice = createVoiceRecorder({ onStart: () => undefined, onRecorded: async () => undefined, onError: (message) => expect.fail(message) });
      voice.toggle();
      await until(voice.recording);
      dispose();
      await until(() => microphone.live() === 0);
      expect(microphone.live()).toBe(0);
    });
    await microphone.close();
  });
});

describe('createVoiceRecorder refusals', () => {
  /** Starts a recording with `getUserMedia` refusing with `error`; the message said. */
  async function refusal(error: unknown): Promise<string> {
    vi.spyOn(navigator.mediaDevices, 'getUserMedia').mockRejectedValue(error);
    return createRoot(async (dispose) => {
      let said = '';
      const voice = createVoiceRecorder({ onStart: () => expect.fail('started'), onRecorded: async () => expect.fail('recorded'), onError: (message) => (said = message) });
      voice.toggle();
      await until(() => said !== '');
      dispose();
      return said;
    });
  }

  it('names a missing microphone, whether the refusal is a DOMException or (as WebKit’s OverconstrainedError) a plain Error', async () => {
    expect(await refusal(new DOMException('Requested device not found', 'NotFoundError'))).toBe('No microphone was found: connect one, then record again.');
    // WebKitGTK 2.50 with no microphone: an OverconstrainedError that extends Error, not DOMException, its constraint empty.
    const webkit = Object.assign(new Error('Invalid constraint'), { name: 'OverconstrainedError', constraint: '' });
    expect(webkit).not.toBeInstanceOf(DOMException);
    expect(await refusal(webkit)).toBe('No microphone was found: connect one, then record again.');
    expect(await refusal(new Error('boom'))).toBe('The microphone could not be opened: boom');
  });
});

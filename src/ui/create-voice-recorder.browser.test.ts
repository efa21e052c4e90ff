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

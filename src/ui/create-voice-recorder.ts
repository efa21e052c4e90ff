import { createSignal, onCleanup } from 'solid-js';
import { withoutRepeatedFragmentHeaders } from '../media/mp4-repeated-fragment.ts';

/** Containers the recorder may write, best first: Opus in WebM (Chromium, Firefox), AAC in MP4 (Safari). */
const RECORDING_TYPES = [
  { mimeType: 'audio/webm;codecs=opus', extension: 'webm' },
  { mimeType: 'audio/mp4', extension: 'm4a' },
  { mimeType: 'audio/ogg;codecs=opus', extension: 'ogg' },
] as const;

/**
 * What a failed `getUserMedia` means, in words for the person recording. Read by its name from any Error:
 * WebKit's OverconstrainedError (its refusal when there is no microphone) is an Error but no DOMException.
 */
function microphoneProblem(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'Spool may not use the microphone: allow it in this site’s settings in the browser, then record again.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No microphone was found: connect one, then record again.';
  if (name === 'NotReadableError') return 'The microphone is in use by another program, or the system refused it.';
  return `The microphone could not be opened: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Records the microphone (a voice-over) with MediaRecorder, in this browser's
 * own format. The recording is a file like any other: `onRecorded` imports and
 * places it. Nothing is sent anywhere.
 */
export function createVoiceRecorder(options: { onStart: () => void; onRecorded: (file: File) => Promise<void>; onError: (message: string) => void }) {
  const [recording, setRecording] = createSignal(false);
  let recorder: MediaRecorder | null = null;
  /** While the microphone opens: a second press (a double click) must not open another, which nothing would ever stop. */
  let opening = false;
  let disposed = false;
  let count = 0;

  async function start(): Promise<void> {
    if (recorder || opening) return;
    const type = RECORDING_TYPES.find((t) => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(t.mimeType));
    if (!navigator.mediaDevices?.getUserMedia || !type) return options.onError('This browser cannot record sound here (no microphone access or no recorder).');
    let stream: MediaStream;
    opening = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      return options.onError(microphoneProblem(error));
    } finally {
      opening = false;
    }
    if (disposed) return stopTracks(stream);
    const chunks: Blob[] = [];
    const active = new MediaRecorder(stream, { mimeType: type.mimeType });
    recorder = active;
    active.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
    active.onstop = () => {
      stopTracks(stream);
      recorder = null;
      setRecording(false);
      const blob = new Blob(chunks, { type: type.mimeType });
      if (blob.size === 0) return options.onError('Nothing was recorded.');
      const name = `voice-over-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${++count}.${type.extension}`;
      void (async () => {
        const whole = type.extension === 'm4a' ? await withoutRepeatedFragmentHeaders(blob) : blob;
        await options.onRecorded(new File([whole], name, { type: type.mimeType }));
      })();
    };
    active.start(1000);
    setRecording(true);
    options.onStart();
  }

  // Put away mid-recording: the microphone is let go, and what was recorded goes nowhere.
  onCleanup(() => {
    disposed = true;
    if (!recorder) return;
    const stream = recorder.stream;
    recorder.onstop = null;
    recorder.stop();
    stopTracks(stream);
  });

  return {
    recording,
    /** Starts recording, or stops and hands the recording on. */
    toggle: () => (recorder ? recorder.stop() : void start()),
    /** Stops a recording, if one runs, handing it on. */
    stop: () => recorder?.stop(),
  };
}

const stopTracks = (stream: MediaStream) => {
  for (const track of stream.getTracks()) track.stop();
};

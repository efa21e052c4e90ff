/**
 * Errors a person meets. Each message says what happened and what to do; the
 * `name` survives the trip across a worker boundary so the UI and CLI can tell
 * them apart. Names are spelled out: a minified build renames classes.
 */
export class MediaError extends Error {
  override name = 'MediaError';
}

/** The file is not media we read at all, or uses a codec this browser cannot decode. */
export class UnsupportedMediaError extends MediaError {
  override name = 'UnsupportedMediaError';
}

/** The file looks like media but is damaged or cut short. */
export class CorruptMediaError extends MediaError {
  override name = 'CorruptMediaError';
}

/** A clip refers to media that is not open (removed, or never imported in this session). */
export class MissingMediaError extends MediaError {
  override name = 'MissingMediaError';
}

/** The browser's storage for this site is too full to keep a file. */
export class StorageQuotaError extends MediaError {
  override name = 'StorageQuotaError';
}

export class ExportCanceledError extends MediaError {
  override name = 'ExportCanceledError';
  constructor() {
    super('Export canceled.');
  }
}

/** The platform cannot do the job (no WebGPU, no encoder for this size...). */
export class PlatformError extends MediaError {
  override name = 'PlatformError';
}

/** An export's write that failed: a full disk says so and what to do; anything else passes through. */
export function explainWriteError(error: unknown): Error {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new StorageQuotaError("There is no room left in this browser's storage for the export. Delete exports or media you no longer need (or free disk space), then export again. The project is unchanged.");
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** A message fit to show a person, for any thrown value (including ones that crossed a worker). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

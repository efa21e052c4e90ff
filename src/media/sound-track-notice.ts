import type { MediaSource } from './media-source.ts';

/** Says, for a file with several sound tracks, which one Spool uses: the others are left out, never silently. */
export function soundTrackNotice(source: MediaSource): string | undefined {
  const choice = source.audio?.choice;
  if (!choice || choice.count < 2) return undefined;
  const others = choice.count - 1;
  const named = choice.name ? ` ("${choice.name}")` : '';
  const why = choice.isDefault ? 'the one it plays by default' : 'as this browser cannot play the one it plays by default';
  return `"${source.name}" has ${choice.count} sound tracks: Spool uses track ${choice.number}${named}, ${why}, and leaves the ${others === 1 ? 'other' : `other ${others}`} out.`;
}

import type { ManifestOptions } from 'vite-plugin-pwa';
import { SHARE_ACTION, SHARE_FILES_FIELD } from './src/sw/receive-share.ts';

/** What Spool opens when the system hands it files (the same types the import button takes). */
const OPENS: Record<string, string[]> = {
  'video/mp4': ['.mp4', '.m4v'],
  'video/quicktime': ['.mov'],
  'video/webm': ['.webm'],
  'video/x-matroska': ['.mkv'],
  'video/mp2t': ['.ts', '.mts', '.m2ts', '.m2t'],
  'audio/mp4': ['.m4a'],
  'audio/mpeg': ['.mp3'],
  'audio/wav': ['.wav'],
  'audio/flac': ['.flac'],
  'audio/ogg': ['.ogg', '.opus'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
};

/** The web app manifest: installable (icons, standalone), opens media files, and receives shared ones. */
export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Spool',
  short_name: 'Spool',
  description: 'A video editor that runs entirely in your browser.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: '#15171c',
  background_color: '#15171c',
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
  ],
  screenshots: [
    { src: '/screenshots/wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'Editing a clip with the timeline, preview and export panel' },
    { src: '/screenshots/narrow.png', sizes: '540x960', type: 'image/png', form_factor: 'narrow', label: 'Spool on a narrow screen' },
  ],
  file_handlers: [{ action: '/', accept: OPENS }],
  // The service worker answers this POST (src/sw/receive-share.ts): shared files go to the inbox, then the app imports them.
  share_target: {
    action: SHARE_ACTION,
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { files: [{ name: SHARE_FILES_FIELD, accept: ['video/*', 'audio/*', 'image/*'] }] },
  },
};

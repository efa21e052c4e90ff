/**
 * Starts the page's media framework before anything uses WebCodecs. WebKitGTK 2.50 (GStreamer) kills its
 * web process on the first VideoEncoder/AudioEncoder/decoder call — on the page or in any of its workers —
 * unless a media element has been asked about a type first (WebKit bug 320327, fixed after 2.50). Measured:
 * this one call on the page, before the workers start, is enough for every worker. Elsewhere it is a cheap question.
 */
export function warmMediaFramework(): void {
  document.createElement('video').canPlayType('video/mp4');
}

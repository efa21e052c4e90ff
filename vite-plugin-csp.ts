import type { Plugin } from 'vite';

/**
 * The built app's Content Security Policy: only its own scripts (no inline
 * script, no eval), its own styles (Solid sets style through the CSSOM, which
 * the policy allows, so no 'unsafe-inline'), and nothing fetched from another
 * origin; no WebAssembly either (nothing needs it). blob: workers are how
 * mediabunny merges the alpha plane of transparent WebM video; blob: images
 * are the media bin's thumbnails.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The policy as a <meta> in the production build's index.html (the dev server
 * needs inline scripts for hot reload, so it gets none), and as a header from
 * `vite preview`, which also covers the workers and the service worker.
 */
export function contentSecurityPolicy(): Plugin[] {
  return [
    {
      name: 'spool-csp-meta',
      apply: 'build',
      transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
    {
      name: 'spool-csp-header',
      configurePreviewServer(server) {
        server.middlewares.use((_request, response, next) => {
          response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
          next();
        });
      },
    },
  ];
}

/**
 * The renderer's Content-Security-Policy: scripts, styles and connections from our own origin only; no
 * inline scripts, no eval, no plugins, no framing. Images may be data:/blob: URLs (canvas snapshots).
 * Used by the browser-mode server as a header and by the Electron shell for file:// responses; the same
 * policy is in renderer/index.html as a meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

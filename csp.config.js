/**
 * The Content Security Policy of the built console. No inline script at all;
 * scripts, styles and the favicon come from the console's own origin; the only
 * connections are WebSockets (the gateway URL is chosen at run time, so the
 * policy allows ws:/wss:, and `npm start` narrows it to its gateway with a header).
 * Inline style attributes stay allowed: Svelte sets `style=` for layout values.
 */
/** @param {string} [connectSrc] @returns {string} */
export function contentSecurityPolicy(connectSrc = "'self' ws: wss:") {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

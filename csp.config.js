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

/**
 * Headers every server we ship sends with the console. A `<meta>` CSP cannot
 * forbid framing (browsers ignore frame-ancestors there), so only a header stops
 * another site from framing the console and tricking clicks onto its buttons;
 * X-Frame-Options covers browsers without frame-ancestors. No referrer leaves the
 * page, so an address with a fragment-borne secret is never sent anywhere.
 * @param {string} [connectSrc]
 * @returns {Record<string, string>}
 */
export function securityHeaders(connectSrc) {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(connectSrc)}; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The dev server's headers: its HMR client needs inline script and its own socket,
 * so only framing is refused there.
 * @returns {Record<string, string>}
 */
export function devSecurityHeaders() {
  return {
    'Content-Security-Policy': "frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
}

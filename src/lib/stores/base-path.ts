// Where the console lives on its origin. An OpenClaw gateway may serve it under a prefix
// (`gateway.controlUi.basePath`, e.g. `/console`) and then writes that prefix into
// `<html data-openclaw-control-ui-base-path="/console">`; every other server we ship serves it
// at `/`. The same build runs in both: the prefix is read once at start, never built in.
// Inside the app every address is written without the prefix (`/sessions`); `withBase` adds it
// where an address leaves for the browser (a link's href, the history, the service worker).

/** The attribute an OpenClaw gateway adds to `<html>` when it serves a Control UI build itself. */
export const GATEWAY_SERVED_ATTRIBUTE = 'data-openclaw-control-ui-base-path';

/**
 * A base path as the gateway normalises it: `''` or `/a/b` (leading slash, none trailing).
 * Anything that is not a plain path (a scheme, `//host`, dot segments, a query) counts as `''`:
 * the prefix only ever moves addresses within this origin.
 */
export function normalizeBase(raw: string | null | undefined): string {
  const value = raw?.trim() ?? '';
  if (!value || value === '/') return '';
  const path = (value.startsWith('/') ? value : `/${value}`).replace(/\/+$/, '');
  const segments = path.slice(1).split('/');
  const plain = segments.every((s) => s !== '' && s !== '.' && s !== '..' && !/[?#\\:]/.test(s));
  return plain ? path : '';
}

/** The base the page was served under, from the gateway's mark on `<html>`; `''` elsewhere. */
export function detectBase(
  html: Element | undefined = globalThis.document?.documentElement,
): string {
  return normalizeBase(html?.getAttribute(GATEWAY_SERVED_ATTRIBUTE));
}

/** This page's base path, read once: it cannot change without a new page load. */
export const BASE = detectBase();

/** An in-app address (`/sessions?x=1`) as the browser's address under `base` (`/console/sessions?x=1`). */
export function withBase(path: string, base: string = BASE): string {
  // Only in-app absolute paths move; a `#fragment` or a full URL is already where it points.
  return base && path.startsWith('/') && !path.startsWith('//') ? `${base}${path}` : path;
}

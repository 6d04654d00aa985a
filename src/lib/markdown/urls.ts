/** URL vetting for links produced from untrusted text. */

// Bidi controls and zero-width characters: invisible, so they can disguise a scheme
// ("java\u200Bscript:") or make a URL read differently from where it goes.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// The WHATWG URL parser silently drops tabs and newlines anywhere ("java\tscript:")…
const TAB_OR_NEWLINE = /[\t\n\r]/g;
// …and trims C0 controls and spaces at both ends.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
// Any control character left in the middle has no legitimate use in a link.
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Schemes a rendered link may use. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
/** Schemes an image reference may be linked to (never loaded, only offered as a link). */
export const IMAGE_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Removes bidi controls and zero-width characters (used for URLs, never for prose). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** The normalised absolute URL if it uses one of `schemes`, else null (relative URLs are refused too). */
export function safeUrl(raw: string, schemes: ReadonlySet<string> = LINK_SCHEMES): string | null {
  // Clean exactly the way a browser would before it decides the scheme, so what we check is what runs.
  const cleaned = stripInvisible(raw).replace(TAB_OR_NEWLINE, '').replace(EDGE_JUNK, '');
  if (cleaned === '' || CONTROL.test(cleaned)) return null;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  if (!schemes.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  // url.href is canonical: lower-case scheme, percent-encoded, punycoded host (shows homographs).
  return url.href;
}

import { createRouter } from '@nanostores/router';
import { BASE, withBase } from './base-path';

// Session keys are chosen by other clients and may hold anything the gateway accepts, lone
// surrogates included, which encodeURIComponent refuses (it threw and blanked the session list).
// A path segment here is: `~XXXX` for one UTF-16 code unit (lone surrogates, '~' itself, and the
// dots of a '.' or '..' key, which URL parsers would resolve away), `~` alone for the empty key,
// and encodeURIComponent for everything else.
const ESCAPE = /~([0-9A-Fa-f]{4})/g;
const unit = (code: number) => `~${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Encodes any string (lone surrogates included) as one URL path segment that round-trips. */
export function encodeSessionKey(key: string): string {
  if (key === '') return '~';
  if (key === '.' || key === '..') return [...key].map(() => unit(0x2e)).join('');
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const next = key.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(key.slice(i, i + 2));
      i += 1;
    } else if ((code >= 0xd800 && code <= 0xdfff) || code === 0x7e) {
      out += unit(code);
    } else {
      out += encodeURIComponent(key[i]!);
    }
  }
  return out;
}

function decodePlain(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A hand-edited address with a broken %-sequence still names some session: keep it as typed.
    return text;
  }
}

/** Decodes a path segment made by encodeSessionKey (or typed by hand); never throws. */
export function decodeSessionKey(segment: string): string {
  if (segment === '~') return '';
  let out = '';
  let last = 0;
  for (const match of segment.matchAll(ESCAPE)) {
    out +=
      decodePlain(segment.slice(last, match.index)) + String.fromCharCode(parseInt(match[1]!, 16));
    last = match.index + match[0].length;
  }
  return out + decodePlain(segment.slice(last));
}

/** The console's routes, as in-app paths (no base path). */
const ROUTES = {
  overview: '/',
  connect: '/connect',
  sessions: '/sessions',
  wall: '/wall',
  fleet: '/fleet',
  approvals: '/approvals',
  logs: '/logs',
  cron: '/cron',
  usage: '/usage',
  nodes: '/nodes',
  search: '/search',
  activity: '/activity',
} as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The router for a page served under `base` (`''` or `/console`): it matches the browser's
 * addresses (`/console/sessions`), and `open` takes in-app paths (`/sessions`) and adds the base.
 * A full URL (what a clicked link hands it) is already the browser's address and is kept as is.
 */
export function createAppRouter(base: string) {
  const prefixed = Object.fromEntries(
    Object.entries(ROUTES).map(([name, path]) => [name, `${base}${path}`]),
  ) as { [K in keyof typeof ROUTES]: string };
  const created = createRouter({
    ...prefixed,
    // Decoded by us, not the router: its decodeURIComponent cannot undo our escapes and throws on
    // a malformed segment.
    session: [
      new RegExp(`^${escapeRegExp(base)}\\/sessions\\/([^/]+)$`, 'i'),
      (segment: string) => ({ key: decodeSessionKey(segment) }),
    ],
  });
  const open = created.open;
  created.open = (path, redirect) => open(withBase(path, base), redirect);
  return created;
}

/** The console's routes; every view has a URL so it can be bookmarked and shared. */
export const router = createAppRouter(BASE);

/** Opens one session's view. */
export function openSessionPage(key: string): void {
  router.open(sessionHref(key));
}

/** Opens the session list. */
export function openSessionsPage(): void {
  router.open('/sessions');
}

/** The URL of a session's view, for links; with a message id, the view opens at that message. */
export function sessionHref(key: string, messageId?: string): string {
  const path = `/sessions/${encodeSessionKey(key)}`;
  return messageId ? `${path}?message=${encodeURIComponent(messageId)}` : path;
}

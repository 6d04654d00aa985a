// What `npm start`'s server adds to the built console: a same-origin JSON naming the gateway it
// was started for (so a link to that gateway needs no confirmation) and a one-time code exchange
// that hands the gateway token to the page without the token ever being in a URL, where browser
// history would keep it.
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Path of the config JSON (the page reads it; keep in step with src/lib/stores/platform.ts). */
export const SERVER_CONFIG_PATH = '/console-config.json';
/** Path of the handoff endpoint: POST {code} → {token}, once. */
export const HANDOFF_PATH = '/console-handoff';
/** How long a printed link's code stays usable. */
export const HANDOFF_TTL_MS = 10 * 60_000;
const MAX_BODY = 1024;

/**
 * One-time codes for a token: each code is 128 random bits, exchanged at most once, and
 * expires after `ttlMs`.
 * @param {{ token: string, ttlMs?: number, now?: () => number }} options
 */
export function createHandoff({ token, ttlMs = HANDOFF_TTL_MS, now = Date.now }) {
  /** @type {Map<string, number>} code → expiry */
  const codes = new Map();
  const same = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  return {
    /** A fresh code for a printed link. */
    mint() {
      const code = randomBytes(16).toString('base64url');
      codes.set(code, now() + ttlMs);
      return code;
    },
    /** The token for a live code (which is then spent), else undefined. */
    exchange(code) {
      if (typeof code !== 'string') return undefined;
      for (const [known, expires] of codes) {
        if (expires <= now()) codes.delete(known);
        else if (same(known, code)) {
          codes.delete(known);
          return token;
        }
      }
      return undefined;
    },
  };
}

function send(res, status, body) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
}

/** Only the page itself may ask: a cross-site form or fetch is refused before the code is read. */
function sameOrigin(req) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return site === 'same-origin';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(''));
  });
}

/**
 * Connect-style middleware for the two endpoints.
 * @param {{ gateways: string[], anyGateway: boolean, handoff?: ReturnType<typeof createHandoff>,
 *   onUnusableCode?: () => void }} options
 */
export function consoleServerMiddleware({ gateways, anyGateway, handoff, onUnusableCode }) {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === SERVER_CONFIG_PATH && req.method === 'GET') {
      return send(res, 200, { gateways, anyGateway });
    }
    if (path !== HANDOFF_PATH) return next();
    if (req.method !== 'POST') return send(res, 405, { error: 'method' });
    if (!sameOrigin(req) || !req.headers['content-type']?.startsWith('application/json'))
      return send(res, 403, { error: 'same-origin JSON only' });
    void readBody(req).then((body) => {
      let code;
      try {
        code = JSON.parse(body).code;
      } catch {
        code = undefined;
      }
      const token = handoff?.exchange(code);
      if (token) return send(res, 200, { token });
      onUnusableCode?.();
      send(res, 410, { error: 'used or expired' });
    });
  };
}

/**
 * A Vite plugin that mounts the middleware on `vite preview`.
 * @param {Parameters<typeof consoleServerMiddleware>[0]} options
 */
export function consoleServerPlugin(options) {
  return {
    name: 'openclaw-console-server',
    configurePreviewServer(server) {
      server.middlewares.use(consoleServerMiddleware(options));
    },
  };
}

// How the bench recognises each console's states in the DOM. Ours has test ids;
// the built-in Control UI (Lit, openclaw 2026.9.6) is recognised by the classes
// and ARIA roles it renders, found by reading its DOM on a live gateway.
import { controlUiSessionPath, controlUiUrl, oursSessionPath, oursUrl } from './gateway.mjs';

/** Our console's status line (role=status holding the connection phase). */
const OURS_STATUS = '[role="status"]:has([data-testid="connection-phase"])';

/** Our console. */
export const ours = {
  key: 'ours',
  /** The overview, which shows live health. */
  coldUrl: (env) => oursUrl(env.consoleUrl, env.gateway, '/'),
  /** Connected and the health panel says Healthy. */
  ready: [
    { selector: '[data-testid="health-state"]', text: 'Healthy' },
    { selector: OURS_STATUS, text: 'Connected' },
  ],
  /** Connected (any page). */
  live: [{ selector: OURS_STATUS, text: 'Connected' }],
  sessionUrl: (env, key, gatewayUrl) =>
    oursUrl(
      env.consoleUrl,
      gatewayUrl ? { ...env.gateway, url: gatewayUrl } : env.gateway,
      oursSessionPath(key),
    ),
  /** The session list, where a click opens a session in-app. */
  listUrl: (env) => oursUrl(env.consoleUrl, env.gateway, '/sessions'),
  /** The link that opens a session from the list. */
  sessionLink: (key) => `a.session-link[href="${oursSessionPath(key)}"]`,
  /** The request that loads a session's transcript when it is opened. */
  transcriptMethod: 'chat.history',
  /** The "older messages" control, when history is paged. */
  olderButton: 'button:text("Load older messages")',
};

/** The gateway's built-in Control UI, served at the gateway's HTTP root. */
export const controlUi = {
  key: 'controlUi',
  /**
   * Its Debug page: the one page that shows the gateway's health snapshot
   * (its landing page, the chat, shows none); the token goes in its own
   * #token= handoff.
   */
  coldUrl: (env) => controlUiUrl(env.gateway, '/debug'),
  /** The Health snapshot row rendered with "ok": true. */
  ready: [
    {
      selector: 'openclaw-debug-page .settings-row',
      re: '^\\s*health\\b[\\s\\S]*"ok":\\s*true',
      flags: 'i',
    },
  ],
  /** Its landing page (chat), for a second, simpler comparison. */
  landingUrl: (env) => controlUiUrl(env.gateway, '/'),
  /** The sidebar footer's screen-reader status says Connected. */
  live: [{ selector: '.sidebar-footer-bar [role="status"]', text: 'Connected' }],
  sessionUrl: (env, key, gatewayUrl) =>
    controlUiUrl(env.gateway, controlUiSessionPath(key), gatewayUrl),
  listUrl: (env) => controlUiUrl(env.gateway, '/'),
  sessionLink: (key) => `.sidebar-recent-session[data-session-key="${key}"] a`,
  /** It prefetches chat.history for listed sessions; opening one asks chat.startup. */
  transcriptMethod: 'chat.startup',
};

/** The floor pages (bench/floor), served beside our build by the same preview server. */
export const floor = {
  /** Only the gateway client, a token and a device identity; draws our status and health markers. */
  clientUrl: (env) => oursUrl(env.consoleUrl, env.gateway, '/floor/index.html'),
  /** A raw socket with a token and no identity, for reference. */
  rawUrl: (env) => oursUrl(env.consoleUrl, env.gateway, '/floor/raw.html'),
};

/**
 * The streaming floor (bench/floor/stream.html): a raw socket that writes one session's newest
 * streamed text into a paragraph as each delta arrives; opened like a console's session page.
 */
export const streamFloor = {
  key: 'floor',
  live: [{ selector: OURS_STATUS, text: 'Connected' }],
  sessionUrl: (env, key, gatewayUrl) =>
    `${oursUrl(
      env.consoleUrl,
      gatewayUrl ? { ...env.gateway, url: gatewayUrl } : env.gateway,
      '/floor/stream.html',
    )}&${new URLSearchParams({ session: key })}`,
};

/** The streaming floor with ours' socket worker between the socket and the same bare writer. */
export const streamWorkerFloor = {
  ...streamFloor,
  key: 'floorWorker',
  sessionUrl: (env, key, gatewayUrl) => `${streamFloor.sessionUrl(env, key, gatewayUrl)}&worker=1`,
};

import { detectBase, GATEWAY_SERVED_ATTRIBUTE } from './base-path';
import type { CredentialStorages } from '../gateway/credentials';
import { indexedDbVault, type KeyVault } from '../gateway/identity';
import {
  policyViolationOf,
  type SocketPolicyViolation,
  type WebSocketConstructor,
} from '../gateway/socket';
import type { StartSocketWorker } from '../gateway/worker-socket';
import { browserServiceWorker, type ServiceWorkerPort } from './service-worker-port';

/** Everything the stores take from the browser, swappable in unit tests. */
export interface Platform {
  WebSocket: WebSocketConstructor;
  /** Starts a worker that owns a gateway socket; absent where the page keeps its own sockets. */
  startSocketWorker?: StartSocketWorker;
  storages: CredentialStorages;
  vault: KeyVault;
  origin: string;
  userAgent: string;
  /** Adds a window/document listener and returns its remover. */
  listen: (target: 'window' | 'document', type: string, handler: () => void) => () => void;
  isVisible: () => boolean;
  /** Calls back once before the next paint; returns a canceller. */
  nextFrame: (callback: () => void) => () => void;
  /** Tells the browser (and screen readers, fonts, hyphenation) which language the page is in. */
  setDocumentLanguage: (lang: string) => void;
  /** Sets the tab's title. */
  setTitle: (title: string) => void;
  /** Sets the tab's icon (a URL). */
  setIcon: (href: string) => void;
  /** Desktop notifications, where the browser has them. */
  notifications: NotificationPort;
  /** Asks to keep the screen on; resolves to a release, or undefined when refused or unsupported. */
  wakeLock: () => Promise<(() => void) | undefined>;
  /** Moves keyboard focus to the first element matching a selector; false when there is none. */
  focus: (selector: string) => boolean;
  /** Whether the page is shown inside another page's frame (a clickjacking set-up). */
  isFramed: () => boolean;
  /** The page's address (the fragment carries start-up links). */
  address: () => Pick<Location, 'hash' | 'pathname' | 'search'>;
  /** Replaces the address without a history entry (to drop a secret from it). */
  replaceAddress: (url: string) => void;
  /** What the server that served the page says about itself, when it is `npm start`. */
  serverConfig: () => Promise<ServerConfig | undefined>;
  /** Exchanges a one-time code with the serving `npm start` for the gateway token, once. */
  exchangeHandoff: (code: string) => Promise<string | undefined>;
  /** Calls back when the page's Content Security Policy refuses something; returns a remover. */
  onPolicyViolation: (handler: (violation: PolicyViolation) => void) => () => void;
  /** The service worker that keeps the app shell for offline starts and new deploys. */
  serviceWorker: ServiceWorkerPort;
  /**
   * Runs `task` holding a lock shared by every tab of this origin (Web Locks), released when it
   * settles or the tab dies; where the browser has no Web Locks, runs it at once.
   */
  withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
  /** The names of the locks held now by any tab of this origin (undefined without Web Locks). */
  heldLocks: () => Promise<string[] | undefined>;
}

/** `/console-config.json` as `npm start` serves it: the gateways it was started for. */
export interface ServerConfig {
  gateways: string[];
  /** Started with --any-gateway: the CSP lets the page connect anywhere. */
  anyGateway: boolean;
}

/** A CSP refusal, as the page's (or the socket worker's) `securitypolicyviolation` event reports it. */
export type PolicyViolation = SocketPolicyViolation;

/** Where `npm start` serves its config and its one-time token handoff (same origin as the page). */
export const SERVER_CONFIG_PATH = '/console-config.json';
/** The handoff endpoint: POST `{code}` → `{token}`, once. */
export const HANDOFF_PATH = '/console-handoff';

/**
 * The gateway that served this page, when a gateway did (`gateway.controlUi.root` pointing at our
 * build): its WebSocket is on the page's own origin, under its base path (`ws://host/console`, as
 * the gateway's own Control UI connects). Undefined when another server served it.
 */
export function servingGateway(): string | undefined {
  const html = globalThis.document?.documentElement;
  if (!html?.hasAttribute(GATEWAY_SERVED_ATTRIBUTE) || !globalThis.location) return undefined;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${detectBase(html)}`;
}

async function fetchServerConfig(): Promise<ServerConfig | undefined> {
  // Served by the gateway itself: that gateway is the one this page is for (its CSP allows it).
  const own = servingGateway();
  if (own) return { gateways: [own], anyGateway: false };
  try {
    const response = await fetch(SERVER_CONFIG_PATH, { cache: 'no-store' });
    // Other hosts answer unknown paths with index.html (a single-page fallback) or 404.
    if (!response.ok || !response.headers.get('content-type')?.includes('application/json'))
      return undefined;
    const body = (await response.json()) as Partial<ServerConfig>;
    const gateways = Array.isArray(body.gateways)
      ? body.gateways.filter((g): g is string => typeof g === 'string')
      : [];
    return { gateways, anyGateway: body.anyGateway === true };
  } catch {
    return undefined;
  }
}

async function fetchHandoff(code: string): Promise<string | undefined> {
  try {
    const response = await fetch(HANDOFF_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { token?: unknown };
    return typeof body.token === 'string' && body.token ? body.token : undefined;
  } catch {
    return undefined;
  }
}

/** What the stores may do with desktop notifications. */
export interface NotificationPort {
  permission: () => NotificationPermission | 'unsupported';
  request: () => Promise<NotificationPermission | 'unsupported'>;
  /** Shows one; a newer one with the same tag replaces it. `onClick` runs when it is clicked. */
  show: (title: string, options: { body: string; tag: string; onClick?: () => void }) => void;
}

/** How long a frame callback may wait when the page does not paint (a hidden tab runs no frames). */
const HIDDEN_FRAME_FALLBACK_MS = 250;

function browserNextFrame(callback: () => void): () => void {
  let done = false;
  const cancel = () => {
    done = true;
    globalThis.cancelAnimationFrame?.(frame);
    globalThis.clearTimeout(timer);
  };
  const run = () => {
    if (done) return;
    cancel();
    callback();
  };
  const frame = globalThis.requestAnimationFrame?.(run) ?? 0;
  // A wallboard that keeps rendering while hidden still needs its data.
  const timer = globalThis.setTimeout(run, HIDDEN_FRAME_FALLBACK_MS);
  return cancel;
}

const browserNotifications: NotificationPort = {
  permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
  request: async () =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.requestPermission(),
  show: (title, { body, tag, onClick }) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const shown = new Notification(title, { body, tag });
    if (onClick)
      shown.onclick = () => {
        globalThis.focus?.();
        onClick();
      };
  },
};

async function browserWakeLock(): Promise<(() => void) | undefined> {
  const nav = globalThis.navigator as Navigator & {
    wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> };
  };
  if (!nav?.wakeLock) return undefined;
  // Denied (battery saver, no permission): the caller carries on; the screen may sleep.
  const lock = await nav.wakeLock.request('screen').catch(() => undefined);
  return lock ? () => void lock.release().catch(() => undefined) : undefined;
}

function browserPlatform(): Platform {
  return {
    WebSocket: globalThis.WebSocket,
    // Written this way for Vite, which bundles the worker and rewrites the URL.
    startSocketWorker: () =>
      new Worker(new URL('../gateway/socket-worker.ts', import.meta.url), { type: 'module' }),
    storages: { session: globalThis.sessionStorage, local: globalThis.localStorage },
    vault: indexedDbVault,
    origin: globalThis.location?.origin ?? '',
    userAgent: globalThis.navigator?.userAgent ?? '',
    listen: (target, type, handler) => {
      const node = target === 'window' ? globalThis.window : globalThis.document;
      node?.addEventListener(type, handler);
      return () => node?.removeEventListener(type, handler);
    },
    isVisible: () => globalThis.document?.visibilityState !== 'hidden',
    nextFrame: browserNextFrame,
    setTitle: (title) => {
      if (globalThis.document) globalThis.document.title = title;
    },
    setIcon: (href) => {
      const icon = globalThis.document?.querySelector<HTMLLinkElement>('link[rel="icon"]');
      if (icon) icon.href = href;
    },
    notifications: browserNotifications,
    wakeLock: browserWakeLock,
    focus: (selector) => {
      const element = globalThis.document?.querySelector<HTMLElement>(selector);
      element?.focus();
      return !!element;
    },
    setDocumentLanguage: (lang) => globalThis.document?.documentElement.setAttribute('lang', lang),
    address: () => globalThis.location,
    replaceAddress: (url) => globalThis.history?.replaceState(globalThis.history.state, '', url),
    serverConfig: fetchServerConfig,
    exchangeHandoff: fetchHandoff,
    onPolicyViolation: (handler) => {
      const listener = (event: SecurityPolicyViolationEvent) => handler(policyViolationOf(event));
      globalThis.document?.addEventListener('securitypolicyviolation', listener);
      return () => globalThis.document?.removeEventListener('securitypolicyviolation', listener);
    },
    serviceWorker: browserServiceWorker,
    withLock: (name, task) => {
      const locks = globalThis.navigator?.locks;
      return locks ? locks.request(name, task) : task();
    },
    heldLocks: async () => {
      const locks = globalThis.navigator?.locks;
      if (!locks) return undefined;
      const { held = [] } = await locks.query();
      return held.flatMap((lock) => (lock.name ? [lock.name] : []));
    },
    isFramed: () => {
      try {
        return globalThis.top !== globalThis.self;
      } catch {
        // A browser that refuses even to compare is framed cross-origin.
        return true;
      }
    },
  };
}

let current: Platform | undefined;

/** The platform in use (the browser unless a test replaced it). */
export function platform(): Platform {
  current ??= browserPlatform();
  return current;
}

/** Replaces the platform (tests only). */
export function setPlatform(next: Platform): void {
  current = next;
}

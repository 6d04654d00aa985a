import {
  setPlatform,
  type Platform,
  type PolicyViolation,
  type ServerConfig,
} from '../stores/platform';
import { FakeWebSocket, memoryVault } from './fake-websocket';
import { MemoryStorage } from './memory-storage';

type Target = Parameters<Platform['listen']>[0];

/** What the stores did to the (fake) page: language, title, icon, notifications, wake lock, focus. */
export interface FakeDom {
  /** The page's `lang`. */
  lang: string;
  title: string;
  icon: string;
  permission: NotificationPermission | 'unsupported';
  notifications: Array<{ title: string; body: string; tag: string; onClick?: () => void }>;
  /** Wake locks currently held. */
  wakeLocks: number;
  /** Whether the next wake-lock request is granted. */
  grantWakeLock: boolean;
  focused: string[];
  /** Selectors that match an element on this fake page. */
  present: Set<string>;
  /** The page's address; start-up links go in `hash`. */
  address: { hash: string; pathname: string; search: string };
  /** What `/console-config.json` answers (undefined: not served by npm start). */
  serverConfig?: ServerConfig;
  /** One-time codes the fake server exchanges, each once. */
  handoffCodes: Map<string, string>;
  /** Fires a CSP refusal on the fake page. */
  violate: (violation: PolicyViolation) => void;
  /** Announces a newer build waiting, as the service worker would; counts the switches asked for. */
  newBuildWaiting: () => void;
  /** How many times the page asked to switch to the waiting build. */
  updatesApplied: number;
}

/** The page around the stores under test: its visibility and the window/document events. */
export interface FakePage extends FakeDom {
  /** Shows or hides the tab and fires `visibilitychange` on the document, as a browser does. */
  setVisible(visible: boolean): void;
  /** Fires an event (e.g. `online`) at every listener the stores added for it. */
  fire(target: Target, type: string): void;
  /** How many window/document listeners the stores have added and not yet removed. */
  listenerCount(): number;
}

/**
 * Points the stores at a scripted WebSocket, in-memory storage and a fake page (visible at
 * first), with no sockets left from earlier tests; returns the page, to hide it, fire events
 * or read what the stores did to it.
 */
export function useFakePlatform(): FakePage {
  FakeWebSocket.instances = [];
  const listeners = new Map<string, Set<() => void>>();
  let visible = true;
  const page: FakePage = {
    lang: '',
    title: '',
    icon: '',
    permission: 'granted',
    notifications: [],
    wakeLocks: 0,
    grantWakeLock: true,
    focused: [],
    present: new Set(),
    setVisible(next) {
      visible = next;
      page.fire('document', 'visibilitychange');
    },
    fire(target, type) {
      for (const handler of [...(listeners.get(`${target}:${type}`) ?? [])]) handler();
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    address: { hash: '', pathname: '/', search: '' },
    handoffCodes: new Map(),
    violate: (violation) => violationHandlers.forEach((handler) => handler(violation)),
    newBuildWaiting: () => {
      throw new Error('the page never registered its service worker');
    },
    updatesApplied: 0,
  };
  const violationHandlers = new Set<(violation: PolicyViolation) => void>();
  const locks = new Map<string, Promise<unknown>>();
  const held = new Set<string>();
  setPlatform({
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    storages: { session: new MemoryStorage(), local: new MemoryStorage() },
    vault: memoryVault(),
    origin: 'http://127.0.0.1:4173',
    userAgent: 'vitest',
    listen: (target, type, handler) => {
      const key = `${target}:${type}`;
      const set = listeners.get(key) ?? new Set();
      set.add(handler);
      listeners.set(key, set);
      return () => set.delete(handler);
    },
    isVisible: () => visible,
    nextFrame: (callback) => {
      const timer = setTimeout(callback, 0);
      return () => clearTimeout(timer);
    },
    setDocumentLanguage: (lang) => void (page.lang = lang),
    setTitle: (title) => void (page.title = title),
    setIcon: (href) => void (page.icon = href),
    notifications: {
      permission: () => page.permission,
      request: async () => page.permission,
      show: (title, options) => {
        if (page.permission === 'granted') page.notifications.push({ title, ...options });
      },
    },
    wakeLock: async () => {
      if (!page.grantWakeLock) return undefined;
      page.wakeLocks += 1;
      return () => void (page.wakeLocks -= 1);
    },
    focus: (selector) => {
      if (!page.present.has(selector)) return false;
      page.focused.push(selector);
      return true;
    },
    isFramed: () => false,
    address: () => page.address,
    replaceAddress: (url) => {
      const parsed = new URL(url, 'http://127.0.0.1:4173');
      page.address = { hash: parsed.hash, pathname: parsed.pathname, search: parsed.search };
    },
    serverConfig: async () => page.serverConfig,
    exchangeHandoff: async (code) => {
      const token = page.handoffCodes.get(code);
      page.handoffCodes.delete(code);
      return token;
    },
    withLock: (name, task) => {
      // One chain per name: like Web Locks, the next holder starts when the last one settles.
      const run = (locks.get(name) ?? Promise.resolve()).then(() => {
        held.add(name);
        return task();
      });
      void run.finally(() => held.delete(name)).catch(() => undefined);
      locks.set(
        name,
        run.then(
          () => undefined,
          () => undefined,
        ),
      );
      return run;
    },
    heldLocks: async () => [...held],
    onPolicyViolation: (handler) => {
      violationHandlers.add(handler);
      return () => violationHandlers.delete(handler);
    },
    serviceWorker: {
      register: (onWaiting) => {
        page.newBuildWaiting = () => onWaiting(() => void (page.updatesApplied += 1));
      },
    },
  });
  return page;
}

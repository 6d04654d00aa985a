import { setPlatform } from '../stores/platform';
import { FakeWebSocket, memoryVault } from './fake-websocket';
import { MemoryStorage } from './memory-storage';

/** What the stores did to the (fake) page: title, icon, notifications, wake lock, focus. */
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
}

/** Points the stores at a scripted WebSocket and in-memory storage, with no sockets left from earlier tests. */
export function useFakePlatform(): FakeDom {
  FakeWebSocket.instances = [];
  const dom: FakeDom = {
    lang: '',
    title: '',
    icon: '',
    permission: 'granted',
    notifications: [],
    wakeLocks: 0,
    grantWakeLock: true,
    focused: [],
    present: new Set(),
  };
  setPlatform({
    WebSocket: FakeWebSocket as unknown as typeof WebSocket,
    storages: { session: new MemoryStorage(), local: new MemoryStorage() },
    vault: memoryVault(),
    origin: 'http://127.0.0.1:4173',
    userAgent: 'vitest',
    listen: () => () => {},
    isVisible: () => true,
    nextFrame: (callback) => {
      const timer = setTimeout(callback, 0);
      return () => clearTimeout(timer);
    },
    setDocumentLanguage: (lang) => void (dom.lang = lang),
    setTitle: (title) => void (dom.title = title),
    setIcon: (href) => void (dom.icon = href),
    notifications: {
      permission: () => dom.permission,
      request: async () => dom.permission,
      show: (title, options) => {
        if (dom.permission === 'granted') dom.notifications.push({ title, ...options });
      },
    },
    wakeLock: async () => {
      if (!dom.grantWakeLock) return undefined;
      dom.wakeLocks += 1;
      return () => void (dom.wakeLocks -= 1);
    },
    focus: (selector) => {
      if (!dom.present.has(selector)) return false;
      dom.focused.push(selector);
      return true;
    },
  });
  return dom;
}

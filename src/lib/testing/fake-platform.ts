import { setPlatform, type Platform } from '../stores/platform';
import { FakeWebSocket, memoryVault } from './fake-websocket';
import { MemoryStorage } from './memory-storage';

type Target = Parameters<Platform['listen']>[0];

/** The page around the stores under test: its visibility and the window/document events. */
export interface FakePage {
  /** Shows or hides the tab and fires `visibilitychange` on the document, as a browser does. */
  setVisible(visible: boolean): void;
  /** Fires an event (e.g. `online`) at every listener the stores added for it. */
  fire(target: Target, type: string): void;
  /** How many window/document listeners the stores have added and not yet removed. */
  listenerCount(): number;
}

/**
 * Points the stores at a scripted WebSocket, in-memory storage and a fake page (visible at
 * first), with no sockets left from earlier tests; returns the page, to hide it or fire events.
 */
export function useFakePlatform(): FakePage {
  FakeWebSocket.instances = [];
  const listeners = new Map<string, Set<() => void>>();
  let visible = true;
  const page: FakePage = {
    setVisible(next) {
      visible = next;
      page.fire('document', 'visibilitychange');
    },
    fire(target, type) {
      for (const handler of [...(listeners.get(`${target}:${type}`) ?? [])]) handler();
    },
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  };
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
  });
  return page;
}

import { setPlatform } from '../stores/platform';
import { FakeWebSocket, memoryVault } from './fake-websocket';
import { MemoryStorage } from './memory-storage';

/** Points the stores at a scripted WebSocket and in-memory storage, with no sockets left from earlier tests. */
export function useFakePlatform(): void {
  FakeWebSocket.instances = [];
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
    setDocumentLanguage: () => {},
  });
}

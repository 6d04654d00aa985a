import type { CredentialStorages } from '../gateway/credentials';
import { indexedDbVault, type KeyVault } from '../gateway/identity';
import type { WebSocketConstructor } from '../gateway/socket';

/** Everything the stores take from the browser, swappable in unit tests. */
export interface Platform {
  WebSocket: WebSocketConstructor;
  storages: CredentialStorages;
  vault: KeyVault;
  origin: string;
  userAgent: string;
  /** Adds a window/document listener and returns its remover. */
  listen: (target: 'window' | 'document', type: string, handler: () => void) => () => void;
  isVisible: () => boolean;
}

function browserPlatform(): Platform {
  return {
    WebSocket: globalThis.WebSocket,
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

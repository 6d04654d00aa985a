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
  /** Calls back once before the next paint; returns a canceller. */
  nextFrame: (callback: () => void) => () => void;
  /** Tells the browser (and screen readers, fonts, hyphenation) which language the page is in. */
  setDocumentLanguage: (lang: string) => void;
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
    nextFrame: browserNextFrame,
    setDocumentLanguage: (lang) => globalThis.document?.documentElement.setAttribute('lang', lang),
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

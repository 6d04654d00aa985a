import { withBase } from './base-path';

/** How the page meets its service worker: register it, and hear of a newer build waiting. */
export interface ServiceWorkerPort {
  /** Registers the worker; `onWaiting` gets a function that switches to the waiting build and reloads. */
  register: (onWaiting: (apply: () => void) => void) => void;
}

/** A wall display stays open for days: look for a new deploy every hour. */
const UPDATE_CHECK_MS = 3_600_000;

/** The browser's service worker, for the production build in a secure context; else nothing. */
export const browserServiceWorker: ServiceWorkerPort = {
  register: (onWaiting) => {
    const container = globalThis.navigator?.serviceWorker;
    if (!container || !import.meta.env.PROD) return;
    let chosen = false;
    const offer = (worker: ServiceWorker) =>
      onWaiting(() => {
        chosen = true;
        worker.postMessage('skip-waiting');
      });
    // Reload only when the operator chose the new build: the first install also changes controller.
    container.addEventListener('controllerchange', () => {
      if (chosen) globalThis.location.reload();
    });
    void container
      // The worker sits at the console's base (a gateway's basePath or /) and keeps only that.
      .register(withBase('/sw.js'), { scope: withBase('/') })
      .then((registration) => {
        if (registration.waiting && container.controller) offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const next = registration.installing;
          next?.addEventListener('statechange', () => {
            if (next.state === 'installed' && container.controller) offer(next);
          });
        });
        setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
      })
      // Refused (private mode, an insecure LAN address): the console works, just not offline.
      .catch(() => undefined);
  },
};

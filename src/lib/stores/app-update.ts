import { atom, computed } from 'nanostores';
import { platform } from './platform';

const $apply = atom<(() => void) | undefined>(undefined);

/** Whether a newer build of the console is installed and waiting for a reload. */
export const updateWaiting = computed($apply, (apply) => apply !== undefined);

/** Registers the service worker that keeps the app shell for offline starts, once per page. */
export function watchForUpdates(): void {
  platform().serviceWorker.register((apply) => $apply.set(apply));
}

/** Switches to the waiting build (the page reloads into it). */
export function applyUpdate(): void {
  $apply.get()?.();
}

/** Hides the offer until the next build (the operator chose to stay on this one). */
export function dismissUpdate(): void {
  $apply.set(undefined);
}

import { connectionState } from './connection';
import { platform } from './platform';

/** How long work deferred past the first view waits for a first connection before it starts anyway. */
export const FIRST_VIEW_WAIT_MS = 3_000;

/** The longest deferred work waits for an idle moment once the first view is up. */
const IDLE_WAIT_MS = 1_000;

/** Runs callback when the main thread is next idle (a timer where the browser has no idle callbacks). */
export function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function')
    requestIdleCallback(() => callback(), { timeout: IDLE_WAIT_MS });
  else setTimeout(callback, 0);
}

let firstView: Promise<void> | undefined;

/**
 * Resolves once the first view has shown live data (connected, one painted frame, then an idle
 * moment: the hello's data renders in the tasks right after it), or after FIRST_VIEW_WAIT_MS
 * without a connection: the moment to fetch and run what the first paint does not need, so it
 * does not compete with the handshake and the first render for the main thread.
 */
export function afterFirstView(): Promise<void> {
  firstView ??= new Promise<void>((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      off();
      platform().nextFrame(() => whenIdle(resolve));
    };
    const timer = setTimeout(settle, FIRST_VIEW_WAIT_MS);
    const settleIfConnected = () => {
      if (connectionState.get().phase === 'connected') settle();
    };
    // listen, not subscribe: `off` must exist before the first call can use it.
    const off = connectionState.listen(settleIfConnected);
    settleIfConnected();
  });
  return firstView;
}

/**
 * Starts a watcher whose module loads after the first view; returns its stopper, which may be
 * called before the module has arrived (then the watcher never starts).
 */
export function startLazily(load: () => Promise<() => () => void>): () => void {
  let stop: (() => void) | undefined;
  let left = false;
  void afterFirstView()
    .then(() => (left ? undefined : load()))
    .then((start) => {
      if (start && !left) stop = start();
    });
  return () => {
    left = true;
    stop?.();
  };
}

import { platform } from './platform';

/** What the liveness watcher needs to know and do. */
export interface LivenessOptions {
  tickIntervalMs: () => number;
  lastFrameAt: () => number;
  isConnected: () => boolean;
  isWaiting: () => boolean;
  reconnect: () => void;
  now?: () => number;
}

/** How often the watcher looks; small enough to catch a two-tick silence and a wake-up promptly. */
export const LIVENESS_CHECK_MS = 2_000;
/** A check that comes this much later than scheduled means the machine slept. */
export const SLEEP_GAP_MS = 10_000;

/**
 * Watches the connection: drops a socket that has gone silent for about two
 * ticks, and reconnects at once when the browser comes back online, when a
 * sleeping laptop wakes (timers jump), or when a hidden tab becomes visible
 * while waiting to retry. Returns the function that stops watching.
 */
export function watchLiveness(opts: LivenessOptions): () => void {
  const now = opts.now ?? Date.now;
  let lastCheck = now();
  const check = () => {
    const at = now();
    const slept = at - lastCheck > LIVENESS_CHECK_MS + SLEEP_GAP_MS;
    lastCheck = at;
    const silentFor = at - opts.lastFrameAt();
    if (opts.isConnected() && silentFor > 2 * opts.tickIntervalMs() + LIVENESS_CHECK_MS) {
      opts.reconnect();
    } else if (slept && opts.isWaiting()) {
      opts.reconnect();
    } else if (
      slept &&
      opts.isConnected() &&
      silentFor > opts.tickIntervalMs() + LIVENESS_CHECK_MS
    ) {
      // Throttled hidden tabs also see late timers, but their socket keeps delivering ticks;
      // only a socket that missed a tick across the jump is presumed dead.
      opts.reconnect();
    }
  };
  const timer = setInterval(check, LIVENESS_CHECK_MS);
  const env = platform();
  const removeOnline = env.listen('window', 'online', () => {
    if (!opts.isConnected()) opts.reconnect();
  });
  const removeVisible = env.listen('document', 'visibilitychange', () => {
    if (env.isVisible() && opts.isWaiting()) opts.reconnect();
  });
  return () => {
    clearInterval(timer);
    removeOnline();
    removeVisible();
  };
}

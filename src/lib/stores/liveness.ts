import { platform } from './platform';

/** What the liveness watcher needs to know and do. */
export interface LivenessOptions {
  tickIntervalMs: () => number;
  lastFrameAt: () => number;
  isConnected: () => boolean;
  isWaiting: () => boolean;
  reconnect: () => void;
  /** Asks the gateway something cheap; resolves true when it answered (even with a refusal). */
  probe: () => Promise<boolean>;
  /** The gateway did not answer a probe in time: say so and reconnect. */
  stalled: () => void;
  now?: () => number;
}

/** How often the watcher looks; small enough to catch a two-tick silence and a wake-up promptly. */
export const LIVENESS_CHECK_MS = 2_000;
/** A check that comes this much later than scheduled means the machine slept. */
export const SLEEP_GAP_MS = 10_000;
/** Silence after which the gateway is asked whether it is still there (its tick is 30 s). */
export const PROBE_AFTER_MS = 4_000;
/** How long a probe may go unanswered: silence is found within PROBE_AFTER + CHECK + TIMEOUT ≈ 10 s. */
export const PROBE_TIMEOUT_MS = 4_000;

/**
 * Watches the connection: when frames stop for a few seconds it probes the
 * gateway, and reports a stall when the probe goes unanswered (a two-tick
 * silence stays the backstop); it also reconnects at once when the browser comes back online, when a
 * sleeping laptop wakes (timers jump), or when a hidden tab becomes visible
 * while waiting to retry. Returns the function that stops watching.
 */
export function watchLiveness(opts: LivenessOptions): () => void {
  const now = opts.now ?? Date.now;
  let lastCheck = now();
  let lastAnswerAt = now();
  let probing = false;
  let stopped = false;
  // Set when a stall was reported; no new probe until a frame arrives after it (one report per silence).
  let stalledAt: number | undefined;
  // The real gateway ticks every 30 s: waiting two ticks took 64 s to notice a dead socket.
  const probe = () => {
    probing = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    void Promise.race([opts.probe().catch(() => false), timeout]).then((answered) => {
      clearTimeout(timer);
      probing = false;
      if (stopped) return;
      if (answered) lastAnswerAt = now();
      // A probe lost with its connection is the connection's business, not a stall.
      else if (opts.isConnected()) {
        stalledAt = now();
        opts.stalled();
      }
    });
  };
  const check = () => {
    const at = now();
    const slept = at - lastCheck > LIVENESS_CHECK_MS + SLEEP_GAP_MS;
    lastCheck = at;
    const silentFor = at - opts.lastFrameAt();
    const unanswered = at - Math.max(opts.lastFrameAt(), lastAnswerAt);
    if (stalledAt !== undefined && opts.lastFrameAt() > stalledAt) stalledAt = undefined;
    const mayProbe = !slept && !probing && stalledAt === undefined;
    if (opts.isConnected() && mayProbe && unanswered >= PROBE_AFTER_MS) {
      probe();
    } else if (opts.isConnected() && silentFor > 2 * opts.tickIntervalMs() + LIVENESS_CHECK_MS) {
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
    stopped = true;
    clearInterval(timer);
    removeOnline();
    removeVisible();
  };
}

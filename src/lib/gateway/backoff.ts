/** Reconnect delays: exponential, capped, with jitter so many consoles do not stampede a restarted gateway. */

/** How reconnect delays grow. */
export interface BackoffPolicy {
  initialMs: number;
  multiplier: number;
  maxMs: number;
  /** Fraction of the delay added or removed at random (0.3 = ±30 %). */
  jitter: number;
}

/** Default policy: first retry under a second, never more than 30 s apart. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 800,
  multiplier: 1.8,
  maxMs: 30_000,
  jitter: 0.3,
};

/** The delay before retry number `attempt` (1-based). */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(
    policy.maxMs,
    policy.initialMs * policy.multiplier ** Math.max(0, attempt - 1),
  );
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.round(Math.min(policy.maxMs, Math.max(0, base + spread)));
}

/** Backoff while a restart is announced: try often so we are back within about a second of readiness. */
export const RESTART_BACKOFF: BackoffPolicy = {
  initialMs: 250,
  multiplier: 1.3,
  maxMs: 1_000,
  jitter: 0.2,
};
/** How long after a restart announcement retries stay brisk. */
export const RESTART_WINDOW_MS = 120_000;

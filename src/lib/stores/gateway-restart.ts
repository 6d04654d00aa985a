import { atom, onMount, readonlyType } from 'nanostores';
import { GatewayRequestError } from '../gateway/errors';
import { describeError } from '../gateway/outcome';
import { announce } from './announce';
import { onConnected, onGatewayEvent, request } from './gateway-session';
import { isRecord } from './validate';

/**
 * A safe gateway restart: ask the gateway what is busy (`gateway.restart.preflight`), let the
 * user choose "when idle" or "now", send `gateway.restart.request`, then follow the gateway
 * through draining, `shutdown` and the reconnect until it is back. Measured on 2026.9.6: the
 * process restarts in place (same pid, new bootId); while it drains, requests answer
 * UNAVAILABLE and `shutdown {restartExpectedMs}` only comes after the drain.
 */

/** One thing the gateway says keeps it busy (`blockers[]` of the preflight). */
export interface Blocker {
  kind: string;
  count: number;
  message: string;
}

/** The preflight's answer, validated. */
export interface Preflight {
  safe: boolean;
  total: number;
  blockers: Blocker[];
}

/** Where a restart stands, from the console's point of view. */
export type RestartPhase =
  | 'idle'
  | 'checking'
  | 'ready'
  | 'requesting'
  | 'waiting'
  | 'draining'
  | 'restarting'
  | 'back'
  | 'failed';

/** The restart as the panel shows it. */
export interface RestartState {
  phase: RestartPhase;
  preflight?: Preflight;
  /** The gateway's own status for the request: scheduled, deferred or coalesced. */
  status?: string;
  error?: string;
  /** When the current phase began. */
  since: number;
  /** When the gateway said it was going down, and when it was back. */
  downAt?: number;
  backAt?: number;
}

/** How often the console re-asks what the gateway is still waiting for. */
export const WATCH_MS = 2_000;

const $restart = atom<RestartState>({ phase: 'idle', since: Date.now() });
/** The current restart, if any. */
export const gatewayRestart = readonlyType($restart);

function set(phase: RestartPhase, extra: Partial<RestartState> = {}): void {
  const previous = $restart.get();
  $restart.set({ ...previous, phase, since: Date.now(), ...extra });
}

/** Reads a preflight reply; anything unreadable counts as "not known to be safe". */
export function readPreflight(value: unknown): Preflight {
  const record = isRecord(value) ? value : {};
  const counts = isRecord(record.counts) ? record.counts : {};
  const list = Array.isArray(record.blockers) ? record.blockers : [];
  const blockers: Blocker[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.message !== 'string') continue;
    const count = typeof item.count === 'number' && item.count > 0 ? Math.floor(item.count) : 1;
    blockers.push({ kind: String(item.kind ?? ''), count, message: item.message.slice(0, 300) });
  }
  const total =
    typeof counts.totalActive === 'number'
      ? counts.totalActive
      : blockers.reduce((sum, b) => sum + b.count, 0);
  return { safe: record.safe === true, total, blockers };
}

/** Whether an error means "the gateway is restarting" (it answers UNAVAILABLE while draining). */
export function isRestartingError(error: unknown): boolean {
  return (
    error instanceof GatewayRequestError &&
    error.code === 'UNAVAILABLE' &&
    /restart|suspend|drain/i.test(error.message)
  );
}

/** Asks the gateway what would be interrupted by a restart now. */
export async function checkRestart(): Promise<void> {
  set('checking', { error: undefined, status: undefined, backAt: undefined, downAt: undefined });
  try {
    set('ready', { preflight: readPreflight(await request('gateway.restart.preflight', {})) });
  } catch (error) {
    set('failed', { error: describeError(error) });
  }
}

/** Sends the restart: `whenIdle` lets the gateway wait for its work, otherwise it goes now. */
export async function requestRestart(whenIdle: boolean, who: string): Promise<void> {
  set('requesting', { error: undefined });
  try {
    const reply = await request<unknown>('gateway.restart.request', {
      reason: `console: ${who}`.slice(0, 200),
      ...(whenIdle ? {} : { skipDeferral: true }),
    });
    const record = isRecord(reply) ? reply : {};
    const status = typeof record.status === 'string' ? record.status : undefined;
    // The shutdown event may already have come while we waited for this reply.
    if ($restart.get().phase !== 'requesting') return;
    set('waiting', { status, preflight: readPreflight(record.preflight) });
    void announce(whenIdle ? 'restartWhenIdle' : 'restartNow', who);
  } catch (error) {
    if ($restart.get().phase !== 'requesting') return;
    if (isRestartingError(error)) set('draining');
    else set('failed', { error: describeError(error) });
  }
}

/** Forgets a finished or cancelled restart (the gateway keeps a requested one: it has no cancel). */
export function dismissRestart(): void {
  set('idle', { preflight: undefined, status: undefined, error: undefined });
}

const inFlight = (phase: RestartPhase) =>
  phase === 'waiting' || phase === 'draining' || phase === 'restarting';

async function watch(): Promise<void> {
  if (!['waiting', 'draining'].includes($restart.get().phase)) return;
  try {
    const preflight = readPreflight(await request('gateway.restart.preflight', {}));
    if (['waiting', 'draining'].includes($restart.get().phase)) set('waiting', { preflight });
  } catch (error) {
    if ($restart.get().phase === 'waiting' && isRestartingError(error)) set('draining');
  }
}

onMount($restart, () => {
  const timer = setInterval(() => void watch(), WATCH_MS);
  const offs = [
    onGatewayEvent('gateway.suspension', (frame) => {
      const phase = isRecord(frame.payload) ? frame.payload.phase : undefined;
      if ((phase === 'draining' || phase === 'preparing') && inFlight($restart.get().phase))
        set('draining');
    }),
    onGatewayEvent('shutdown', () => {
      const phase = $restart.get().phase;
      if (phase === 'requesting' || inFlight(phase)) set('restarting', { downAt: Date.now() });
    }),
    onConnected(() => {
      if (inFlight($restart.get().phase)) set('back', { backAt: Date.now() });
    }),
  ];
  return () => {
    clearInterval(timer);
    offs.forEach((off) => off());
  };
});

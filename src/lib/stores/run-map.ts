import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, computed, onMount, readonlyType } from 'nanostores';
import { onConnected, onGatewayEvent, request } from './gateway-session';
import { platform } from './platform';
import { newestFailures, runsToDrop } from './run-bounds';
import { applyAgentEvent, applyChatEvent, newRun, type RunView } from './runs';
import { keepIfSame } from './same-items';

/**
 * Every run this console knows, once, keyed by run id: fed by the gateway's `chat` and
 * `agent` events (they reach every operator). The run board, the alerts and each
 * transcript's run cards are views of this one map. Small and Svelte-free on purpose:
 * the first view loads it (alerts), transcripts only with the session views.
 */

/** About one frame: a run's update arriving later than this after its last one is applied at once. */
const FRAME_MS = 16;

let current = new Map<string, RunView>();
const $runs = atom(current);
/** Every known run by run id (replaced, never mutated, on each change). */
export const runs = readonlyType($runs);

/** Streaming updates waiting for the next frame (a delta per token would re-render per token). */
const pending = new Map<string, RunView>();
let cancelFrame: (() => void) | undefined;
/** When each streaming run's text last reached the map; only running runs are in it. */
const appliedAt = new Map<string, number>();
/** When each running run last had an event; only running runs are in it. */
const lastEventAt = new Map<string, number>();
/** Sessions whose transcript is on screen: it reconciles their runs with history itself. */
const watched = new Map<string, number>();
let connectedAt = 0;

function forget(map: Map<string, RunView>, runId: string): void {
  map.delete(runId);
  appliedAt.delete(runId);
  lastEventAt.delete(runId);
}

/** Writes runs into the map as one change. */
function put(changed: RunView[], removed: string[] = []): void {
  const next = new Map(current);
  for (const id of removed) forget(next, id);
  for (const run of changed) {
    next.set(run.runId, run);
    // Only running runs are timed; an ended run's stamps would only pile up.
    if (run.state !== 'running') {
      appliedAt.delete(run.runId);
      lastEventAt.delete(run.runId);
    }
  }
  for (const id of runsToDrop(next, lastEventAt, Date.now())) forget(next, id);
  $runs.set((current = next));
}

/** Applies the streaming updates held for the next frame now (the map changes once). */
export function flushRunUpdates(): void {
  cancelFrame?.();
  cancelFrame = undefined;
  if (pending.size === 0) return;
  const held = [...pending.values()];
  pending.clear();
  const now = Date.now();
  for (const run of held) appliedAt.set(run.runId, now);
  put(held);
}

function holdForNextFrame(run: RunView): void {
  // A run's delta after a quiet spell of that run shows at once, alone (other runs streaming
  // meanwhile neither delay it nor ride along); only a burst of one run waits, at most a frame.
  const quiet = Date.now() - (appliedAt.get(run.runId) ?? -Infinity) >= FRAME_MS;
  if (quiet && !pending.has(run.runId)) {
    appliedAt.set(run.runId, Date.now());
    return put([run]);
  }
  pending.set(run.runId, run);
  cancelFrame ??= platform().nextFrame(flushRunUpdates);
}

function interrupted(run: RunView): RunView {
  return { ...run, state: 'aborted', stopReason: 'interrupted', endedAt: Date.now() };
}

/**
 * A new run in a session whose earlier run has been silent since before this connection
 * means the earlier one was cut off (a gateway restart resumes the turn as a new run).
 */
function settleInterrupted(sessionKey: string, newRunId: string): void {
  const cut: RunView[] = [];
  for (const run of current.values()) {
    if (run.sessionKey !== sessionKey || run.runId === newRunId || run.state !== 'running')
      continue;
    if ((lastEventAt.get(run.runId) ?? 0) >= connectedAt) continue;
    pending.delete(run.runId);
    cut.push(interrupted(run));
  }
  if (cut.length) put(cut);
}

function ids(payload: unknown): { runId: string; sessionKey: string } | undefined {
  const p = payload as { runId?: unknown; sessionKey?: unknown } | undefined;
  if (typeof p?.runId !== 'string' || !p.runId || typeof p.sessionKey !== 'string') return;
  return { runId: p.runId, sessionKey: p.sessionKey };
}

/**
 * Applies one `chat` or `agent` event. Either may be the first a console hears of a run (a tool
 * starting before any text, say): the run appears from whichever comes first.
 */
function onRunEvent(frame: EventFrame, apply: (run: RunView, payload: unknown) => RunView): void {
  const id = ids(frame.payload);
  if (!id) return;
  const isNew = !pending.has(id.runId) && !current.has(id.runId);
  const run =
    pending.get(id.runId) ?? current.get(id.runId) ?? newRun(id.runId, id.sessionKey, Date.now());
  // A run belongs to one session: an event moving it elsewhere is not believed.
  if (run.sessionKey !== id.sessionKey) return;
  const next = apply(run, frame.payload);
  if (isNew && next === run) return;
  if (next.state === 'running') lastEventAt.set(next.runId, Date.now());
  if (isNew && next.state === 'running') settleInterrupted(next.sessionKey, next.runId);
  if (next === run) return;
  if (!isNew && next.state === 'running') return holdForNextFrame(next);
  // A run appearing or ending changes more than its card (run board, queue, alerts): at once.
  pending.delete(next.runId);
  put([next]);
}

const onChat = (frame: EventFrame) =>
  onRunEvent(frame, (run, payload) => applyChatEvent(run, payload, Date.now()));
// Agent events only add to a run in flight: after its end they are late echoes.
const onAgent = (frame: EventFrame) =>
  onRunEvent(frame, (run, payload) =>
    run.state === 'running' ? applyAgentEvent(run, payload) : run,
  );

/** Shows a run the gateway says is running (a send's answer, history's active runs). */
export function startRuns(sessionKey: string, runIds: readonly string[]): void {
  const fresh = runIds.filter((id) => id && !current.has(id) && !pending.has(id));
  for (const id of fresh) lastEventAt.set(id, Date.now());
  if (fresh.length) put(fresh.map((id) => newRun(id, sessionKey, Date.now())));
}

/**
 * Settles a session's runs against what the gateway says now: a run no longer running that
 * history records is dropped (the recorded turn shows it), one it never recorded was lost.
 */
export function reconcileRuns(
  sessionKey: string,
  stillRunning: ReadonlySet<string>,
  recorded: (runId: string) => boolean,
): void {
  flushRunUpdates();
  const lost: RunView[] = [];
  const gone: string[] = [];
  for (const run of current.values()) {
    if (run.sessionKey !== sessionKey || run.state !== 'running' || stillRunning.has(run.runId))
      continue;
    if (recorded(run.runId)) gone.push(run.runId);
    else lost.push(interrupted(run));
  }
  if (lost.length || gone.length) put(lost, gone);
}

/** Marks a session's transcript as on screen (it reconciles that session's runs); returns the release. */
export function watchSessionRuns(sessionKey: string): () => void {
  watched.set(sessionKey, (watched.get(sessionKey) ?? 0) + 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const left = (watched.get(sessionKey) ?? 1) - 1;
    if (left > 0) watched.set(sessionKey, left);
    else watched.delete(sessionKey);
  };
}

/** Runs that were running before this connection, in sessions no transcript watches: ask once. */
function reconcileUnwatched(): void {
  const sessions = new Set<string>();
  for (const run of current.values()) {
    if (run.state === 'running' && !watched.has(run.sessionKey)) sessions.add(run.sessionKey);
  }
  for (const sessionKey of sessions) {
    request<{ sessionInfo?: { activeRunIds?: unknown } }>('chat.history', { sessionKey, limit: 1 })
      .then((page) => {
        const active = page?.sessionInfo?.activeRunIds;
        // A gateway that does not list active runs cannot tell us anything here.
        if (!Array.isArray(active) || watched.has(sessionKey)) return;
        reconcileRuns(
          sessionKey,
          new Set(active.filter((id) => typeof id === 'string')),
          () => false,
        );
      })
      .catch(() => undefined);
  }
}

onMount($runs, () => {
  const offs = [
    onGatewayEvent('chat', onChat),
    onGatewayEvent('agent', onAgent),
    onConnected(() => {
      connectedAt = Date.now();
      reconcileUnwatched();
    }),
  ];
  return () => {
    offs.forEach((off) => off());
    // Unobserved, no event reaches the map: what it held would only go stale.
    cancelFrame?.();
    cancelFrame = undefined;
    pending.clear();
    appliedAt.clear();
    lastEventAt.clear();
    $runs.set((current = new Map()));
  };
});

/** The runs in flight across every session. */
export const activeRuns = computed($runs, (map) =>
  [...map.values()].filter((run) => run.state === 'running'),
);

let failures: readonly RunView[] = [];
/** Failed runs, newest first (unchanged, same array, while no failure comes or goes). */
export const recentFailures = computed(
  $runs,
  (map) => (failures = keepIfSame(failures, newestFailures(map.values()))),
);

import { atom, computed, onMount, readonlyType, type ReadableAtom } from 'nanostores';
import { ConnectionLostError, NotConnectedError, RequestTimeoutError } from '../gateway/errors';
import { describeError } from '../gateway/outcome';
import { randomId } from '../gateway/uuid';
import { connectionState, isLive } from './connection';
import { PREFIX } from './outbox-key';
import { keptText, readQueues, writeQueues } from './outbox-storage';
import { platform } from './platform';
import { onConnected, request } from './gateway-session';
import { runs, startRuns } from './run-map';
import { addLocalTurn } from './transcripts';
import { rememberSentHere } from './message-origin';
import { markMine } from './my-runs';

/**
 * Messages the operator sent that the gateway has not accepted yet, per session. Each is
 * sent once, one at a time per session, never while that session has a run going, and
 * again after a drop with the same idempotency key (so the gateway never runs it twice).
 * It listens (for the connection, for runs ending) exactly while it holds anything,
 * whatever view is shown: a message is sent even after its view is gone. Queues are kept on
 * this device per gateway (outbox-storage.ts), so a reload, a crash or a closed tab loses
 * nothing; a Web Lock per session makes one tab at a time send, so two tabs never send twice.
 */

/** A message the operator typed that is not yet accepted by the gateway. */
export interface QueuedMessage {
  /** Also the idempotency key, so a resend after a drop never runs twice. */
  id: string;
  text: string;
  state: 'queued' | 'sending' | 'failed';
  error?: string;
  via: 'chat' | 'agent';
}

/** What `agent.wait` said about a one-shot agent run. */
export interface AgentWait {
  runId: string;
  status: string;
  error?: string;
}

/** Sessions whose last `agent.wait` result is remembered. */
const MAX_WAITS = 50;
const EMPTY: readonly QueuedMessage[] = [];

let queues = new Map<string, readonly QueuedMessage[]>();
// The gateway whose queues are loaded: a message is only ever sent to the gateway it was typed for.
let loadedFor = '';
let kept = true;
// What was last read or written: a storage event about anything else (another tab's draft) or
// a re-read under the lock that finds nothing new leaves the queues as they are.
let lastText: string | null = null;
const $queues = atom(queues);
/** Every session's queue, by session key. */
export const outbox = readonlyType($queues);

let waits = new Map<string, AgentWait>();
const $waits = atom(waits);
/** The last one-shot agent run's `agent.wait` result, by session key. */
export const agentWaits = readonlyType($waits);

const sending = new Set<string>();
let stopListening: (() => void) | undefined;

function listenWhileHolding(): void {
  if (queues.size && !stopListening) {
    // Back online, or a run ended: whatever waits and may go now, goes.
    const offs = [onConnected(flushAll), runs.listen(flushAll)];
    stopListening = () => offs.forEach((off) => off());
  } else if (!queues.size && stopListening) {
    stopListening();
    stopListening = undefined;
  }
}

/** Reads the kept queues again (another tab changed them, or the gateway changed). */
function reload(): void {
  const url = connectionState.get().url;
  // Storage refused our last write: this tab's queue is newer than what is kept.
  if (!kept && url === loadedFor) return;
  const text = keptText(url);
  if (url === loadedFor && text === lastText) return;
  lastText = text;
  loadedFor = url;
  $queues.set((queues = new Map(readQueues(loadedFor))));
  listenWhileHolding();
}

function ensureLoaded(): void {
  if (connectionState.get().url !== loadedFor) reload();
}

function setQueue(
  sessionKey: string,
  change: (queue: readonly QueuedMessage[]) => QueuedMessage[],
): void {
  ensureLoaded();
  const next = new Map(queues);
  const queue = change(queues.get(sessionKey) ?? EMPTY);
  if (queue.length) next.set(sessionKey, queue);
  else next.delete(sessionKey);
  $queues.set((queues = next));
  kept = writeQueues(loadedFor, next);
  lastText = keptText(loadedFor);
  listenWhileHolding();
}

function setItem(sessionKey: string, id: string, change: Partial<QueuedMessage> | null): void {
  setQueue(sessionKey, (queue) =>
    change === null
      ? queue.filter((q) => q.id !== id)
      : queue.map((q) => (q.id === id ? { ...q, ...change } : q)),
  );
}

function runningIn(sessionKey: string): boolean {
  // The outbox observes the run map while it holds anything, so reading it here is safe.
  for (const run of runs.get().values()) {
    if (run.sessionKey === sessionKey && run.state === 'running') return true;
  }
  return false;
}

/** One session's queue. */
export function queueOf(sessionKey: string): ReadableAtom<readonly QueuedMessage[]> {
  ensureLoaded();
  return computed($queues, (all) => all.get(sessionKey) ?? EMPTY);
}

/** Queues a message and sends it as soon as the session is free and the gateway is reachable. */
export function send(sessionKey: string, text: string, via: 'chat' | 'agent' = 'chat'): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  const item: QueuedMessage = { id: randomId(), text: trimmed, state: 'queued', via };
  setQueue(sessionKey, (queue) => [...queue, item]);
  void flushQueue(sessionKey);
}

/** Gives a failed message another try (same idempotency key, so it cannot run twice). */
export function retryQueued(sessionKey: string, id: string): void {
  setItem(sessionKey, id, { state: 'queued', error: undefined });
  void flushQueue(sessionKey);
}

/** Removes a message from the queue without sending it. */
export function discardQueued(sessionKey: string, id: string): void {
  const item = queues.get(sessionKey)?.find((q) => q.id === id);
  if (item && item.state !== 'sending') setItem(sessionKey, id, null);
}

function transient(error: unknown): boolean {
  return (
    error instanceof ConnectionLostError ||
    error instanceof NotConnectedError ||
    error instanceof RequestTimeoutError
  );
}

/** Sends the next queued message of a session, one at a time and never while a run is going. */
export async function flushQueue(sessionKey: string): Promise<void> {
  ensureLoaded();
  const waiting = queues.get(sessionKey)?.some((q) => q.state !== 'failed');
  if (!waiting || sending.has(sessionKey) || !isLive.get() || runningIn(sessionKey)) return;
  sending.add(sessionKey);
  const lock = `${PREFIX}${loadedFor}:${sessionKey}`;
  const sent = await platform()
    .withLock(lock, () => sendNext(sessionKey))
    .finally(() => sending.delete(sessionKey));
  // The next one, if the run it started is already over (a fast run ends before its send returns).
  if (sent) void flushQueue(sessionKey);
}

async function sendNext(sessionKey: string): Promise<boolean> {
  // Another tab may have sent it while we waited for the lock: what is kept is the truth.
  reload();
  if (!isLive.get() || runningIn(sessionKey)) return false;
  // A message left 'sending' by a tab that closed mid-send goes again (we hold the lock, so no
  // one else is sending it) with its idempotency key, which the gateway runs only once.
  const next = queues.get(sessionKey)?.find((q) => q.state !== 'failed');
  if (!next) return false;
  setItem(sessionKey, next.id, { state: 'sending' });
  try {
    const method = next.via === 'agent' ? 'agent' : 'chat.send';
    const params = { sessionKey, message: next.text, idempotencyKey: next.id };
    rememberSentHere(next.id);
    const result = await request<{ runId?: unknown }>(method, params);
    const runId = typeof result?.runId === 'string' && result.runId ? result.runId : next.id;
    setItem(sessionKey, next.id, null);
    markMine(runId);
    startRuns(sessionKey, [runId]);
    // Keyed as the gateway records the turn, so history and live events replace it in place.
    addLocalTurn(
      sessionKey,
      `${next.id}:user`,
      { role: 'user', content: next.text, timestamp: Date.now() },
      runId,
    );
    if (next.via === 'agent') void waitForAgent(sessionKey, runId);
    return true;
  } catch (error) {
    // A drop leaves the message queued; it is resent with the same key when we are back.
    setItem(
      sessionKey,
      next.id,
      transient(error) ? { state: 'queued' } : { state: 'failed', error: describeError(error) },
    );
    return false;
  }
}

async function waitForAgent(sessionKey: string, runId: string): Promise<void> {
  let result: AgentWait;
  try {
    const answer = await request<{ status?: unknown; error?: unknown }>(
      'agent.wait',
      { runId, timeoutMs: 120_000 },
      125_000,
    );
    const status = typeof answer?.status === 'string' ? answer.status : 'unknown';
    result = { runId, status, error: typeof answer?.error === 'string' ? answer.error : undefined };
  } catch (error) {
    result = { runId, status: 'error', error: describeError(error) };
  }
  const next = new Map(waits);
  next.delete(sessionKey);
  next.set(sessionKey, result);
  if (next.size > MAX_WAITS) next.delete(next.keys().next().value as string);
  $waits.set((waits = next));
}

function flushAll(): void {
  for (const key of queues.keys()) void flushQueue(key);
}

/** Reads what is kept on this device and sends what waits (at start-up, after a reload). */
export function resumeOutbox(): void {
  reload();
  flushAll();
}

// Another tab queued, sent or discarded something: shown here too, while anything shows queues.
onMount($queues, () => platform().listen('window', 'storage', reload));

import { atom, computed, readonlyType, type ReadableAtom } from 'nanostores';
import { ConnectionLostError, NotConnectedError, RequestTimeoutError } from '../gateway/errors';
import { describeError } from '../gateway/outcome';
import { randomId } from '../gateway/uuid';
import { isLive } from './connection';
import { onConnected, request } from './gateway-session';
import { runs, startRuns } from './run-map';
import { addLocalTurn } from './transcripts';
import { rememberSentHere } from './message-origin';

/**
 * Messages the operator sent that the gateway has not accepted yet, per session. Each is
 * sent once, one at a time per session, never while that session has a run going, and
 * again after a drop with the same idempotency key (so the gateway never runs it twice).
 * It listens (for the connection, for runs ending) exactly while it holds anything,
 * whatever view is shown: a message is sent even after its view is gone.
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
const $queues = atom(queues);
/** Every session's queue, by session key. */
export const outbox = readonlyType($queues);

let waits = new Map<string, AgentWait>();
const $waits = atom(waits);
/** The last one-shot agent run's `agent.wait` result, by session key. */
export const agentWaits = readonlyType($waits);

const sending = new Set<string>();
let stopListening: (() => void) | undefined;

function setQueue(
  sessionKey: string,
  change: (queue: readonly QueuedMessage[]) => QueuedMessage[],
): void {
  const next = new Map(queues);
  const queue = change(queues.get(sessionKey) ?? EMPTY);
  if (queue.length) next.set(sessionKey, queue);
  else next.delete(sessionKey);
  $queues.set((queues = next));
  if (next.size && !stopListening) {
    // Back online, or a run ended: whatever waits and may go now, goes.
    const offs = [onConnected(flushAll), runs.listen(flushAll)];
    stopListening = () => offs.forEach((off) => off());
  } else if (!next.size && stopListening) {
    stopListening();
    stopListening = undefined;
  }
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
  const next = queues.get(sessionKey)?.find((q) => q.state === 'queued');
  if (!next || sending.has(sessionKey) || !isLive.get() || runningIn(sessionKey)) return;
  sending.add(sessionKey);
  let sent = false;
  setItem(sessionKey, next.id, { state: 'sending' });
  try {
    const method = next.via === 'agent' ? 'agent' : 'chat.send';
    const params = { sessionKey, message: next.text, idempotencyKey: next.id };
    rememberSentHere(next.id);
    const result = await request<{ runId?: unknown }>(method, params);
    const runId = typeof result?.runId === 'string' && result.runId ? result.runId : next.id;
    setItem(sessionKey, next.id, null);
    startRuns(sessionKey, [runId]);
    // Keyed as the gateway records the turn, so history and live events replace it in place.
    addLocalTurn(
      sessionKey,
      `${next.id}:user`,
      { role: 'user', content: next.text, timestamp: Date.now() },
      runId,
    );
    if (next.via === 'agent') void waitForAgent(sessionKey, runId);
    sent = true;
  } catch (error) {
    // A drop leaves the message queued; it is resent with the same key when we are back.
    setItem(
      sessionKey,
      next.id,
      transient(error) ? { state: 'queued' } : { state: 'failed', error: describeError(error) },
    );
  } finally {
    sending.delete(sessionKey);
  }
  // The next one, if the run it started is already over (a fast run ends before its send returns).
  if (sent) void flushQueue(sessionKey);
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

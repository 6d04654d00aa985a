import type { EventFrame } from '@openclaw/gateway-client/browser';
import { persistentMap } from '@nanostores/persistent';
import { atom, map, onMount, readonlyType } from 'nanostores';
import { ConnectionLostError, NotConnectedError, RequestTimeoutError } from '../gateway/errors';
import { can, onConnected, onGatewayEvent, request } from './gateway-session';
import { platform } from './platform';
import { applyAgentEvent, applyChatEvent, newRun, type GatewayMessage, type RunView } from './runs';
import { randomId } from '../gateway/uuid';
import { describeError } from '../gateway/outcome';

/** A message the operator typed that is not yet accepted by the gateway. */
export interface QueuedMessage {
  /** Also the idempotency key, so a resend after a drop never runs twice. */
  id: string;
  text: string;
  state: 'queued' | 'sending' | 'failed';
  error?: string;
  via: 'chat' | 'agent';
}

/** A transcript entry: a gateway message, or a run this console watched (streaming or finished). */
export interface TranscriptItem {
  key: string;
  message?: GatewayMessage;
  run?: RunView;
}

/** Everything the console holds for one session's conversation. */
export interface SessionChat {
  sessionKey: string;
  items: TranscriptItem[];
  hasMore: boolean;
  /** Where the next older page starts, as the gateway counts it (from the newest message back). */
  nextOffset?: number;
  loading: boolean;
  loadError?: string;
  queue: QueuedMessage[];
  /** Result of the last one-shot `agent` run's `agent.wait`. */
  agentWait?: { runId: string; status: string; error?: string };
}

/** History pages; the gateway caps `chat.history` at 1000 per call. */
export const HISTORY_PAGE = 200;
/** Transcript entries kept per session in memory; older ones are paged in again on demand. */
export const MAX_ITEMS = 2_000;
/** Sessions kept in memory besides the open one. */
export const MAX_CACHED_SESSIONS = 20;

const $chats = map<Record<string, SessionChat>>({});
/** Per-session conversations, keyed by session key. */
export const chats = readonlyType($chats);

/** Unsent drafts per session, kept across reloads on this device. */
export const drafts = persistentMap<Record<string, string>>('openclaw-console:draft:', {});

/** The runs in flight across every session (for the run board and session list). */
export const activeRuns = map<Record<string, RunView>>({});

/** Failed runs most recently seen, newest first (bounded: a wallboard runs for days). */
export const recentFailures = atom<RunView[]>([]);
/** How many failures are remembered. */
export const MAX_FAILURES = 20;

onMount(activeRuns, () => chats.listen(() => {}));
onMount(recentFailures, () => chats.listen(() => {}));

const sending = new Set<string>();

function empty(sessionKey: string): SessionChat {
  return { sessionKey, items: [], hasMore: false, loading: false, queue: [] };
}

function get(sessionKey: string): SessionChat {
  return $chats.get()[sessionKey] ?? empty(sessionKey);
}

function put(next: SessionChat): void {
  const all = { ...$chats.get(), [next.sessionKey]: next };
  const keys = Object.keys(all);
  // Bounded memory on a days-long dashboard: forget the oldest idle sessions.
  if (keys.length > MAX_CACHED_SESSIONS + 1) {
    for (const key of keys.slice(0, keys.length - MAX_CACHED_SESSIONS - 1)) {
      if (key !== next.sessionKey && (all[key]?.queue.length ?? 0) === 0) delete all[key];
    }
  }
  $chats.set(all);
}

function update(sessionKey: string, change: (chat: SessionChat) => SessionChat): void {
  put(change(get(sessionKey)));
}

function openclawMeta(message: GatewayMessage): Record<string, unknown> {
  const meta = message.__openclaw;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
}

function messageKey(message: GatewayMessage, fallback: string): string {
  const meta = openclawMeta(message);
  // The idempotency key first: it is what our optimistic copy of a user turn is keyed by.
  const id = message.idempotencyKey ?? meta.idempotencyKey ?? meta.id;
  return typeof id === 'string' ? id : fallback;
}

function runIdOf(message: GatewayMessage): string | undefined {
  const runId = openclawMeta(message).runId;
  return typeof runId === 'string' ? runId : undefined;
}

function toItems(messages: unknown[], prefix: string): TranscriptItem[] {
  return messages
    .filter((m): m is GatewayMessage => typeof m === 'object' && m !== null)
    .map((message, index) => ({ key: messageKey(message, `${prefix}-${index}`), message }));
}

function bounded(items: TranscriptItem[]): TranscriptItem[] {
  return items.length > MAX_ITEMS ? items.slice(items.length - MAX_ITEMS) : items;
}

/** Loads (or reloads) the newest page of a session's history. */
export async function loadHistory(sessionKey: string): Promise<void> {
  update(sessionKey, (chat) => ({ ...chat, loading: true, loadError: undefined }));
  try {
    const page = await request<{
      messages?: unknown[];
      hasMore?: boolean;
      nextOffset?: number;
      sessionInfo?: { activeRunIds?: unknown };
    }>('chat.history', { sessionKey, limit: HISTORY_PAGE });
    // Streaming updates held for the next frame first, so the runs read below are current.
    flushRunUpdates();
    const items = toItems(page.messages ?? [], 'h');
    const inHistory = (runId: string) =>
      items.some((i) => i.message && runIdOf(i.message) === runId);
    const stillRunning = Array.isArray(page.sessionInfo?.activeRunIds)
      ? new Set(page.sessionInfo.activeRunIds.filter((id): id is string => typeof id === 'string'))
      : undefined;
    // Runs we watched that ended while we were away (a drop, a gateway restart): their outcome
    // is whatever history says; a run the gateway no longer knows and never recorded was lost.
    const settled: RunView[] = [];
    for (const run of Object.values(activeRuns.get())) {
      if (!run || run.sessionKey !== sessionKey || !stillRunning || stillRunning.has(run.runId))
        continue;
      activeRuns.setKey(run.runId, undefined as unknown as RunView);
      if (!inHistory(run.runId))
        settled.push({ ...run, state: 'aborted', stopReason: 'interrupted', endedAt: Date.now() });
    }
    update(sessionKey, (chat) => {
      // Keep runs we are still watching (their final message is not in history yet).
      const live = chat.items
        .filter((item) => item.run && !inHistory(item.run.runId))
        .map((item) => ({
          ...item,
          run: settled.find((run) => run.runId === item.run?.runId) ?? item.run,
        }));
      return {
        ...chat,
        items: bounded([...items, ...live]),
        hasMore: page.hasMore === true,
        nextOffset: page.nextOffset,
        loading: false,
      };
    });
  } catch (error) {
    update(sessionKey, (chat) => ({ ...chat, loading: false, loadError: describeError(error) }));
  }
}

/** Pages older history in front of what is shown, while the gateway says there is more. */
export async function loadOlder(sessionKey: string): Promise<void> {
  const chat = get(sessionKey);
  if (!chat.hasMore || chat.loading) return;
  update(sessionKey, (c) => ({ ...c, loading: true }));
  try {
    // The gateway says where the next page starts; counting our own items is a fallback only.
    const loaded = chat.nextOffset ?? chat.items.filter((item) => item.message).length;
    const page = await request<{ messages?: unknown[]; hasMore?: boolean; nextOffset?: number }>(
      'chat.history',
      { sessionKey, limit: HISTORY_PAGE, offset: loaded },
    );
    const older = toItems(page.messages ?? [], `o${loaded}`);
    update(sessionKey, (c) => {
      const known = new Set(c.items.map((item) => item.key));
      return {
        ...c,
        items: [...older.filter((item) => !known.has(item.key)), ...c.items],
        hasMore: page.hasMore === true,
        nextOffset: page.nextOffset,
        loading: false,
      };
    });
  } catch (error) {
    update(sessionKey, (c) => ({ ...c, loading: false, loadError: describeError(error) }));
  }
}

/** Opens a session: loads its history and asks the gateway for its live messages. */
export async function openSession(sessionKey: string): Promise<void> {
  if (can.get()('sessions.messages.subscribe')) {
    request('sessions.messages.subscribe', { key: sessionKey }).catch(() => {
      // Without the subscription we still get chat events; only other clients' user turns are missed.
    });
  }
  await loadHistory(sessionKey);
}

function runningIn(sessionKey: string): boolean {
  return Object.values(activeRuns.get()).some((run) => run.sessionKey === sessionKey);
}

function withRun(chat: SessionChat, run: RunView): SessionChat {
  const index = chat.items.findIndex((item) => item.run?.runId === run.runId);
  if (index >= 0) {
    const items = chat.items.slice();
    items[index] = { ...items[index]!, run };
    return { ...chat, items };
  }
  return { ...chat, items: bounded([...chat.items, { key: `run-${run.runId}`, run }]) };
}

function upsertRun(run: RunView): void {
  update(run.sessionKey, (chat) => withRun(chat, run));
  if (run.state === 'running') activeRuns.setKey(run.runId, run);
  else {
    if (run.state === 'error' && activeRuns.get()[run.runId]) {
      recentFailures.set([run, ...recentFailures.get()].slice(0, MAX_FAILURES));
    }
    activeRuns.setKey(run.runId, undefined as unknown as RunView);
    void flushQueue(run.sessionKey);
  }
}

/**
 * Streaming updates to runs already on screen, waiting for the next frame. The
 * gateway sends a delta per token (each carrying the whole text); applying each
 * one to the stores would re-render the card many times per painted frame.
 */
const pendingRuns = new Map<string, RunView>();
let cancelFrame: (() => void) | undefined;
/** When each streaming run's text last reached the stores. */
const appliedAt = new Map<string, number>();
/** About one frame: a run's update arriving later than this after its last one is applied at once. */
const FRAME_MS = 16;
/** Forgets old timestamps (runs whose end was missed) so a days-long page stays bounded. */
const MAX_APPLIED = 1_000;

function applyStreaming(runs: RunView[]): void {
  if (appliedAt.size > MAX_APPLIED) appliedAt.clear();
  const now = Date.now();
  for (const run of runs) appliedAt.set(run.runId, now);
  const sessions = new Set(runs.map((run) => run.sessionKey));
  for (const key of sessions) {
    update(key, (chat) => runs.filter((run) => run.sessionKey === key).reduce(withRun, chat));
  }
  activeRuns.set({ ...activeRuns.get(), ...Object.fromEntries(runs.map((r) => [r.runId, r])) });
}

/** Applies the streaming updates held for the next frame now (each session and the run list change once). */
export function flushRunUpdates(): void {
  cancelFrame?.();
  cancelFrame = undefined;
  if (pendingRuns.size === 0) return;
  const runs = [...pendingRuns.values()];
  pendingRuns.clear();
  applyStreaming(runs);
}

function holdForNextFrame(run: RunView): void {
  // A run's delta after a quiet spell of that run shows at once, alone (other runs streaming
  // meanwhile neither delay it nor ride along); only a burst of one run waits, at most a frame.
  const quiet = Date.now() - (appliedAt.get(run.runId) ?? -Infinity) >= FRAME_MS;
  if (quiet && !pendingRuns.has(run.runId)) return applyStreaming([run]);
  pendingRuns.set(run.runId, run);
  cancelFrame ??= platform().nextFrame(flushRunUpdates);
}

function findRun(runId: string, sessionKey: string): RunView {
  return (
    pendingRuns.get(runId) ??
    activeRuns.get()[runId] ??
    get(sessionKey).items.find((item) => item.run?.runId === runId)?.run ??
    newRun(runId, sessionKey, Date.now())
  );
}

/** When each watched run last had an event, and when the current connection began. */
const lastEventAt = new Map<string, number>();
let connectedAt = 0;

/**
 * A new run in a session whose earlier run has been silent since before this
 * connection means the earlier one was cut off (a gateway restart resumes the
 * turn as a new run): show it as interrupted instead of streaming forever.
 */
function settleInterrupted(sessionKey: string, newRunId: string): void {
  for (const run of Object.values(activeRuns.get())) {
    if (!run || run.sessionKey !== sessionKey || run.runId === newRunId) continue;
    if ((lastEventAt.get(run.runId) ?? 0) >= connectedAt) continue;
    lastEventAt.delete(run.runId);
    pendingRuns.delete(run.runId);
    upsertRun({ ...run, state: 'aborted', stopReason: 'interrupted', endedAt: Date.now() });
  }
}

function onChatEvent(frame: EventFrame): void {
  const payload = frame.payload as { runId?: unknown; sessionKey?: unknown } | undefined;
  if (typeof payload?.runId !== 'string' || typeof payload.sessionKey !== 'string') return;
  const isNew = !pendingRuns.has(payload.runId) && !activeRuns.get()[payload.runId];
  const run = findRun(payload.runId, payload.sessionKey);
  const next = applyChatEvent(run, payload, Date.now());
  if (next.state === 'running') lastEventAt.set(next.runId, Date.now());
  else lastEventAt.delete(next.runId);
  if (isNew && next.state === 'running') settleInterrupted(next.sessionKey, next.runId);
  if (next === run) return;
  if (!isNew && next.state === 'running') return holdForNextFrame(next);
  // A run appearing or ending changes more than its card (run board, queue, alerts): at once.
  // Its held update is already in `next` (findRun reads it first); other runs keep theirs.
  pendingRuns.delete(next.runId);
  if (next.state !== 'running') appliedAt.delete(next.runId);
  upsertRun(next);
}

function onAgentEvent(frame: EventFrame): void {
  const payload = frame.payload as { runId?: unknown; sessionKey?: unknown } | undefined;
  if (typeof payload?.runId !== 'string' || typeof payload.sessionKey !== 'string') return;
  const run = pendingRuns.get(payload.runId) ?? activeRuns.get()[payload.runId];
  if (!run) return;
  const next = applyAgentEvent(run, payload);
  if (next !== run) holdForNextFrame(next);
}

function onSessionMessage(frame: EventFrame): void {
  const payload = frame.payload as { sessionKey?: unknown; message?: unknown } | undefined;
  if (
    typeof payload?.sessionKey !== 'string' ||
    typeof payload.message !== 'object' ||
    !payload.message
  )
    return;
  const sessionKey = payload.sessionKey;
  if (!$chats.get()[sessionKey]) return;
  const message = payload.message as GatewayMessage;
  const key = messageKey(message, `m-${Date.now()}`);
  const runId = runIdOf(message);
  update(sessionKey, (chat) => {
    // A watched run already shows this assistant turn; the user's own turn may be shown optimistically.
    if (
      runId &&
      message.role === 'assistant' &&
      chat.items.some((item) => item.run?.runId === runId)
    )
      return chat;
    const exists = chat.items.findIndex((item) => item.key === key);
    if (exists >= 0) {
      const items = chat.items.slice();
      items[exists] = { key, message };
      return { ...chat, items };
    }
    return { ...chat, items: bounded([...chat.items, { key, message }]) };
  });
}

/** Queues a message for a session and sends it as soon as the session is free and the gateway is reachable. */
export function send(sessionKey: string, text: string, via: 'chat' | 'agent' = 'chat'): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  const item: QueuedMessage = { id: randomId(), text: trimmed, state: 'queued', via };
  update(sessionKey, (chat) => ({ ...chat, queue: [...chat.queue, item] }));
  drafts.setKey(sessionKey, undefined as unknown as string);
  void flushQueue(sessionKey);
}

/** Gives a failed message another try (same idempotency key, so it cannot run twice). */
export function retryQueued(sessionKey: string, id: string): void {
  update(sessionKey, (chat) => ({
    ...chat,
    queue: chat.queue.map((q) => (q.id === id ? { ...q, state: 'queued', error: undefined } : q)),
  }));
  void flushQueue(sessionKey);
}

/** Removes a message from the queue without sending it. */
export function discardQueued(sessionKey: string, id: string): void {
  update(sessionKey, (chat) => ({ ...chat, queue: chat.queue.filter((q) => q.id !== id) }));
}

function setQueued(sessionKey: string, id: string, change: Partial<QueuedMessage> | null): void {
  update(sessionKey, (chat) => ({
    ...chat,
    queue:
      change === null
        ? chat.queue.filter((q) => q.id !== id)
        : chat.queue.map((q) => (q.id === id ? { ...q, ...change } : q)),
  }));
}

/** Sends the next queued message of a session, one at a time and never while a run is going. */
export async function flushQueue(sessionKey: string): Promise<void> {
  if (sending.has(sessionKey) || runningIn(sessionKey)) return;
  const next = get(sessionKey).queue.find((q) => q.state === 'queued');
  if (!next) return;
  sending.add(sessionKey);
  setQueued(sessionKey, next.id, { state: 'sending' });
  try {
    const method = next.via === 'agent' ? 'agent' : 'chat.send';
    const params = { sessionKey, message: next.text, idempotencyKey: next.id };
    const result = await request<{ runId?: string }>(method, params);
    const runId = typeof result?.runId === 'string' ? result.runId : next.id;
    setQueued(sessionKey, next.id, null);
    update(sessionKey, (chat) => ({
      ...chat,
      items: bounded([
        ...chat.items,
        {
          key: `${next.id}:user`,
          message: { role: 'user', content: next.text, timestamp: Date.now() },
        },
      ]),
    }));
    if (!activeRuns.get()[runId] && !get(sessionKey).items.some((i) => i.run?.runId === runId)) {
      upsertRun(newRun(runId, sessionKey, Date.now()));
    }
    if (next.via === 'agent') void waitForAgent(sessionKey, runId);
  } catch (error) {
    const transient =
      error instanceof ConnectionLostError ||
      error instanceof NotConnectedError ||
      error instanceof RequestTimeoutError;
    // A drop leaves the message queued; it is resent with the same key when we are back.
    setQueued(
      sessionKey,
      next.id,
      transient ? { state: 'queued' } : { state: 'failed', error: describeError(error) },
    );
  } finally {
    sending.delete(sessionKey);
  }
}

async function waitForAgent(sessionKey: string, runId: string): Promise<void> {
  try {
    const result = await request<{ status?: string; error?: string }>(
      'agent.wait',
      { runId, timeoutMs: 120_000 },
      125_000,
    );
    update(sessionKey, (chat) => ({
      ...chat,
      agentWait: { runId, status: result?.status ?? 'unknown', error: result?.error },
    }));
  } catch (error) {
    update(sessionKey, (chat) => ({
      ...chat,
      agentWait: { runId, status: 'error', error: describeError(error) },
    }));
  }
}

/** Asks the gateway to stop a run (the `aborted` event may arrive before this returns). */
export async function abortRun(sessionKey: string, runId: string): Promise<string | undefined> {
  try {
    await request('chat.abort', { sessionKey, runId });
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** Saves a session's draft. */
export function setDraft(sessionKey: string, text: string): void {
  drafts.setKey(sessionKey, (text || undefined) as unknown as string);
}

onMount($chats, () => {
  const offs = [
    onGatewayEvent('chat', onChatEvent),
    onGatewayEvent('agent', onAgentEvent),
    onGatewayEvent('session.message', onSessionMessage),
    onConnected(() => {
      connectedAt = Date.now();
      // Back online: resend what was queued (same idempotency keys) and refresh open transcripts.
      for (const key of Object.keys($chats.get())) {
        void loadHistory(key).then(() => flushQueue(key));
      }
    }),
  ];
  return () => offs.forEach((off) => off());
});

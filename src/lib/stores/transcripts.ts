import type { EventFrame } from '@openclaw/gateway-client/browser';
import { onMount, type ReadableAtom } from 'nanostores';
import { describeError } from '../gateway/outcome';
import { isLive } from './connection';
import { onConnected, onGatewayEvent, request } from './gateway-session';
import { reconcileRuns, runs, startRuns, watchSessionRuns } from './run-map';
import type { GatewayMessage } from './runs';
import { holdSessionMessages } from './subscriptions';
import { bounded, entryKey, toEntries } from './transcript-entries';
import {
  applyMessage,
  clearTranscript,
  createTranscript,
  insertLocalTurn,
  patch,
  place,
  recordedRuns,
  setEntries,
  skipEnded,
  type Transcript,
  type TranscriptView,
} from './transcript-state';

/** One session's conversation as a view shows it. */
export type { TranscriptView };

/** Older history pages; the gateway caps `chat.history` at 1000 per call. */
export const HISTORY_PAGE = 200;
/**
 * The newest page, read when a session opens: enough to fill a tall screen, small enough that
 * the gateway answers at once (2026.9.6, a session of 1,000 messages: 17 ms and 35 KB for 50,
 * 38 ms and 132 KB for 200). Scrolling up pages the rest in, HISTORY_PAGE at a time.
 */
export const NEWEST_PAGE = 50;
/** Transcripts kept in memory while no view shows them (least recently used go first). */
export const MAX_CACHED_SESSIONS = 20;

interface HistoryPage {
  messages?: unknown;
  hasMore?: unknown;
  nextOffset?: unknown;
  sessionId?: unknown;
  sessionInfo?: { activeRunIds?: unknown };
}

const cache = new Map<string, Transcript>();

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

async function loadNewest(t: Transcript): Promise<void> {
  const mine = ++t.generation;
  patch(t, { loading: true, loadError: undefined });
  try {
    const page = await request<HistoryPage>('chat.history', {
      sessionKey: t.key,
      limit: NEWEST_PAGE,
    });
    if (mine !== t.generation) return;
    const messages = toEntries(page?.messages, 'h');
    const recorded = recordedRuns(messages);
    // Runs shown here whose turn history does not record yet (streaming, or lost) stay, after it.
    // A card already holding its recorded turn stays only if it came after the newest message
    // this page shares with what was shown (the page was read before the turn was written);
    // otherwise it is older than the page and comes back with the older pages.
    const inPage = new Set(messages.map((entry) => entry.key));
    const lastShared = t.data.entries.findLastIndex((entry) => inPage.has(entry.key));
    const live = t.data.entries.filter(
      (entry, index) =>
        entry.runId &&
        !recorded.has(entry.runId) &&
        (!entry.message || (lastShared >= 0 && index > lastShared)),
    );
    const active = page?.sessionInfo?.activeRunIds;
    setEntries(t, bounded([...messages, ...live]), {
      hasMore: page?.hasMore === true,
      nextOffset: num(page?.nextOffset),
      sessionId: str(page?.sessionId),
      loading: false,
      loaded: true,
      namesRuns: Array.isArray(active),
    });
    // Mounted (the generation says so), so the run map is observed and reading it is safe.
    skipEnded(t, runs.get(), recorded);
    if (!Array.isArray(active)) return;
    // A run in flight shows at once (with Stop), not only when its next event arrives.
    const running = active.filter((id): id is string => typeof id === 'string').slice(0, 100);
    startRuns(t.key, running);
    reconcileRuns(t.key, new Set(running), (runId) => recorded.has(runId));
  } catch (error) {
    if (mine === t.generation) patch(t, { loading: false, loadError: describeError(error) });
  }
}

function onChanged(t: Transcript, frame: EventFrame): void {
  const payload = frame.payload as
    { sessionKey?: unknown; reason?: unknown; sessionId?: unknown } | undefined;
  if (payload?.sessionKey !== t.key) return;
  if (payload.reason !== 'reset' && payload.reason !== 'new') return;
  // A reset this transcript already shows (ours, read back) needs no second read.
  if (typeof payload.sessionId === 'string' && payload.sessionId === t.data.sessionId) return;
  resetTranscript(t.key);
}

function touch(t: Transcript): void {
  cache.delete(t.key);
  cache.set(t.key, t);
}

function evict(): void {
  // Least recently used first; a transcript a view shows is never dropped.
  for (const t of cache.values()) {
    if (cache.size <= MAX_CACHED_SESSIONS) return;
    if (!t.mounted) cache.delete(t.key);
  }
}

function create(key: string): Transcript {
  const t = createTranscript(key);
  // The view is what observers hold, so its life is the transcript's (cleanStores ends it at once).
  onMount(t.view, () => {
    t.mounted = true;
    touch(t);
    const offs = [
      holdSessionMessages(key),
      watchSessionRuns(key),
      runs.listen((map) => place(t, map)),
      onConnected(() => void loadNewest(t)),
      onGatewayEvent('session.message', (frame) => applyMessage(t, frame)),
      onGatewayEvent('sessions.changed', (frame) => onChanged(t, frame)),
    ];
    skipEnded(t, runs.get(), t.skip);
    place(t, runs.get());
    if (isLive.get()) void loadNewest(t);
    return () => {
      t.mounted = false;
      t.generation += 1;
      if (t.data.loading) patch(t, { loading: false });
      offs.forEach((off) => off());
      touch(t);
      evict();
    };
  });
  return t;
}

/** One session's transcript: while observed it holds the session's message subscription and reads history on every connection. */
export function transcript(sessionKey: string): ReadableAtom<TranscriptView> {
  let t = cache.get(sessionKey);
  if (t) touch(t);
  else {
    cache.set(sessionKey, (t = create(sessionKey)));
    evict();
  }
  return t.view;
}

/** Pages older history in front of what is shown, while the gateway says there is more. */
export async function loadOlder(sessionKey: string): Promise<void> {
  const t = cache.get(sessionKey);
  if (!t?.mounted || !t.data.hasMore || t.data.loading) return;
  const mine = t.generation;
  patch(t, { loading: true });
  // The gateway says where the next page starts; counting our own messages is a fallback only.
  const offset = t.data.nextOffset ?? t.data.entries.filter((entry) => entry.message).length;
  try {
    const page = await request<HistoryPage>('chat.history', {
      sessionKey,
      limit: HISTORY_PAGE,
      offset,
    });
    if (mine !== t.generation) return;
    const known = new Set(t.data.entries.map((entry) => entry.key));
    const older = toEntries(page?.messages, `o${offset}`).filter((entry) => !known.has(entry.key));
    for (const runId of recordedRuns(older)) t.skip.add(runId);
    setEntries(t, [...older, ...t.data.entries], {
      hasMore: page?.hasMore === true,
      nextOffset: num(page?.nextOffset),
      loading: false,
    });
  } catch (error) {
    if (mine === t.generation) patch(t, { loading: false, loadError: describeError(error) });
  }
}

/** Empties a session's transcript at once (it was reset: a new conversation) and reads it again. */
export function resetTranscript(sessionKey: string): void {
  const t = cache.get(sessionKey);
  if (!t) return;
  clearTranscript(t);
  if (t.mounted && isLive.get()) void loadNewest(t);
}

/** Shows the operator's own turn at once, before the run it started (history replaces it by its idempotency key). */
export function addLocalTurn(
  sessionKey: string,
  idempotencyKey: string,
  message: GatewayMessage,
  runId?: string,
): void {
  const t = cache.get(sessionKey);
  if (t) insertLocalTurn(t, entryKey.idempotency(idempotencyKey), message, runId);
}

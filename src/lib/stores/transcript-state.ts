import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, computed, type ReadableAtom, type WritableAtom } from 'nanostores';
import { runs } from './run-map';
import type { GatewayMessage, RunView } from './runs';
import {
  bounded,
  joinRuns,
  entryKey,
  messageKey,
  runIdOf,
  type Entry,
  type TranscriptItem,
} from './transcript-entries';

/**
 * One transcript's state and the changes made to it: entries, which runs it shows, and
 * the live messages applied. The cache, reads and lifecycle live in transcripts.ts.
 */

/** One session's conversation as a view shows it. */
export interface TranscriptView {
  items: readonly TranscriptItem[];
  hasMore: boolean;
  loading: boolean;
  loadError?: string;
  /** Whether history has been read (since the last reset). */
  loaded: boolean;
  /** Whether the gateway names the session's running runs (older gateways only say "busy"). */
  namesRuns: boolean;
}

/** What a transcript holds. */
export interface TranscriptData {
  entries: Entry[];
  hasMore: boolean;
  /** Where the next older page starts, as the gateway counts it (from the newest message back). */
  nextOffset?: number;
  loading: boolean;
  loadError?: string;
  loaded: boolean;
  namesRuns: boolean;
  /** The gateway's id of the conversation shown; a reset starts a new one under the same key. */
  sessionId?: string;
}

/** One session's transcript: its state, its store, and its bookkeeping. */
export interface Transcript {
  key: string;
  // Read through this copy, never `$data.get()`: a late answer calling get() would mount it again.
  data: TranscriptData;
  $data: WritableAtom<TranscriptData>;
  view: ReadableAtom<TranscriptView>;
  mounted: boolean;
  /** Bumped by every newest-page read, reset and unmount: older answers are ignored. */
  generation: number;
  /** Run ids with an entry here. */
  placed: Set<string>;
  /** Runs never given an entry: their turn is in history, or they are from before a reset. */
  skip: Set<string>;
}

let fallbackKeys = 0;

/** Changes a transcript's state (through the kept copy). */
export function patch(t: Transcript, change: Partial<TranscriptData>): void {
  t.$data.set((t.data = { ...t.data, ...change }));
}

/** Replaces the entries, and which runs have one. */
export function setEntries(
  t: Transcript,
  entries: Entry[],
  change: Partial<TranscriptData> = {},
): void {
  t.placed = new Set(entries.flatMap((entry) => (entry.runId ? [entry.runId] : [])));
  patch(t, { ...change, entries });
}

/** Gives each run of this session that appeared in the map an entry at the end, once. */
export function place(t: Transcript, map: ReadonlyMap<string, RunView>): void {
  const fresh: Entry[] = [];
  for (const run of map.values()) {
    if (run.sessionKey !== t.key || t.placed.has(run.runId) || t.skip.has(run.runId)) continue;
    t.placed.add(run.runId);
    fresh.push({ key: entryKey.run(run.runId), runId: run.runId });
  }
  if (fresh.length) patch(t, { entries: bounded([...t.data.entries, ...fresh]) });
}

/** Runs that ended while this transcript was not shown are history's to show, not ours. */
export function skipEnded(
  t: Transcript,
  map: ReadonlyMap<string, RunView>,
  recorded: Set<string>,
): void {
  const skip = new Set(recorded);
  for (const run of map.values()) {
    if (run.sessionKey !== t.key || t.placed.has(run.runId)) continue;
    if (run.state !== 'running' || t.skip.has(run.runId)) skip.add(run.runId);
  }
  t.skip = skip;
}

/** The runs whose turns these entries record. */
export function recordedRuns(entries: Entry[]): Set<string> {
  return new Set(entries.flatMap((entry) => (entry.message && runIdOf(entry.message)) || []));
}

/** Applies a live `session.message` (untrusted) to a transcript. */
export function applyMessage(t: Transcript, frame: EventFrame): void {
  const payload = frame.payload as { sessionKey?: unknown; message?: unknown } | undefined;
  const message = payload?.message;
  if (payload?.sessionKey !== t.key || typeof message !== 'object' || message === null) return;
  if (Array.isArray(message)) return;
  const turn = message as GatewayMessage;
  const entries = t.data.entries.slice();
  const runId = runIdOf(turn);
  if (runId && turn.role === 'assistant') {
    // The run's card shows this turn; the turn is kept in case the card goes (the map is bounded).
    t.skip.add(runId);
    const at = entries.findIndex((entry) => entry.runId === runId);
    if (at >= 0) {
      entries[at] = { ...entries[at]!, message: turn };
      return setEntries(t, entries);
    }
  }
  const key = messageKey(turn, `m-${++fallbackKeys}`);
  const at = entries.findIndex((entry) => entry.key === key);
  if (at >= 0) entries[at] = { ...entries[at]!, message: turn };
  else entries.push({ key, message: turn });
  setEntries(t, bounded(entries));
}

/** A new, empty transcript whose store joins its entries with the run map. */
export function createTranscript(key: string): Transcript {
  const data: TranscriptData = {
    entries: [],
    hasMore: false,
    loading: false,
    loaded: false,
    namesRuns: false,
  };
  const $data = atom(data);
  let items: readonly TranscriptItem[] = [];
  let shown: TranscriptView | undefined;
  const view = computed([$data, runs], (d, map): TranscriptView => {
    items = joinRuns(d.entries, map, items);
    const { hasMore, loading, loadError, loaded, namesRuns } = d;
    const next = { items, hasMore, loading, loadError, loaded, namesRuns };
    const same =
      shown &&
      (Object.keys(next) as Array<keyof TranscriptView>).every((k) => shown![k] === next[k]);
    return same ? shown! : (shown = next);
  });
  return {
    key,
    data,
    $data,
    view,
    mounted: false,
    generation: 0,
    placed: new Set(),
    skip: new Set(),
  };
}

/** Empties a transcript for a new conversation; runs of the old one never come back into it. */
export function clearTranscript(t: Transcript): void {
  t.generation += 1;
  t.skip = new Set([...t.skip, ...t.placed]);
  setEntries(t, [], {
    hasMore: false,
    nextOffset: undefined,
    sessionId: undefined,
    loadError: undefined,
    loading: false,
    loaded: false,
    namesRuns: false,
  });
}

/** Puts the operator's own turn in, before the run it started when that is shown already. */
export function insertLocalTurn(
  t: Transcript,
  key: string,
  message: GatewayMessage,
  runId?: string,
): void {
  if (t.data.entries.some((entry) => entry.key === key)) return;
  const entries = t.data.entries.slice();
  const at = runId === undefined ? -1 : entries.findIndex((entry) => entry.runId === runId);
  entries.splice(at < 0 ? entries.length : at, 0, { key, message });
  setEntries(t, bounded(entries));
}

import type { GatewayMessage, RunView } from './runs';
import { keepIfSame } from './same-items';

/**
 * Pure pieces of a transcript: what the gateway's messages are keyed by, and how the
 * stored entries join the run map into what a view shows. No stores, no requests.
 */

/** A transcript entry as a view shows it: a gateway message, or a run (streaming or ended). */
export interface TranscriptItem {
  key: string;
  message?: GatewayMessage;
  run?: RunView;
}

/** A stored entry: a message, or a reference to a run in the run map (with its recorded turn, once known). */
export interface Entry {
  key: string;
  message?: GatewayMessage;
  runId?: string;
}

/** Transcript entries kept per session in memory; older ones are paged in again on demand. */
export const MAX_ITEMS = 2_000;

function openclawMeta(message: GatewayMessage): Record<string, unknown> {
  const meta = message.__openclaw;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
}

/**
 * Entry keys by kind. Idempotency keys and message ids are picked by other clients; prefixed by
 * kind, none of them can equal a run's key or another kind's, so no client can hide a run card
 * or someone's message by choosing a key ("the first of two equal keys stays").
 */
export const entryKey = {
  /** A message recorded under the idempotency key its sender chose. */
  idempotency: (key: string) => `k:${key}`,
  /** A message known only by the id the gateway gave it. */
  id: (id: string) => `i:${id}`,
  /** A message with neither: its place in the page it came in. */
  position: (place: string) => `p:${place}`,
  /** A run's card. */
  run: (runId: string) => `r:${runId}`,
};

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The key a message is shown under: its idempotency key (what our optimistic copy uses), else its id, else `place`. */
export function messageKey(message: GatewayMessage, place: string): string {
  const meta = openclawMeta(message);
  const idempotency = [message.idempotencyKey, meta.idempotencyKey].find(nonEmpty);
  if (idempotency) return entryKey.idempotency(idempotency);
  return nonEmpty(meta.id) ? entryKey.id(meta.id) : entryKey.position(place);
}

/** The run a recorded message belongs to, when the gateway says. */
export function runIdOf(message: GatewayMessage): string | undefined {
  const runId = openclawMeta(message).runId;
  return typeof runId === 'string' && runId ? runId : undefined;
}

/** A page of (untrusted) messages as entries. */
export function toEntries(messages: unknown, prefix: string): Entry[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((value: unknown, index): Entry[] => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const message = value as GatewayMessage;
    return [{ key: messageKey(message, `${prefix}-${index}`), message }];
  });
}

/** Keeps the newest entries within the bound. */
export function bounded(entries: Entry[]): Entry[] {
  return entries.length > MAX_ITEMS ? entries.slice(entries.length - MAX_ITEMS) : entries;
}

// One item object per run version, so an unchanged run keeps its identity across joins.
const runItems = new WeakMap<RunView, TranscriptItem>();

function runItem(key: string, run: RunView): TranscriptItem {
  let item = runItems.get(run);
  if (!item || item.key !== key) runItems.set(run, (item = { key, run }));
  return item;
}

/**
 * What a view shows: messages as stored, run entries as the run map has them now (a run
 * the map no longer holds shows its recorded turn, or nothing). Returns `previous` when
 * every item is the same, so a run streaming elsewhere does not re-render this list.
 */
export function joinRuns(
  entries: readonly Entry[],
  runs: ReadonlyMap<string, RunView>,
  previous: readonly TranscriptItem[],
): readonly TranscriptItem[] {
  const items: TranscriptItem[] = [];
  // A key twice would break the keyed list (a gateway may reuse one); the first one stays.
  const keys = new Set<string>();
  for (const entry of entries) {
    if (keys.has(entry.key)) continue;
    const run = entry.runId === undefined ? undefined : runs.get(entry.runId);
    if (run) items.push(runItem(entry.key, run));
    else if (entry.message) items.push(entry);
    else continue;
    keys.add(entry.key);
  }
  return keepIfSame(previous, items);
}

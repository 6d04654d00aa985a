import type { QueuedMessage } from './outbox';
import { countDiagnostic } from './diagnostics';
import { platform } from './platform';
import { isRecord } from './validate';
import { PREFIX } from './outbox-key';

// Queued messages are kept in localStorage, per gateway: written synchronously before a send
// begins (a crash a moment after Send loses nothing), read by a reload, and announced to every
// other tab of this origin by the browser's `storage` event.

const STATES: ReadonlyArray<QueuedMessage['state']> = ['queued', 'sending', 'failed'];

function storage(): Storage | undefined {
  return platform().storages.local ?? undefined;
}

function readItem(value: unknown): QueuedMessage | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.text !== 'string')
    return undefined;
  const state = STATES.includes(value.state as QueuedMessage['state'])
    ? (value.state as QueuedMessage['state'])
    : 'queued';
  return {
    id: value.id,
    text: value.text,
    state,
    error: typeof value.error === 'string' ? value.error : undefined,
    via: value.via === 'agent' ? 'agent' : 'chat',
  };
}

/** The kept text of a gateway's queues, as stored (to tell whether anything changed). */
export function keptText(url: string): string | null {
  try {
    return storage()?.getItem(PREFIX + url) ?? null;
  } catch {
    return null;
  }
}

/** The queued messages kept on this device for a gateway, by session key. */
export function readQueues(url: string): Map<string, readonly QueuedMessage[]> {
  const queues = new Map<string, readonly QueuedMessage[]>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage()?.getItem(PREFIX + url) ?? '{}');
  } catch {
    countDiagnostic('unreadableItems');
    return queues;
  }
  if (!isRecord(parsed)) return queues;
  for (const [key, list] of Object.entries(parsed)) {
    const items = (Array.isArray(list) ? list : []).map(readItem);
    const kept = items.filter((item): item is QueuedMessage => !!item);
    if (kept.length < items.length) countDiagnostic('unreadableItems');
    if (kept.length) queues.set(key, kept);
  }
  return queues;
}

/** Keeps a gateway's queues on this device (removed once empty); false when storage refused. */
export function writeQueues(
  url: string,
  queues: ReadonlyMap<string, readonly QueuedMessage[]>,
): boolean {
  try {
    if (queues.size) storage()?.setItem(PREFIX + url, JSON.stringify(Object.fromEntries(queues)));
    else storage()?.removeItem(PREFIX + url);
    return true;
  } catch {
    // Full or refused storage: the queue still lives in this tab, as it did before it was kept.
    countDiagnostic('unreadableItems');
    return false;
  }
}

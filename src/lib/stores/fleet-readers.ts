/**
 * Readers for the fleet's snapshot replies: each takes what a gateway sent (untrusted) and
 * returns the part of a `FleetState` it feeds; one odd item is dropped, never the whole list.
 */
import { readApproval, type AskItem } from './approval-items';
import { readQuestion } from './question-items';
import { attentionOf, readJob } from './cron';
import { countDiagnostic } from './diagnostics';
import type { FleetState } from './fleet-signals';
import { readNode } from './nodes';
import { isRecord } from './validate';

/** Most items of one kind kept per gateway: a flood must not grow memory without bound. */
export const MAX_ITEMS = 200;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Keeps `value` under `key` unless the map is full (counted as a drop). */
function put<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= MAX_ITEMS && !map.has(key)) return countDiagnostic('unreadableItems');
  map.set(key, value);
}

/** What the fleet keeps of one waiting ask: its summary and age, and the item to decide on. */
export type AskEntry = { id: string; summary: string; createdAt?: number; item?: AskItem };

/** An ask as the fleet keeps it. */
export function askEntry(item: AskItem | undefined): [string, AskEntry] | undefined {
  if (!item || item.status !== 'pending') return undefined;
  return [item.key, { id: item.id, summary: item.summary, createdAt: item.createdAt, item }];
}

/** The waiting asks from the replies of `exec.approval.list`, `plugin.approval.list`, `question.list`. */
export function readAsks(replies: {
  exec?: unknown;
  plugin?: unknown;
  question?: unknown;
}): FleetState['asks'] {
  const out = new Map<string, AskEntry>();
  const items = [
    ...list(replies.exec).map((v) => readApproval(v, 'exec')),
    ...list(replies.plugin).map((v) => readApproval(v, 'plugin')),
    ...list(isRecord(replies.question) ? replies.question.questions : undefined).map(readQuestion),
  ];
  for (const item of items) {
    const entry = askEntry(item);
    if (entry) put(out, entry[0], entry[1]);
  }
  return out;
}

function sinceOf(account: Record<string, unknown>): number | undefined {
  const last = account.lastDisconnect;
  return (
    (isRecord(last) ? num(last.at) : undefined) ??
    num(account.lastDisconnectedAtMs) ??
    num(account.lastStopAt)
  );
}

function accountDown(account: Record<string, unknown>): boolean {
  if (account.enabled === false || account.configured === false) return false;
  return account.connected === false || account.running === false;
}

/**
 * Channels down from a `channels.status` reply or a `health` snapshot (both carry `channels`
 * and `channelLabels`; the first also `channelAccounts`). A channel already known down keeps
 * its first "since"; one without a time from the gateway is down since it was first seen.
 */
export function readChannelsDown(
  value: unknown,
  now: number,
  previous: FleetState['channelsDown'],
): FleetState['channelsDown'] {
  const out = new Map<string, { label: string; since?: number }>();
  if (!isRecord(value)) return out;
  const labels = isRecord(value.channelLabels) ? value.channelLabels : {};
  const labelOf = (id: string) => str(labels[id]) ?? id;
  const mark = (key: string, label: string, since?: number) =>
    put(out, key, { label, since: previous.get(key)?.since ?? since ?? now });
  const accounts = isRecord(value.channelAccounts) ? value.channelAccounts : {};
  for (const [id, entries] of Object.entries(accounts)) {
    for (const raw of list(entries)) {
      if (!isRecord(raw) || !accountDown(raw)) continue;
      const account = str(raw.accountId) ?? 'default';
      mark(`${id}:${account}`, `${labelOf(id)} (${account})`, sinceOf(raw));
    }
  }
  const channels = isRecord(value.channels) ? value.channels : {};
  for (const [id, summary] of Object.entries(channels)) {
    if (!isRecord(summary) || [...out.keys()].some((k) => k.startsWith(`${id}:`))) continue;
    const ok = typeof summary.ok === 'boolean' ? summary.ok : summary.connected;
    if (ok === false || (summary.configured === true && summary.running === false))
      mark(`${id}:*`, labelOf(id), sinceOf(summary));
  }
  return out;
}

/** Failing and overdue jobs from a `cron.list` reply. */
export function readCronAttention(value: unknown, now: number): FleetState['cron'] {
  const out = new Map<string, { name: string; attention: 'failing' | 'overdue' }>();
  for (const raw of list(isRecord(value) ? value.jobs : undefined)) {
    const job = readJob(raw);
    const attention = job && attentionOf(job, now);
    if (job && attention) put(out, job.id, { name: job.name, attention });
  }
  return out;
}

/** Paired nodes not connected, from a `node.list` reply. */
export function readNodesOffline(value: unknown): FleetState['nodesOffline'] {
  const out = new Map<string, { name: string; lastSeen?: number }>();
  for (const raw of list(isRecord(value) ? value.nodes : undefined)) {
    const node = readNode(raw);
    if (node && node.paired && !node.connected)
      put(out, node.nodeId, { name: node.displayName ?? node.nodeId, lastSeen: node.lastSeenAtMs });
  }
  return out;
}

/** The version an update would bring, from an `update.status` reply or `update.available` event. */
export function readUpdate(value: unknown): string | undefined {
  const offer = isRecord(value) ? value.updateAvailable : undefined;
  if (!isRecord(offer)) return offer === true ? '?' : undefined;
  return str(offer.latestVersion) ?? str(offer.version) ?? str(offer.tag) ?? '?';
}

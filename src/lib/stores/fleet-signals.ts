/**
 * What needs the operator on one gateway, as signals the fleet view ranks across gateways.
 * Pure: the fleet connection fills a `FleetState`, this module only reads it.
 */
import type { AskItem } from './approval-items';
import { approvalHref } from './approvals';
import type { PeriodLevel } from './budget-levels';

/** The sources a gateway may or may not offer (method advertised and scope granted). */
export type SignalSource = 'approvals' | 'channels' | 'cron' | 'nodes' | 'spend' | 'update';

/** What the fleet connection knows about one gateway beyond its connection. */
export interface FleetState {
  /** Sources this gateway offers; the rest show "not offered", never zero. */
  offered: ReadonlySet<SignalSource>;
  /** Waiting approvals and questions, by kind-prefixed key (with the item, to decide on it). */
  asks: ReadonlyMap<string, { id: string; summary: string; createdAt?: number; item?: AskItem }>;
  /** Runs that ended in error, by run id, with when the error was heard. */
  failedRuns: ReadonlyMap<string, { at: number; sessionKey?: string }>;
  /** Channel accounts down, by `channel:account`, with since when (when known). */
  channelsDown: ReadonlyMap<string, { label: string; since?: number }>;
  /** Scheduled jobs failing or overdue, by job id. */
  cron: ReadonlyMap<string, { name: string; attention: 'failing' | 'overdue' }>;
  /** Paired nodes not connected, by node id. */
  nodesOffline: ReadonlyMap<string, { name: string; lastSeen?: number }>;
  /** Spend today and this month (US dollars), once read. */
  spend?: { today: number; month: number };
  /** The version an update would bring, when the gateway says one is available. */
  update?: string;
}

/** An empty state: nothing known, nothing offered yet. */
export function emptyFleetState(): FleetState {
  return {
    offered: new Set(),
    asks: new Map(),
    failedRuns: new Map(),
    channelsDown: new Map(),
    cron: new Map(),
    nodesOffline: new Map(),
  };
}

/** The kinds of signal, most urgent first (the order of this list is the triage order). */
export const SIGNAL_KINDS = [
  'approval',
  'channelDown',
  'budgetOver',
  'failedRun',
  'cronFailing',
  'nodeOffline',
  'cronOverdue',
  'budgetWarn',
  'update',
] as const;
/** One kind of signal. */
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** One thing that needs the operator, on one gateway. */
export interface Signal {
  kind: SignalKind;
  profileId: string;
  /** Unique across the fleet: profile, kind and the thing's own key. */
  key: string;
  count: number;
  /** Words naming the thing(s): a command, a channel, a job (untrusted; isolate when shown). */
  detail: string;
  /** Oldest time involved (waiting since, down since), when known. */
  since?: number;
  /** Where on that gateway the thing is. */
  href: string;
  budget?: PeriodLevel;
}

/** Failed runs older than this no longer count. */
export const FAILED_RUN_WINDOW_MS = 3_600_000;
/** Names listed in one signal's detail before "…". */
const DETAIL_NAMES = 3;

/** Characters of one name kept in a detail: a hostile name must not fill the strip. */
const NAME_CHARS = 80;
const listed = (names: string[]) =>
  names
    .slice(0, DETAIL_NAMES)
    .map((n) => (n.length > NAME_CHARS ? `${n.slice(0, NAME_CHARS)}…` : n))
    .join(', ') + (names.length > DETAIL_NAMES ? ', …' : '');
const oldest = (times: (number | undefined)[]) => {
  const known = times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return known.length ? Math.min(...known) : undefined;
};

/** The signals of one gateway at `now`, given its worst budget level (if any is reached). */
export function signalsOf(
  profileId: string,
  state: FleetState,
  now: number,
  budget?: PeriodLevel,
): Signal[] {
  const out: Signal[] = [];
  const add = (kind: SignalKind, count: number, detail: string, href: string, since?: number) => {
    if (count > 0)
      out.push({ kind, profileId, key: `${profileId}|${kind}`, count, detail, href, since });
  };
  const asks = [...state.asks.values()];
  const first = asks.reduce<(typeof asks)[number] | undefined>(
    (a, b) => (!a || (b.createdAt ?? Infinity) < (a.createdAt ?? Infinity) ? b : a),
    undefined,
  );
  add(
    'approval',
    asks.length,
    listed(asks.map((a) => a.summary)),
    first ? approvalHref(first.id) : '/approvals',
    oldest(asks.map((a) => a.createdAt)),
  );
  const down = [...state.channelsDown.values()];
  add(
    'channelDown',
    down.length,
    listed(down.map((c) => c.label)),
    '/',
    oldest(down.map((c) => c.since)),
  );
  if (budget && budget.reached > 0) {
    const kind = budget.reached >= 100 ? 'budgetOver' : 'budgetWarn';
    out.push({
      kind,
      profileId,
      key: `${profileId}|${kind}`,
      count: 1,
      detail: budget.period,
      href: '/usage',
      budget,
    });
  }
  const failed = [...state.failedRuns.values()].filter((r) => now - r.at <= FAILED_RUN_WINDOW_MS);
  add(
    'failedRun',
    failed.length,
    listed(failed.map((r) => r.sessionKey ?? '?')),
    '/sessions',
    oldest(failed.map((r) => r.at)),
  );
  const jobs = [...state.cron.values()];
  const failing = jobs.filter((j) => j.attention === 'failing');
  const overdue = jobs.filter((j) => j.attention === 'overdue');
  add('cronFailing', failing.length, listed(failing.map((j) => j.name)), '/cron');
  const nodes = [...state.nodesOffline.values()];
  add(
    'nodeOffline',
    nodes.length,
    listed(nodes.map((n) => n.name)),
    '/nodes',
    oldest(nodes.map((n) => n.lastSeen)),
  );
  add('cronOverdue', overdue.length, listed(overdue.map((j) => j.name)), '/cron');
  if (state.update) add('update', 1, state.update, '/');
  return out;
}

/** Signals across gateways by urgency: kind first, then the longest waiting, then the most. */
export function triage(signals: readonly Signal[]): Signal[] {
  const rank = (s: Signal) => SIGNAL_KINDS.indexOf(s.kind);
  return [...signals].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.since ?? Infinity) - (b.since ?? Infinity) ||
      b.count - a.count ||
      a.key.localeCompare(b.key),
  );
}

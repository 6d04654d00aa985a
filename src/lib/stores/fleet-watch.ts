/**
 * One gateway's triage state over a fleet connection: one snapshot on connect, then events.
 * Nothing here polls: re-reads happen only because an event said something changed (debounced),
 * and the gateway's own `tick` (every 30 s) is the clock for "overdue" and "in the last hour".
 */
import type { EventFrame, HelloOk } from '@openclaw/gateway-client/browser';
import { requiredScope, scopeSatisfied } from '../gateway/scopes';
import { readApproval, askKey, type AskKind } from './approval-items';
import { readQuestion } from './question-items';
import { attentionOf, readJob, type CronJob } from './cron';
import {
  askEntry,
  readAsks,
  readChannelsDown,
  readNodesOffline,
  readUpdate,
  type AskEntry,
} from './fleet-readers';
import { emptyFleetState, type FleetState, type SignalSource } from './fleet-signals';
import { finalCost, monthParams, readSpend } from './budget-levels';
import type { Unavailable } from './gateway-session';
import { isRecord } from './validate';

/** How long after an event that changes a list it is read again (a burst reads once). */
export const REREAD_DEBOUNCE_MS = 2_000;
/** The gateway caches usage.cost this long; one more read after it catches a run's cost. */
const USAGE_CACHE_MS = 31_000;

type Request = (method: string, params?: unknown) => Promise<unknown>;

/** Which of a source's methods decide that it is offered. */
const SOURCE_METHOD: Record<SignalSource, string> = {
  approvals: 'exec.approval.list',
  channels: 'channels.status',
  cron: 'cron.list',
  nodes: 'node.list',
  spend: 'usage.cost',
  update: 'update.status',
};

/** What runs were seen to cost recently (for the burn rate), per gateway. */
export type RecentCosts = readonly { at: number; cost: number }[];

/** Keeps one gateway's `FleetState` from its connection; `changed` is called after each change. */
export function fleetWatcher(
  request: Request,
  changed: (state: FleetState, recent: RecentCosts) => void,
) {
  let state = emptyFleetState();
  let methods = new Set<string>();
  let scopes: readonly string[] = [];
  const can = (m: string) => methods.has(m) && scopeSatisfied(scopes, requiredScope(m));
  let protocol = 4;
  let jobs: CronJob[] = [];
  let recent: { at: number; cost: number }[] = [];
  let channelsSeen = '';
  let counting = 0;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const update = (change: Partial<FleetState>) => {
    state = { ...state, ...change };
    changed(state, recent);
  };
  const later = (name: string, ms: number, run: () => Promise<void>) => {
    clearTimeout(timers.get(name));
    timers.set(
      name,
      setTimeout(() => void run().catch(() => {}), ms),
    );
  };

  const SOURCE_READER: Record<SignalSource, () => Promise<void>> = {
    async approvals() {
      const ask = (m: string) => (can(m) ? request(m, {}).catch(() => undefined) : undefined);
      const [exec, plugin, question] = await Promise.all(
        ['exec.approval.list', 'plugin.approval.list', 'question.list'].map(ask),
      );
      update({ asks: readAsks({ exec, plugin, question }) });
    },
    async channels() {
      const reply = await request('channels.status', {});
      update({ channelsDown: readChannelsDown(reply, Date.now(), state.channelsDown) });
    },
    async cron() {
      const reply = await request('cron.list', { includeDisabled: true });
      jobs = (isRecord(reply) && Array.isArray(reply.jobs) ? reply.jobs : [])
        .map(readJob)
        .filter((job): job is CronJob => !!job)
        .slice(0, 500);
      judgeJobs();
    },
    async nodes() {
      update({ nodesOffline: readNodesOffline(await request('node.list', {})) });
    },
    async spend() {
      const { range, params } = monthParams(Date.now(), protocol < 4);
      const spend = readSpend(await request('usage.cost', params), range.startDate, range.endDate);
      update({ spend });
      // "Still counting" answers come with zeros: read again shortly, a few times at most.
      counting = spend.complete ? 0 : counting + 1;
      if (counting > 0 && counting <= 6) later('spend', 3_000, SOURCE_READER.spend);
    },
    async update() {
      update({ update: readUpdate(await request('update.status', {})) });
    },
  };
  const reread = (source: SignalSource, ms = REREAD_DEBOUNCE_MS) => {
    if (state.offered.has(source)) later(source, ms, SOURCE_READER[source]);
  };
  function judgeJobs() {
    const now = Date.now();
    const cron = new Map<string, { name: string; attention: 'failing' | 'overdue' }>();
    for (const job of jobs) {
      const attention = attentionOf(job, now);
      if (attention) cron.set(job.id, { name: job.name, attention });
    }
    update({ cron });
  }
  const asks = (kind: AskKind, frame: EventFrame, added: boolean) => {
    const next = new Map<string, AskEntry>(state.asks);
    if (added) {
      const entry = askEntry(
        kind === 'question' ? readQuestion(frame.payload) : readApproval(frame.payload, kind),
      );
      if (entry && next.size < 200) next.set(entry[0], entry[1]);
    } else if (isRecord(frame.payload) && typeof frame.payload.id === 'string') {
      next.delete(askKey(kind, frame.payload.id));
    }
    update({ asks: next });
  };
  const onChat = (payload: unknown) => {
    if (!isRecord(payload) || typeof payload.runId !== 'string') return;
    const now = Date.now();
    if (payload.state === 'error') {
      const failedRuns = new Map(state.failedRuns);
      if (failedRuns.size >= 200) failedRuns.delete(failedRuns.keys().next().value!);
      const sessionKey = typeof payload.sessionKey === 'string' ? payload.sessionKey : undefined;
      update({ failedRuns: failedRuns.set(payload.runId, { at: now, sessionKey }) });
    } else if (payload.state === 'final') {
      const cost = finalCost(payload);
      recent = [
        ...recent.filter((r) => now - r.at < 3_600_000),
        ...(cost ? [{ at: now, cost }] : []),
      ].slice(-200);
      reread('spend');
      // The gateway may answer the first re-read from its cache; read once more after it.
      if (state.offered.has('spend')) later('spend-late', USAGE_CACHE_MS, SOURCE_READER.spend);
    }
  };
  const EVENTS: Record<string, (frame: EventFrame) => void> = {
    'exec.approval.requested': (f) => asks('exec', f, true),
    'exec.approval.resolved': (f) => asks('exec', f, false),
    'plugin.approval.requested': (f) => asks('plugin', f, true),
    'plugin.approval.resolved': (f) => asks('plugin', f, false),
    'question.requested': (f) => asks('question', f, true),
    'question.resolved': (f) => asks('question', f, false),
    chat: (f) => onChat(f.payload),
    cron: () => reread('cron'),
    'node.presence': () => reread('nodes'),
    'node.pair.resolved': () => reread('nodes'),
    'update.available': (f) => update({ update: readUpdate(f.payload) }),
    health: (f) => {
      const channels = isRecord(f.payload) ? JSON.stringify(f.payload.channels ?? {}) : '';
      if (channels === channelsSeen) return;
      channelsSeen = channels;
      if (state.offered.has('channels')) reread('channels');
      else update({ channelsDown: readChannelsDown(f.payload, Date.now(), state.channelsDown) });
    },
    tick: () => {
      judgeJobs();
    },
  };

  return {
    /** The gateway accepted the connection: decide what it offers and read one snapshot. */
    hello(hello: HelloOk, protocolVersion: number) {
      methods = new Set(hello.features?.methods ?? []);
      scopes = hello.auth?.scopes ?? [];
      protocol = protocolVersion;
      const offered = new Set(
        (Object.keys(SOURCE_METHOD) as SignalSource[]).filter((s) => can(SOURCE_METHOD[s])),
      );
      channelsSeen = JSON.stringify(hello.snapshot?.health?.channels ?? {});
      update({ ...emptyFleetState(), offered, update: readUpdate(hello.snapshot) });
      for (const source of offered) void SOURCE_READER[source]().catch(() => {});
    },
    /** Whether the gateway offers a method and granted its scope to this connection. */
    can,
    /** Why a method is not allowed on this connection, or undefined when it is. */
    why(method: string): Unavailable | undefined {
      if (!methods.has(method)) return { reason: 'notOffered', method };
      const scope = requiredScope(method);
      return scopeSatisfied(scopes, scope) ? undefined : { reason: 'scope', method, scope };
    },
    /** An event after the handshake. */
    event(frame: EventFrame) {
      EVENTS[frame.event]?.(frame);
    },
    /** Events were lost: read everything once more. */
    gap() {
      for (const source of state.offered) reread(source);
    },
    /** The connection closed or the watcher ends: no timer outlives it. */
    stop() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

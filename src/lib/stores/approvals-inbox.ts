import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, computed, onMount } from 'nanostores';
import {
  askKey,
  readApproval,
  readSnapshot,
  settleFromEvent,
  type AskItem,
  type AskKind,
} from './approval-items';
import { readQuestion } from './question-items';
import { gatewayCollection, type EventReducer } from './collection';
import { countDiagnostic } from './diagnostics';
import { can, gatewayHello, onGatewayEvent, request } from './gateway-session';
import { isRecord } from './validate';

/** The most waiting items kept: a flood from a misbehaving agent must not grow memory without bound. */
const MAX_PENDING = 100;
/** Settled items remembered for the screens that showed them (newest kept). */
const MAX_SETTLED = 50;

type Reader = (value: unknown) => AskItem | undefined;
const SOURCES: Array<{ method: string; read: Reader; list: (reply: unknown) => unknown[] }> = [
  { method: 'exec.approval.list', read: (v) => readApproval(v, 'exec'), list: asArray },
  { method: 'plugin.approval.list', read: (v) => readApproval(v, 'plugin'), list: asArray },
  {
    method: 'question.list',
    read: readQuestion,
    list: (reply) => (isRecord(reply) ? asArray(reply.questions) : []),
  },
];

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

async function readAll(): Promise<Map<string, AskItem>> {
  const all = new Map<string, AskItem>();
  const offered = SOURCES.filter((source) => can.get()(source.method));
  const failures: unknown[] = [];
  // One failing source must not hide the others' items.
  const replies = await Promise.all(
    offered.map((s) => request<unknown>(s.method, {}).catch((e) => void failures.push(e))),
  );
  offered.forEach((source, i) => {
    for (const item of source.list(replies[i]).map(source.read)) {
      if (item?.status === 'pending' && all.size < MAX_PENDING) all.set(item.key, item);
    }
  });
  if (offered.length && failures.length === offered.length) throw failures[0];
  return all;
}

const adds =
  (read: Reader): EventReducer<Map<string, AskItem>> =>
  (current, frame) => {
    const item = read(frame.payload);
    if (!item || current.has(item.key)) return current;
    if (current.size >= MAX_PENDING) {
      countDiagnostic('unreadableItems');
      return current;
    }
    return new Map(current).set(item.key, item);
  };

const drops =
  (kind: AskKind): EventReducer<Map<string, AskItem>> =>
  (current, frame) => {
    const id = isRecord(frame.payload) ? frame.payload.id : undefined;
    const key = typeof id === 'string' ? askKey(kind, id) : '';
    if (!current.has(key)) return current;
    const next = new Map(current);
    next.delete(key);
    return next;
  };

/** What the gateway says is waiting now: exec and plugin approvals and agent questions, live. */
export const pendingAsks = gatewayCollection<Map<string, AskItem>>({
  method: 'exec.approval.list',
  initial: new Map(),
  load: readAll,
  events: {
    'exec.approval.requested': adds((v) => readApproval(v, 'exec')),
    'exec.approval.resolved': drops('exec'),
    'plugin.approval.requested': adds((v) => readApproval(v, 'plugin')),
    'plugin.approval.resolved': drops('plugin'),
    'question.requested': adds(readQuestion),
    'question.resolved': drops('question'),
  },
});

const $settled = atom<ReadonlyMap<string, AskItem>>(new Map());
// Everything seen waiting, so a resolution event can still be matched after the list dropped it.
const seen = new Map<string, AskItem>();

/** Records what became of an item (the gateway's answer, an event, or its deadline passing). */
export function settle(item: AskItem): void {
  const next = new Map($settled.get());
  next.delete(item.key);
  next.set(item.key, item);
  while (next.size > MAX_SETTLED) next.delete(next.keys().next().value!);
  $settled.set(next);
}

/** The item under a key, pending or settled, if this console has seen it. */
export function knownAsk(key: string): AskItem | undefined {
  return $settled.get().get(key) ?? seen.get(key);
}

/** Asks the gateway for an approval's canonical record (where it offers `approval.get`). */
export async function confirmAsk(item: AskItem): Promise<void> {
  if (item.kind === 'question') {
    if (!can.get()('question.get')) return;
    const reply = await request<unknown>('question.get', { id: item.id }).catch(() => undefined);
    const read = readQuestion(isRecord(reply) ? reply.question : undefined);
    if (read && read.status !== 'pending') settle({ ...item, ...read, final: true });
    return;
  }
  if (!can.get()('approval.get')) return;
  const reply = await request<unknown>('approval.get', { id: item.id }).catch(() => undefined);
  const read = readSnapshot(isRecord(reply) ? reply.approval : undefined, item);
  if (read && read.status !== 'pending') settle(read);
}

function onResolved(kind: AskKind) {
  return (frame: EventFrame) => {
    const payload = isRecord(frame.payload) ? frame.payload : {};
    const item = typeof payload.id === 'string' ? seen.get(askKey(kind, payload.id)) : undefined;
    if (!item || $settled.get().get(item.key)?.final) return;
    if (kind === 'question') {
      const status = payload.status;
      const known = status === 'answered' || status === 'cancelled' || status === 'expired';
      settle({ ...item, status: known ? status : 'resolved', resolvedAt: Date.now() });
    } else settle(settleFromEvent(item, payload));
    // The event names a display name at best; the durable record says which device and why.
    void confirmAsk(item);
  };
}

function expireDue(): number | undefined {
  const now = Date.now();
  let next: number | undefined;
  for (const item of pendingAsks.get().value.values()) {
    if ($settled.get().has(item.key) || item.expiresAt === undefined) continue;
    // Older gateways send nothing when an approval times out: its deadline is the word.
    if (item.expiresAt <= now) settle({ ...item, status: 'expired', reason: 'timeout' });
    else next = Math.min(next ?? Infinity, item.expiresAt);
  }
  return next;
}

/** Every item this console knows of: waiting ones first (soonest deadline first), then settled. */
export const asks = computed([pendingAsks, $settled], (pending, settled) => {
  const waiting = [...pending.value.values()].filter((item) => !settled.has(item.key));
  waiting.sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity));
  return { ...pending, waiting, settled: [...settled.values()].reverse() };
});

onMount(asks, () => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    const next = expireDue();
    if (next !== undefined) timer = setTimeout(schedule, Math.max(0, next - Date.now()) + 50);
  };
  const offs = [
    pendingAsks.subscribe((state) => {
      for (const item of state.value.values()) seen.set(item.key, item);
      while (seen.size > MAX_PENDING + MAX_SETTLED) seen.delete(seen.keys().next().value!);
      schedule();
    }),
    gatewayHello.listen((hello) => {
      if (hello) return;
      $settled.set(new Map());
      seen.clear();
    }),
    onGatewayEvent('exec.approval.resolved', onResolved('exec')),
    onGatewayEvent('plugin.approval.resolved', onResolved('plugin')),
    onGatewayEvent('question.resolved', onResolved('question')),
  ];
  return () => {
    clearTimeout(timer);
    offs.forEach((off) => off());
  };
});

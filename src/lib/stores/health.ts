import type { HelloOk } from '@openclaw/gateway-client/browser';
import { computed } from 'nanostores';
import { gatewayCollection } from './collection';
import { request } from './gateway-session';
import { cleanRecord, countUnreadable, isRecord, uniqueBy } from './validate';

/** The gateway's health snapshot as the protocol defines it. */
export type HealthSnapshot = HelloOk['snapshot']['health'];

function isHealth(value: unknown): value is HealthSnapshot {
  return isRecord(value);
}

type Agent = NonNullable<HealthSnapshot['agents']>[number];

function readAgent(value: unknown): Agent | undefined {
  const agent = cleanRecord<Agent>(
    value,
    {
      agentId: 'string',
      name: 'string',
      isDefault: 'boolean',
      sessions: 'object',
      heartbeat: 'object',
    },
    { required: ['agentId'] },
  );
  if (!agent) return undefined;
  const sessions =
    agent.sessions && cleanRecord<Agent['sessions']>(agent.sessions, { count: 'number' });
  const heartbeat =
    agent.heartbeat && cleanRecord<Agent['heartbeat']>(agent.heartbeat, { every: 'string' });
  return {
    ...agent,
    sessions: sessions as Agent['sessions'],
    heartbeat: heartbeat as Agent['heartbeat'],
  };
}

/**
 * A health snapshot the panels can render whatever the gateway sent: fields of the wrong
 * kind dropped, agents without an id dropped, repeated agents and channels shown once.
 */
export function readHealth(value: unknown): HealthSnapshot | undefined {
  const data = cleanRecord<HealthSnapshot>(value, {
    ok: 'boolean',
    ts: 'number',
    durationMs: 'number',
    eventLoop: 'object',
    channels: 'object',
    channelOrder: 'array',
    channelLabels: 'object',
    agents: 'array',
  });
  if (!data) return undefined;
  const out = { ...data } as HealthSnapshot & Record<string, unknown>;
  if (data.eventLoop) {
    const loop = cleanRecord<NonNullable<HealthSnapshot['eventLoop']>>(data.eventLoop, {
      degraded: 'boolean',
      reasons: 'strings',
      delayP99Ms: 'number',
      utilization: 'number',
    });
    if (loop) out.eventLoop = { ...loop, reasons: loop.reasons ?? [] };
    else delete out.eventLoop;
  }
  if (data.channelOrder) {
    const order = data.channelOrder as unknown[];
    const ids = [...new Set(order.filter((id): id is string => typeof id === 'string'))];
    if (ids.length !== order.length) countUnreadable();
    out.channelOrder = ids;
  }
  if (data.channelLabels) {
    const labels = Object.entries(data.channelLabels).filter(([, v]) => typeof v === 'string');
    out.channelLabels = Object.fromEntries(labels) as HealthSnapshot['channelLabels'];
  }
  if (data.agents) out.agents = uniqueBy(data.agents, readAgent, (agent) => agent.agentId);
  return out;
}

/** The live health snapshot: seeded by `hello-ok`, ordered by `stateVersion.health`. */
export const health = gatewayCollection<HealthSnapshot | undefined>({
  method: 'health',
  initial: undefined,
  fromHello: (hello) => readHealth(hello.snapshot.health),
  load: async () => readHealth(await request<unknown>('health')),
  events: { health: (current, frame) => readHealth(frame.payload) ?? current },
  versionKey: 'health',
  // A just-started gateway sends an empty snapshot; asking for it answers once its check is done.
  incomplete: (value) => healthVerdict(value) === 'pending',
});

/** What a health snapshot says overall: a just-started gateway sends an empty one until its first check ends. */
export type HealthVerdict = 'ok' | 'bad' | 'pending';

/** The verdict of an (untrusted) health snapshot; one without a boolean `ok` is still pending. */
export function healthVerdict(snapshot: unknown): HealthVerdict {
  const ok = isHealth(snapshot) ? (snapshot as { ok?: unknown }).ok : undefined;
  return typeof ok === 'boolean' ? (ok ? 'ok' : 'bad') : 'pending';
}

/** The message that names each verdict on screen. */
export const HEALTH_VERDICT_TEXT = {
  ok: 'overview.healthOk',
  bad: 'overview.healthBad',
  pending: 'overview.healthPending',
} as const;

/** One channel's state as a row for display. */
export interface ChannelRow {
  id: string;
  label: string;
  state: string;
  ok: boolean | undefined;
}

function describeChannel(value: unknown): { state: string; ok: boolean | undefined } {
  if (typeof value !== 'object' || value === null) return { state: String(value), ok: undefined };
  const record = value as Record<string, unknown>;
  const ok =
    typeof record.ok === 'boolean'
      ? record.ok
      : typeof record.connected === 'boolean'
        ? record.connected
        : undefined;
  const state = [record.state, record.status, record.lastError].find((v) => typeof v === 'string');
  return { state: typeof state === 'string' ? state : ok === false ? 'down' : 'up', ok };
}

/**
 * The rows for a (validated) snapshot's channels, in the gateway's display order. Only the
 * snapshot's own channels: an order naming `__proto__` or a channel it does not have is skipped
 * (a hostile one would otherwise show Object.prototype as a channel named "[object Object]").
 */
export function channelRows(data: HealthSnapshot | undefined): ChannelRow[] {
  const all = data?.channels;
  if (!all) return [];
  const labels = data.channelLabels ?? {};
  const order = (data.channelOrder ?? []).filter((id) => Object.hasOwn(all, id));
  return (order.length ? order : Object.keys(all)).map((id) => {
    const label = Object.hasOwn(labels, id) ? labels[id] : undefined;
    return {
      id,
      label: typeof label === 'string' ? label : id,
      ...describeChannel(all[id]),
    };
  });
}

/** The channels in the gateway's display order, with a readable state each. */
export const channels = computed(health, (snapshot) => channelRows(snapshot?.value));

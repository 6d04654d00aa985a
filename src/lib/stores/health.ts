import type { HelloOk } from '@openclaw/gateway-client/browser';
import { computed } from 'nanostores';
import { gatewayCollection } from './collection';
import { request } from './gateway-session';

/** The gateway's health snapshot as the protocol defines it. */
export type HealthSnapshot = HelloOk['snapshot']['health'];

function isHealth(value: unknown): value is HealthSnapshot {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The live health snapshot: seeded by `hello-ok`, ordered by `stateVersion.health`. */
export const health = gatewayCollection<HealthSnapshot | undefined>({
  method: 'health',
  initial: undefined,
  fromHello: (hello) => hello.snapshot.health,
  load: async () => {
    const payload = await request<unknown>('health');
    return isHealth(payload) ? payload : undefined;
  },
  events: { health: (current, frame) => (isHealth(frame.payload) ? frame.payload : current) },
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

/** The channels in the gateway's display order, with a readable state each. */
export const channels = computed(health, (snapshot): ChannelRow[] => {
  const data = snapshot?.value;
  if (!data?.channels) return [];
  const order = data.channelOrder?.length ? data.channelOrder : Object.keys(data.channels);
  return order.map((id) => ({
    id,
    label: data.channelLabels?.[id] ?? id,
    ...describeChannel(data.channels?.[id]),
  }));
});

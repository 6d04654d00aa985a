import type { HelloOk } from '@openclaw/gateway-client/browser';
import { computed } from 'nanostores';
import { gatewayCollection } from './collection';
import { gatewayHello, request, type GatewayHello } from './gateway-session';
import { cleanRecord, type FieldKind } from './validate';

/** One presence entry (a client, a node or the gateway itself). */
export type PresenceEntry = HelloOk['snapshot']['presence'][number];

const PRESENCE_FIELDS: Record<string, FieldKind> = {
  host: 'string',
  ip: 'string',
  version: 'string',
  platform: 'string',
  deviceFamily: 'string',
  mode: 'string',
  reason: 'string',
  text: 'string',
  instanceId: 'string',
  deviceId: 'string',
  ts: 'number',
  lastInputSeconds: 'number',
  scopes: 'strings',
  roles: 'strings',
  tags: 'strings',
};

/** The readable entries of a presence list (fields the panel shows are of the right kind). */
export function readPresence(value: unknown): PresenceEntry[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((entry) => cleanRecord<PresenceEntry>(entry, PRESENCE_FIELDS) ?? []);
}
const entries = readPresence;

/** Every connected client and node: seeded by `hello-ok`, ordered by `stateVersion.presence`. */
export const presence = gatewayCollection<PresenceEntry[]>({
  method: 'system-presence',
  initial: [],
  fromHello: (hello) => entries(hello.snapshot.presence) ?? [],
  load: async () => entries(await request<unknown>('system-presence')) ?? [],
  events: {
    presence: (current, frame) =>
      entries((frame.payload as { presence?: unknown } | null)?.presence) ?? current,
  },
  versionKey: 'presence',
});

// Other clients choose these ids: escape the characters our keys use as separators.
const escapeId = (id: string) => id.replace(/%/g, '%25').replace(/#/g, '%23');

/** A row's key before de-duplication: the kind of id (instance, device, host, none) and the escaped id. */
export function presenceKeyBase(entry: PresenceEntry): string {
  const field = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const instance = field(entry.instanceId);
  if (instance !== undefined) return `i:${escapeId(instance)}`;
  const device = field(entry.deviceId);
  if (device !== undefined) return `d:${escapeId(device)}`;
  const host = field(entry.host);
  return host !== undefined ? `h:${escapeId(host)}` : 'x:';
}

/** A presence entry prepared for display, with this console's own entry marked. */
export interface PresenceRow {
  key: string;
  entry: PresenceEntry;
  self: boolean;
  online: boolean;
}

/** Rows for a presence list: keys that never collide, this console marked, online and newest first. */
export function toPresenceRows(
  list: readonly PresenceEntry[],
  hello: GatewayHello | undefined,
): PresenceRow[] {
  // Keys follow the client, not its place in the list: the gateway lists newest first, so a
  // positional key rebuilt every row whenever someone joined.
  const seen = new Map<string, number>();
  const keyOf = (entry: PresenceEntry) => {
    const base = presenceKeyBase(entry);
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    // '#' never occurs in an escaped base, so a counted key cannot equal any other client's key.
    return repeat ? `${base}#${repeat}` : base;
  };
  return list
    .map((entry) => ({
      key: keyOf(entry),
      entry,
      self:
        !!hello &&
        (entry.instanceId === hello.instanceId ||
          (!entry.instanceId &&
            !!entry.deviceId &&
            entry.deviceId === hello.deviceId &&
            entry.reason !== 'disconnect')),
      online: entry.reason !== 'disconnect',
    }))
    .sort((a, b) => Number(b.online) - Number(a.online) || (b.entry.ts ?? 0) - (a.entry.ts ?? 0));
}

/** Presence rows: online first, newest activity first, this console marked. */
export const presenceRows = computed([presence, gatewayHello], (snapshot, hello) =>
  toPresenceRows(snapshot?.value ?? [], hello),
);

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { completeHandshake } from '../testing/handshake';
import { connectionState, disconnect } from './connection';
import { connect } from './connect-form';
import { readPendingDevice } from './devices';
import { channelRows, readHealth } from './health';
import { readHello } from './hello-facts';
import { readModels } from './models';
import { readPresence, toPresenceRows } from './presence';
import { readSessionRow, sessionTitle } from './sessions';
import { readStatus } from './status';
import { uniqueBy } from './validate';

// Property-based fuzzing of what the gateway sends, starting from frames captured from a real
// 2026.9.6 gateway: fields turned into the wrong type, fields dropped, list items duplicated.
// Whatever comes in, the readers never throw and what the views derive stays renderable.

type Json = unknown;
const payload = (path: string) => fixture<{ response: { payload: Json } }>(path).response.payload;
const hello = fixture<{ payload: Record<string, Json> }>('hello-ok.json').payload;
const snapshot = hello.snapshot as { health: Json; presence: Json };

// The captured health had no channels configured; give it two (as a gateway with Telegram and
// Discord would) so duplicating and retyping them is part of the search.
const withChannels = {
  ...(snapshot.health as object),
  channels: { telegram: { ok: true }, discord: { ok: false, lastError: 'token' } },
  channelOrder: ['telegram', 'discord'],
  channelLabels: { telegram: 'Telegram', discord: 'Discord' },
};

const SOURCES = {
  hello,
  health: withChannels,
  rpcHealth: payload('rpc/health.json'),
  presence: payload('rpc/system-presence.json'),
  sessions: (payload('rpc/sessions.list.json') as { sessions: Json }).sessions,
  status: payload('rpc/status.json'),
  models: payload('rpc/models.list.json'),
  devices: [
    {
      requestId: 'req-1',
      deviceId: 'd1',
      displayName: 'laptop',
      platform: 'linux',
      clientId: 'openclaw-control-ui',
      role: 'operator',
      scopes: ['operator.read', 'operator.write'],
      remoteIp: '127.0.0.1',
      ts: 1,
    },
    { requestId: 'req-2', deviceId: 'd2', scopes: ['operator.read'], ts: 2 },
  ],
};

type Path = Array<string | number>;

function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...at, i], out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths(item, [...at, key], out);
  return out;
}

const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  // Ids another client could pick to collide with ours (the presence key scheme).
  fc.constantFrom(
    '\u202E',
    '',
    'operator.admin',
    '__proto__',
    'K',
    'K#1',
    'K%231',
    'i:K',
    'telegram',
  ),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -1, 0),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }),
);

const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('wrong-type', 'drop', 'duplicate'),
  value: junk,
});

/** Applies mutations at positions chosen among all paths of the (copied) value. */
function mutate(source: Json, ops: Array<{ at: number; kind: string; value: Json }>): Json {
  let root = structuredClone(source) as Json;
  for (const op of ops) {
    const all = paths(root);
    const path = all[op.at % all.length]!;
    if (path.length === 0) {
      if (op.kind === 'wrong-type') root = op.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as never)[key], root) as
      Record<string | number, Json> | Json[];
    const key = path.at(-1)!;
    if (op.kind === 'wrong-type') (parent as Record<string | number, Json>)[key] = op.value;
    else if (op.kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, Json>)[key];
    } else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  }
  return root;
}

const mutated = (source: Json) =>
  fc.array(mutation, { minLength: 1, maxLength: 5 }).map((ops) => mutate(source, ops));

const text = (value: unknown) => value === undefined || typeof value === 'string';
const num = (value: unknown) =>
  value === undefined || (typeof value === 'number' && Number.isFinite(value));
const unique = (keys: string[]) => new Set(keys).size === keys.length;
const RUNS = { numRuns: 300 };

// Hundreds of generated inputs per property: on a loaded 2-core machine (CI, mutation runs) one
// property can take longer than vitest's 5 s default, which says nothing about the code.
describe('fuzzed gateway data', { timeout: 60_000 }, () => {
  it('health: readable snapshot, unique agents and channels', () => {
    for (const source of [SOURCES.health, SOURCES.rpcHealth]) {
      fc.assert(
        fc.property(mutated(source), (value) => {
          const health = readHealth(value);
          const rows = channelRows(health);
          expect(unique(rows.map((row) => row.id))).toBe(true);
          rows.forEach((row) => expect(typeof row.label === 'string').toBe(true));
          if (health?.eventLoop) {
            expect(Array.isArray(health.eventLoop.reasons)).toBe(true);
            expect(num(health.eventLoop.delayP99Ms) && num(health.eventLoop.utilization)).toBe(
              true,
            );
          }
          const agents = health?.agents ?? [];
          expect(unique(agents.map((agent) => agent.agentId))).toBe(true);
          for (const agent of agents) {
            expect(num(agent.sessions?.count) && text(agent.heartbeat?.every)).toBe(true);
            expect(text(agent.name)).toBe(true);
          }
        }),
        RUNS,
      );
    }
  });

  it('presence: every shown field of the right kind, row keys never collide', () => {
    fc.assert(
      fc.property(mutated(SOURCES.presence), (value) => {
        const rows = toPresenceRows(readPresence(value) ?? [], undefined);
        expect(unique(rows.map((row) => row.key))).toBe(true);
        for (const { entry } of rows) {
          for (const field of ['host', 'ip', 'mode', 'platform', 'version', 'instanceId'] as const)
            expect(text(entry[field])).toBe(true);
          expect(num(entry.ts) && num(entry.lastInputSeconds)).toBe(true);
          expect(entry.scopes === undefined || entry.scopes.every((s) => typeof s === 'string'));
        }
      }),
      RUNS,
    );
  });

  it('sessions: unique keys, a title for each, costs and tokens that format', () => {
    fc.assert(
      fc.property(mutated(SOURCES.sessions), (value) => {
        const rows = uniqueBy(value, readSessionRow, (row) => row.key);
        expect(unique(rows.map((row) => row.key))).toBe(true);
        for (const row of rows) {
          expect(typeof sessionTitle(row)).toBe('string');
          if (row.estimatedCostUsd) expect(typeof row.estimatedCostUsd.toFixed(4)).toBe('string');
          expect(row.totalTokens == null || num(row.totalTokens)).toBe(true);
          expect(row.updatedAt == null || num(row.updatedAt)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('devices, models and status: unique ids and fields of the right kind', () => {
    fc.assert(
      fc.property(
        mutated(SOURCES.devices),
        mutated(SOURCES.models),
        mutated(SOURCES.status),
        (devices, models, status) => {
          const pending = uniqueBy(devices, readPendingDevice, (device) => device.requestId);
          expect(unique(pending.map((device) => device.requestId))).toBe(true);
          for (const device of pending) {
            expect(device.scopes === undefined || Array.isArray(device.scopes)).toBe(true);
            expect(text(device.displayName) && text(device.platform)).toBe(true);
          }
          const choices = readModels(models);
          expect(unique(choices.map((choice) => choice.id))).toBe(true);
          const summary = readStatus(status);
          expect(num(summary?.sessions?.count) && num(summary?.tasks?.active)).toBe(true);
          expect(num(summary?.processMemory?.rssBytes)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('hello-ok: always yields a tick, method and event sets and a snapshot', () => {
    fc.assert(
      fc.property(mutated(SOURCES.hello), (value) => {
        const facts = readHello(value);
        expect(facts.tickIntervalMs).toBeGreaterThan(0);
        expect(facts.methods).toBeInstanceOf(Set);
        expect(Array.isArray(facts.snapshot.presence)).toBe(true);
        expect(typeof facts.serverVersion).toBe('string');
      }),
      RUNS,
    );
  });
});

describe('fuzzed hello-ok through the connection store', () => {
  beforeEach(() => useFakePlatform());
  afterEach(() => disconnect());

  it('connects (or says why not) and never throws, whatever hello-ok is missing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ops) => {
        useFakePlatform();
        connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
        const socket = FakeWebSocket.last();
        // Only the parts the console reads after the handshake: the client library itself
        // checks the frame's type and protocol.
        await completeHandshake(socket, (frame) => {
          const { type, protocol, ...rest } = frame.payload as Record<string, Json>;
          frame.payload = { type, protocol, ...(mutate(rest, ops) as object) } as never;
        });
        await vi.waitFor(() =>
          expect(['connected', 'stopped', 'reconnecting']).toContain(connectionState.get().phase),
        );
        disconnect();
      }),
      { numRuns: 25 },
    );
  });
});

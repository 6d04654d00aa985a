import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { completeHandshake } from '../testing/handshake';
import { connectionState, disconnect } from './connection';
import { connect } from './connect-form';
import { devicePairing, pendingDevices } from './devices';
import { diagnostics } from './diagnostics';
import { channels, health } from './health';
import { presenceRows } from './presence';
import { sessionRows, sessions } from './sessions';

// Each case is one way a gateway (or whatever answers in its place) sent something the views
// could not render; the view must keep rendering the rest and count what it dropped.

const realHealth = () =>
  fixture<{ payload: { snapshot: { health: Record<string, unknown> } } }>('hello-ok.json').payload
    .snapshot.health;

beforeEach(() => useFakePlatform());
afterEach(() => {
  cleanStores(health, sessions, devicePairing);
  disconnect();
});

async function live(edit?: Parameters<typeof completeHandshake>[1]) {
  connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
  const socket = FakeWebSocket.last();
  await completeHandshake(socket, edit);
  return socket;
}

function answer(socket: FakeWebSocket, method: string, payload: unknown) {
  const request = socket.lastRequest(method);
  socket.receive({ type: 'res', id: request.id, ok: true, payload });
}

const unreadable = () => diagnostics.get().unreadableItems;

describe('malformed gateway data', () => {
  it('a hello-ok without policy still connects (with the default tick)', async () => {
    await live((hello) => {
      delete (hello.payload as Record<string, unknown>).policy;
    });
    await vi.waitFor(() => expect(connectionState.get().phase).toBe('connected'));
  });

  it('health: reasons as a string, an agent without sessions, duplicate channels and agents', async () => {
    const off = channels.listen(() => {});
    const before = unreadable();
    const socket = await live();
    await vi.waitFor(() => expect(connectionState.get().phase).toBe('connected'));
    const base = realHealth();
    socket.receive({
      type: 'event',
      event: 'health',
      payload: {
        ...base,
        eventLoop: { delayP99Ms: 3, utilization: 0.1, degraded: true, reasons: 'slow' },
        channels: { a: { ok: true }, b: { ok: false } },
        channelOrder: ['a', 'a', 'b', 7],
        agents: [
          { agentId: 'main', isDefault: true },
          { agentId: 'main', name: 'again', sessions: { count: 1 }, heartbeat: { every: '1m' } },
          { name: 'no id' },
        ],
      },
      stateVersion: { presence: 1, health: 9999 },
    });
    await vi.waitFor(() => expect(health.get().value?.channelOrder).toEqual(['a', 'b']));
    const value = health.get().value!;
    expect(Array.isArray(value.eventLoop?.reasons ?? [])).toBe(true);
    expect((value.agents ?? []).map((agent) => agent.agentId)).toEqual(['main']);
    expect(channels.get().map((channel) => channel.id)).toEqual(['a', 'b']);
    expect(unreadable()).toBeGreaterThan(before);
    off();
  });

  it('presence: scopes as a string is dropped from that entry; the entry stays', async () => {
    const off = presenceRows.listen(() => {});
    const socket = await live();
    await vi.waitFor(() => expect(connectionState.get().phase).toBe('connected'));
    socket.receive({
      type: 'event',
      event: 'presence',
      payload: {
        presence: [
          { instanceId: 'a', host: 'h', ts: 1, scopes: 'operator.admin' },
          'garbage',
          { instanceId: 'b', host: 7, ts: 'yesterday' },
        ],
      },
      stateVersion: { presence: 9999, health: 1 },
    });
    await vi.waitFor(() => expect(presenceRows.get()).toHaveLength(2));
    for (const row of presenceRows.get()) {
      expect(row.entry.scopes === undefined || Array.isArray(row.entry.scopes)).toBe(true);
      expect(row.entry.host === undefined || typeof row.entry.host === 'string').toBe(true);
      expect(row.entry.ts === undefined || typeof row.entry.ts === 'number').toBe(true);
    }
    off();
  });

  it('sessions: a string cost is dropped, rows without a key are skipped, duplicates show once', async () => {
    const off = sessionRows.listen(() => {});
    const socket = await live();
    await vi.waitFor(() => socket.lastRequest('sessions.list'));
    answer(socket, 'sessions.list', {
      sessions: [
        { key: 'a', estimatedCostUsd: '0.5', totalTokens: 'many', label: 3 },
        { key: 'a', estimatedCostUsd: 0.25 },
        { label: 'no key' },
        null,
        { key: 'b', estimatedCostUsd: 0.1 },
        { key: 'c', estimatedCostUsd: '1.5', updatedAt: {} },
      ],
    });
    await vi.waitFor(() => expect(sessionRows.get()).toHaveLength(3));
    for (const row of sessionRows.get()) {
      for (const field of ['estimatedCostUsd', 'totalTokens'] as const)
        expect(row[field] == null || typeof row[field] === 'number').toBe(true);
      expect(row.label == null || typeof row.label === 'string').toBe(true);
    }
    off();
  });

  it('devices: duplicate request ids show once and scopes as a string is dropped', async () => {
    const off = pendingDevices.listen(() => {});
    const socket = await live((hello) => {
      const auth = (hello.payload as unknown as { auth: { scopes: string[] } }).auth;
      auth.scopes = ['operator.admin'];
    });
    await vi.waitFor(() => socket.lastRequest('device.pair.list'));
    answer(socket, 'device.pair.list', {
      pending: [
        { requestId: 'r', displayName: 'x' },
        { requestId: 'r', displayName: 'y', scopes: 'operator.admin', platform: ['x'] },
        { requestId: 5 },
      ],
    });
    await vi.waitFor(() => expect(pendingDevices.get()).toHaveLength(1));
    const [device] = pendingDevices.get();
    expect(device!.scopes === undefined || Array.isArray(device!.scopes)).toBe(true);
    expect(device!.platform === undefined || typeof device!.platform === 'string').toBe(true);
    off();
  });
});

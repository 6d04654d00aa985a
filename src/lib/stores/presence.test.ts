import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { completeHandshake } from '../testing/handshake';
import { disconnect } from './connection';
import { connect } from './connect-form';
import { presenceRows, type PresenceRow } from './presence';

beforeEach(() => useFakePlatform());
afterEach(() => disconnect());

const client = (id: string, ts: number) => ({
  instanceId: id,
  host: `host-${id}`,
  mode: 'webchat',
  ts,
  reason: 'connect',
});

describe('presenceRows', () => {
  it('keys rows by client, so one joining does not re-key everyone else', async () => {
    const off = presenceRows.listen(() => {});
    connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    const push = (presence: unknown[], version: number) =>
      socket.receive({
        type: 'event',
        event: 'presence',
        payload: { presence },
        stateVersion: { presence: version, health: 1 },
      });
    const keys = (rows: PresenceRow[]) =>
      Object.fromEntries(rows.map((row) => [row.entry.instanceId, row.key]));

    push([client('b', 20), client('a', 10)], 1000);
    await vi.waitFor(() => expect(presenceRows.get()).toHaveLength(2));
    const before = keys(presenceRows.get());
    // The gateway lists newest first: the newcomer comes in at the top.
    push([client('c', 30), client('b', 20), client('a', 10)], 1001);
    await vi.waitFor(() => expect(presenceRows.get()).toHaveLength(3));
    const after = keys(presenceRows.get());
    expect(after.a).toBe(before.a);
    expect(after.b).toBe(before.b);
    // Two entries for one client (a reconnect not yet expired) still get distinct keys.
    push([client('a', 40), client('a', 10)], 1002);
    await vi.waitFor(() => expect(presenceRows.get()).toHaveLength(2));
    expect(new Set(presenceRows.get().map((row) => row.key)).size).toBe(2);
    off();
  });

  it('never gives two rows one key, whatever ids other clients choose', async () => {
    const off = presenceRows.listen(() => {});
    connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    // A client that picks ids looking like our de-duplication suffix, and ids shared across kinds.
    const hostile = [
      client('K', 1),
      client('K', 2),
      client('K#1', 3),
      client('K\\#1', 4),
      { deviceId: 'K', ts: 5 },
      { host: 'K', ts: 6 },
      { host: 'K#1', ts: 7 },
      { ts: 8 },
      { ts: 9 },
      { instanceId: 'entry', ts: 10 },
    ];
    socket.receive({
      type: 'event',
      event: 'presence',
      payload: { presence: hostile },
      stateVersion: { presence: 5000, health: 1 },
    });
    await vi.waitFor(() => expect(presenceRows.get()).toHaveLength(hostile.length));
    expect(new Set(presenceRows.get().map((row) => row.key)).size).toBe(hostile.length);
    off();
  });
});

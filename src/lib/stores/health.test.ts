import { cleanStores } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { completeHandshake } from '../testing/handshake';
import { disconnect } from './connection';
import { connect } from './connect-form';
import { channelRows, health, healthVerdict, readHealth } from './health';

afterEach(() => {
  cleanStores(health);
  disconnect();
});

describe('healthVerdict', () => {
  it('reads the verdict of the real gateway’s snapshot', () => {
    const hello = fixture<{ payload: { snapshot: { health: { ok: boolean } } } }>('hello-ok.json');
    const health = hello.payload.snapshot.health;
    // The capture was taken from a healthy gateway.
    expect(healthVerdict(health)).toBe('ok');
    expect(healthVerdict({ ...health, ok: false })).toBe('bad');
  });

  it('calls the empty snapshot a just-started gateway sends pending, not unhealthy', () => {
    expect(healthVerdict({})).toBe('pending');
    expect(healthVerdict({ ok: 'yes' })).toBe('pending');
    expect(healthVerdict(undefined)).toBe('pending');
    expect(healthVerdict(['ok'])).toBe('pending');
  });
});

describe('health after a gateway restart', () => {
  it('asks at once when hello-ok brings an empty snapshot, and shows the answer', async () => {
    useFakePlatform();
    const off = health.listen(() => {});
    connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
    const socket = FakeWebSocket.last();
    let real: object = {};
    await completeHandshake(socket, (hello) => {
      const frame = hello as unknown as { payload: { snapshot: { health: object } } };
      real = frame.payload.snapshot.health;
      frame.payload.snapshot = { ...frame.payload.snapshot, health: {} };
    });
    await vi.waitFor(() => expect(healthVerdict(health.get()?.value)).toBe('pending'));
    await vi.waitFor(() => expect(socket.lastRequest('health')).toBeDefined());
    socket.receive({ type: 'res', id: socket.lastRequest('health').id, ok: true, payload: real });
    await vi.waitFor(() => expect(health.get().value).toEqual(real));
    off();
  });

  it('never replaces a full snapshot with an empty one read later', async () => {
    useFakePlatform();
    const off = health.listen(() => {});
    connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    await vi.waitFor(() => expect(healthVerdict(health.get().value)).toBe('ok'));
    void health.refresh();
    socket.receive({ type: 'res', id: socket.lastRequest('health').id, ok: true, payload: {} });
    await vi.waitFor(() => expect(health.get().loading).toBe(false));
    expect(healthVerdict(health.get().value)).toBe('ok');
    off();
  });
});

describe('channel rows', () => {
  it('show only the snapshot’s own channels, whatever the order names (found by the fuzz test)', () => {
    const rows = channelRows(
      readHealth({
        ok: true,
        channels: { discord: { ok: false, lastError: 'token' }, telegram: { ok: true } },
        channelOrder: ['__proto__', 'discord', 'constructor', 'telegram'],
        channelLabels: { discord: 'Discord', telegram: 7 },
      }),
    );
    expect(rows).toEqual([
      { id: 'discord', label: 'Discord', state: 'token', ok: false },
      { id: 'telegram', label: 'telegram', state: 'up', ok: true },
    ]);
  });
});

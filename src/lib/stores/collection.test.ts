import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { FakeWebSocket } from '../testing/fake-websocket';
import { answer, connectLive, reconnectLive, sentCount } from '../testing/live';
import { gatewayCollection, RELOAD } from './collection';
import { disconnect } from './connection';
import { onConnected, request } from './gateway-session';

/** A counter kept on the gateway's `status` method, changed by a made-up `count` event. */
function counter(extra: Partial<Parameters<typeof gatewayCollection<number>>[0]> = {}) {
  const store = gatewayCollection<number>({
    method: 'status',
    initial: -1,
    load: async () => (await request<{ n: number }>('status', {})).n,
    events: {
      count: (current, frame) => {
        const n = (frame.payload as { n?: unknown }).n;
        return n === 'reload' ? RELOAD : typeof n === 'number' ? current + n : current;
      },
    },
    ...extra,
  });
  created.push(store);
  return store;
}

const created: Array<ReturnType<typeof gatewayCollection<number>>> = [];
const offs: Array<() => void> = [];
beforeEach(() => useFakePlatform());
afterEach(() => {
  offs.splice(0).forEach((off) => off());
  // Unmount at once: a store left mounted would answer the next test's connection.
  cleanStores(...created.splice(0));
  disconnect();
});

describe('gatewayCollection', () => {
  it('holds nothing and sends nothing until something observes it', async () => {
    const store = counter();
    const socket = await connectLive();
    socket.receive({ type: 'event', event: 'count', payload: { n: 5 } });
    expect(sentCount(socket, 'status')).toBe(0);
    expect(store.get().value).toBe(-1);
  });

  it('loads when observed, applies its events, and says when it was received', async () => {
    const store = counter();
    const socket = await connectLive();
    offs.push(store.listen(() => {}));
    await answer(socket, 'status', { n: 10 });
    await vi.waitFor(() => expect(store.get()).toMatchObject({ value: 10, loaded: true }));
    socket.receive({ type: 'event', event: 'count', payload: { n: 3 } });
    expect(store.get().value).toBe(13);
    expect(store.get().receivedAt).toBeTypeOf('number');
  });

  it('reads again on every new connection and ignores a late answer from the old one', async () => {
    const store = counter();
    offs.push(store.listen(() => {}));
    const first = await connectLive();
    await vi.waitFor(() => first.lastRequest('status'));
    const stale = first.lastRequest('status').id;
    const second = await reconnectLive();
    expect(second).not.toBe(first);
    await answer(second, 'status', { n: 2 });
    await vi.waitFor(() => expect(store.get().value).toBe(2));
    first.receive({ type: 'res', id: stale, ok: true, payload: { n: 99 } });
    expect(store.get().value).toBe(2);
  });

  it('reads once more when an event asks for a reload while a read is under way', async () => {
    const store = counter();
    offs.push(store.listen(() => {}));
    const socket = await connectLive();
    await vi.waitFor(() => socket.lastRequest('status'));
    socket.receive({ type: 'event', event: 'count', payload: { n: 'reload' } });
    socket.receive({ type: 'event', event: 'count', payload: { n: 'reload' } });
    await answer(socket, 'status', { n: 1 });
    await vi.waitFor(() => expect(sentCount(socket, 'status')).toBe(2));
    await answer(socket, 'status', { n: 7 });
    await vi.waitFor(() => expect(store.get().value).toBe(7));
    expect(sentCount(socket, 'status')).toBe(2);
  });

  it('drops an event older than the snapshot it holds', async () => {
    const store = counter({ versionKey: 'health' });
    offs.push(store.listen(() => {}));
    const socket = await connectLive();
    await answer(socket, 'status', { n: 0 });
    await vi.waitFor(() => expect(store.get().loaded).toBe(true));
    const at = (health: number) => ({ presence: 0, health });
    socket.receive({ type: 'event', event: 'count', payload: { n: 1 }, stateVersion: at(50) });
    socket.receive({ type: 'event', event: 'count', payload: { n: 100 }, stateVersion: at(49) });
    expect(store.get()).toMatchObject({ value: 1, version: 50 });
  });

  it('says why and asks nothing when the gateway does not offer the method', async () => {
    const store = counter({ method: 'no.such.method' });
    offs.push(store.listen(() => {}));
    const socket = await connectLive();
    await vi.waitFor(() =>
      expect(store.get().unavailable).toEqual({ reason: 'notOffered', method: 'no.such.method' }),
    );
    expect(sentCount(socket, 'status')).toBe(0);
  });

  it('keeps the last value and reports a failed read in words', async () => {
    const store = counter();
    offs.push(store.listen(() => {}));
    const socket = await connectLive();
    await answer(socket, 'status', { n: 4 });
    await vi.waitFor(() => expect(store.get().value).toBe(4));
    void store.refresh();
    await vi.waitFor(() => expect(sentCount(socket, 'status')).toBe(2));
    await answer(socket, 'status', undefined, { code: 'UNAVAILABLE', message: 'Busy right now' });
    await vi.waitFor(() => expect(store.get().error).toBe('Busy right now (UNAVAILABLE)'));
    expect(store.get().value).toBe(4);
  });

  it('re-issues its subscription on a new connection before anyone hears "connected"', async () => {
    const store = counter({ subscription: 'sessions.subscribe' });
    offs.push(store.listen(() => {}));
    const first = await connectLive();
    await vi.waitFor(() => first.lastRequest('sessions.subscribe'));
    const seenAtConnected: number[] = [];
    offs.push(
      onConnected(() =>
        seenAtConnected.push(sentCount(FakeWebSocket.last(), 'sessions.subscribe')),
      ),
    );
    const second = await reconnectLive();
    await vi.waitFor(() => expect(seenAtConnected).toEqual([1]));
    const order = second.sent.map((frame) => frame.method);
    expect(order.indexOf('sessions.subscribe')).toBeLessThan(order.indexOf('status'));
  });

  it('stops re-issuing a subscription once nothing observes the collection', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = counter({ subscription: 'sessions.subscribe' });
      const off = store.listen(() => {});
      const first = await connectLive();
      await vi.waitFor(() => first.lastRequest('sessions.subscribe'));
      off();
      // nanostores frees a store a moment after its last listener leaves.
      await vi.advanceTimersByTimeAsync(1_100);
      const second = await reconnectLive();
      expect(sentCount(second, 'sessions.subscribe')).toBe(0);
      expect(sentCount(second, 'status')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

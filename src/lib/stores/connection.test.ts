import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocketWorker } from '../testing/fake-socket-worker';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { completeHandshake } from '../testing/handshake';
import { connectionState, disconnect } from './connection';
import { connect } from './connect-form';
import { can, gatewayHello } from './gateway-session';
import { health } from './health';
import { platform, setPlatform } from './platform';
import { presence } from './presence';

const URL = 'ws://127.0.0.1:18789';

beforeEach(() => {
  useFakePlatform();
});
afterEach(() => {
  cleanStores(health, presence);
  disconnect();
});

async function connectLive() {
  connect({ url: URL, token: 'secret', remember: false });
  const socket = FakeWebSocket.last();
  await completeHandshake(socket);
  await vi.waitFor(() => expect(connectionState.get().phase).toBe('connected'));
  return socket;
}

const realHealth = () =>
  fixture<{ payload: { snapshot: { health: object } } }>('hello-ok.json').payload.snapshot.health;

describe('connection store', () => {
  it('moves through readable phases to connected and holds the hello snapshot', async () => {
    const phases: string[] = [];
    const off = connectionState.listen((state) => phases.push(state.phase));
    await connectLive();
    off();
    expect(phases).toEqual(['connecting', 'handshaking', 'connected']);
    expect(gatewayHello.get()).toMatchObject({ protocol: 4, serverVersion: '2026.9.6' });
    expect(gatewayHello.get()?.tickIntervalMs).toBe(30_000);
  });

  it('answers can(method) from the advertised methods and the granted scopes', async () => {
    await connectLive();
    const allowed = can.get();
    expect(allowed('health')).toBe(true);
    expect(allowed('chat.send')).toBe(true); // write granted
    expect(allowed('sessions.delete')).toBe(false); // admin not granted in this capture
    expect(allowed('no.such.method')).toBe(false);
  });

  it('orders health snapshots by stateVersion: an older one never overwrites a newer one', async () => {
    const unmount = health.listen(() => {});
    const socket = await connectLive();
    const seeded = health.get()?.version ?? 0;
    socket.receive({
      type: 'event',
      event: 'health',
      payload: { ...realHealth(), durationMs: 111 },
      stateVersion: { presence: 1, health: seeded + 2 },
    });
    socket.receive({
      type: 'event',
      event: 'health',
      payload: { ...realHealth(), durationMs: 999 },
      stateVersion: { presence: 1, health: seeded + 1 },
    });
    expect(health.get().value?.durationMs).toBe(111);
    expect(health.get()?.version).toBe(seeded + 2);
    unmount();
  });

  it('drops malformed presence payloads and keeps the last good list', async () => {
    const unmount = presence.listen(() => {});
    const socket = await connectLive();
    const before = presence.get()?.value.length;
    socket.receive({
      type: 'event',
      event: 'presence',
      payload: { presence: 'garbage' },
      stateVersion: { presence: 999, health: 0 },
    });
    expect(presence.get()?.value.length).toBe(before);
    unmount();
  });

  it('re-reads health and presence after a seq gap without closing the socket', async () => {
    const unmount = [health.listen(() => {}), presence.listen(() => {})];
    const socket = await connectLive();
    socket.receive({ type: 'event', event: 'tick', payload: {}, seq: 1 });
    socket.receive({ type: 'event', event: 'tick', payload: {}, seq: 9 });
    await vi.waitFor(() => {
      expect(socket.lastRequest('health')).toBeDefined();
      expect(socket.lastRequest('system-presence')).toBeDefined();
    });
    expect(socket.readyState).toBe(1);
    socket.receive({
      type: 'res',
      id: socket.lastRequest('health').id,
      ok: true,
      payload: { ...realHealth(), durationMs: 4242 },
    });
    await vi.waitFor(() => expect(health.get().value?.durationMs).toBe(4242));
    unmount.forEach((off) => off());
  });

  it('shows a restart and retries promptly after a shutdown announcement', async () => {
    const socket = await connectLive();
    socket.receive({
      type: 'event',
      event: 'shutdown',
      payload: { reason: 'restart', restartExpectedMs: 3000 },
    });
    expect(connectionState.get().restarting?.expectedMs).toBe(3000);
    socket.drop(1012, 'service restart');
    const state = connectionState.get();
    expect(state.phase).toBe('reconnecting');
    expect((state.retryAt ?? Infinity) - Date.now()).toBeLessThanOrEqual(1_000);
  });

  it('says a shutdown without a restart announcement is a stop, with its reason, and still retries', async () => {
    const socket = await connectLive();
    socket.receive({ type: 'event', event: 'shutdown', payload: { reason: 'gateway stopping' } });
    expect(connectionState.get().restarting).toMatchObject({
      expectedMs: undefined,
      reason: 'gateway stopping',
    });
    socket.drop(1012, 'service restart');
    const state = connectionState.get();
    expect(state.phase).toBe('reconnecting');
    expect(state.problem?.fatal).toBe(false);
    expect(state.retryAt).toBeDefined();
  });

  it('stays disconnected after the user disconnects', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await connectLive();
    disconnect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connectionState.get().phase).toBe('disconnected');
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.useRealTimers();
  });
});

describe('a gateway that stops answering', () => {
  it('is found by a probe within about 10 s and named in the status line until reconnected', async () => {
    vi.useFakeTimers();
    try {
      const socket = await connectLive();
      // The socket stays open but nothing comes back, not even the probe's answer.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(socket.sent.some((frame) => frame.method === 'health')).toBe(true);
      expect(connectionState.get().problem?.code).toBe('unresponsive');
      expect(connectionState.get().phase).not.toBe('connected');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a gateway the page’s CSP refuses', () => {
  it('stops at once and names the gateways this server allows, never looking like "connecting"', () => {
    const dom = useFakePlatform();
    connect({ url: 'ws://10.0.0.7:18789', token: 'secret', remember: false });
    dom.violate({
      directive: 'connect-src',
      blockedURI: 'ws://10.0.0.7:18789/',
      policy: "default-src 'none'; connect-src 'self' ws://127.0.0.1:18789; object-src 'none'",
    });
    const state = connectionState.get();
    expect(state.phase).toBe('stopped');
    expect(state.problem).toMatchObject({
      code: 'csp-blocked',
      fatal: true,
      params: { url: 'ws://10.0.0.7:18789', allowed: 'ws://127.0.0.1:18789' },
    });
  });

  it('stops the same way when the refusal is the socket worker’s own', () => {
    useFakePlatform();
    setPlatform({ ...platform(), startSocketWorker: () => new FakeSocketWorker().asWorker() });
    connect({ url: 'ws://10.0.0.7:18789', token: 'secret', remember: false });
    const worker = FakeSocketWorker.last();
    // What socket-worker.ts posts for its global scope's securitypolicyviolation event.
    worker.outbox.push({
      type: 'violation',
      directive: 'connect-src',
      blockedURI: 'ws://10.0.0.7:18789/',
      policy: "default-src 'none'; connect-src 'self' ws://127.0.0.1:18789",
    });
    worker.deliver();
    expect(connectionState.get()).toMatchObject({
      phase: 'stopped',
      problem: { code: 'csp-blocked', params: { allowed: 'ws://127.0.0.1:18789' } },
    });
  });

  it('ignores refusals of other things', () => {
    const dom = useFakePlatform();
    connect({ url: 'ws://10.0.0.7:18789', token: 'secret', remember: false });
    dom.violate({ directive: 'script-src-elem', blockedURI: 'inline', policy: '' });
    dom.violate({ directive: 'connect-src', blockedURI: 'ws://elsewhere:1/', policy: '' });
    expect(connectionState.get().phase).toBe('connecting');
  });
});

import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { completeHandshake } from '../testing/handshake';
import { answer, connectLive } from '../testing/live';
import { disconnect } from './connection';
import {
  checkRestart,
  gatewayRestart,
  readPreflight,
  requestRestart,
  WATCH_MS,
} from './gateway-restart';

const ADMIN = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
};
// The 2026.9.6 gateway's preflight while an exec approval waits (measured).
const BUSY = {
  safe: false,
  counts: { rootRequests: 2, totalActive: 2 },
  blockers: [{ kind: 'root-request', count: 2, message: '2 active gateway request(s): ws:agent' }],
  summary: 'restart deferred: 2 active gateway request(s)',
};
const phase = () => gatewayRestart.get().phase;

beforeEach(() => {
  // Before the store mounts, so its watch interval is a fake one the tests can advance.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  useFakePlatform();
  gatewayRestart.listen(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  cleanStores(gatewayRestart);
  disconnect();
});

describe('reading the preflight', () => {
  it('says what keeps the gateway busy, and is not fooled by odd replies', () => {
    expect(readPreflight(BUSY)).toEqual({
      safe: false,
      total: 2,
      blockers: [{ kind: 'root-request', count: 2, message: BUSY.blockers[0]!.message }],
    });
    expect(readPreflight({ safe: 'yes', blockers: [{ count: 3 }, 'x'] })).toEqual({
      safe: false,
      total: 0,
      blockers: [],
    });
  });
});

describe('a safe restart', () => {
  it('goes from "busy" through draining and shutdown to "back" after the reconnect', async () => {
    const socket = await connectLive(ADMIN);
    const checked = checkRestart();
    await answer(socket, 'gateway.restart.preflight', BUSY);
    await checked;
    expect(gatewayRestart.get()).toMatchObject({ phase: 'ready', preflight: { total: 2 } });
    const requested = requestRestart(true, 'Ana');
    await answer(socket, 'gateway.restart.request', {
      ok: true,
      status: 'deferred',
      preflight: BUSY,
    });
    await requested;
    // "When idle" lets the gateway defer; the reason names who asked.
    expect(socket.lastRequest('gateway.restart.request').params).toEqual({
      reason: 'console: Ana',
    });
    expect(gatewayRestart.get()).toMatchObject({ phase: 'waiting', status: 'deferred' });
    socket.receive({ type: 'event', event: 'gateway.suspension', payload: { phase: 'draining' } });
    expect(phase()).toBe('draining');
    socket.receive({
      type: 'event',
      event: 'shutdown',
      payload: { reason: 'gateway restarting', restartExpectedMs: 1500 },
    });
    expect(phase()).toBe('restarting');
    socket.drop(1012, 'service restart');
    await vi.waitFor(() => expect(FakeWebSocket.last()).not.toBe(socket));
    await completeHandshake(FakeWebSocket.last(), ADMIN);
    await vi.waitFor(() => expect(phase()).toBe('back'));
    expect(gatewayRestart.get().backAt).toBeGreaterThanOrEqual(gatewayRestart.get().downAt!);
  });

  it('"restart now" skips the wait, and a drain shows as draining when requests answer UNAVAILABLE', async () => {
    const socket = await connectLive(ADMIN);
    const requested = requestRestart(false, 'Ana');
    await answer(socket, 'gateway.restart.request', { ok: true, status: 'scheduled' });
    await requested;
    expect(socket.lastRequest('gateway.restart.request').params).toMatchObject({
      skipDeferral: true,
    });
    expect(phase()).toBe('waiting');
    vi.advanceTimersByTime(WATCH_MS);
    await answer(socket, 'gateway.restart.preflight', undefined, {
      code: 'UNAVAILABLE',
      message: 'health unavailable during gateway restart',
    });
    await vi.waitFor(() => expect(phase()).toBe('draining'));
  });

  it('says why when the gateway refuses', async () => {
    const socket = await connectLive(ADMIN);
    const requested = requestRestart(true, 'Ana');
    await answer(socket, 'gateway.restart.request', undefined, {
      code: 'INVALID_REQUEST',
      message: 'invalid gateway.restart.request params',
    });
    await requested;
    expect(gatewayRestart.get()).toMatchObject({ phase: 'failed' });
    expect(gatewayRestart.get().error).toContain('INVALID_REQUEST');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { helloOk } from '../testing/frames';
import { handshake, setup } from '../testing/gateway-connection';
import {
  ConnectionLostError,
  GatewayRequestError,
  NotConnectedError,
  RequestTimeoutError,
} from './errors';

beforeEach(() => {
  FakeWebSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('GatewayConnection requests', () => {
  async function connected() {
    const ctx = setup();
    ctx.connection.start();
    const socket = FakeWebSocket.last();
    const connect = await handshake(socket);
    socket.receive(helloOk(connect.id));
    await vi.waitFor(() => expect(ctx.listener.hello).toHaveBeenCalled());
    return { ...ctx, socket };
  }

  it('correlates a response to its request', async () => {
    const { connection, socket } = await connected();
    const pending = connection.request<{ ok: boolean }>('health');
    const req = socket.lastRequest('health');
    socket.receive({ type: 'res', id: req.id, ok: true, payload: { ok: true } });
    await expect(pending).resolves.toEqual({ ok: true });
  });

  it('refuses a request before the handshake and after stop, without sending it', async () => {
    const { connection } = setup();
    await expect(connection.request('status')).rejects.toBeInstanceOf(NotConnectedError);
    connection.start();
    const socket = FakeWebSocket.last();
    await handshake(socket);
    await expect(connection.request('status')).rejects.toBeInstanceOf(NotConnectedError);
    expect(() => socket.lastRequest('status')).toThrow();
  });

  it('rejects with the gateway’s code when it answers ok:false', async () => {
    const { connection, socket } = await connected();
    const pending = connection.request('sessions.delete', { key: 'k' });
    const req = socket.lastRequest('sessions.delete');
    socket.receive({
      type: 'res',
      id: req.id,
      ok: false,
      error: { code: 'FORBIDDEN', message: 'missing scope', details: { scope: 'operator.admin' } },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayRequestError);
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      message: 'missing scope',
      details: { scope: 'operator.admin' },
    });
  });

  it('rejects with a named timeout when no answer comes', async () => {
    const { connection } = await connected();
    await expect(connection.request('status', {}, 20)).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('rejects requests in flight with a named error when the socket drops', async () => {
    const { connection, socket } = await connected();
    const pending = connection.request('status');
    socket.drop(1006);
    await expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
  });

  it('passes events on and reports seq gaps without closing', async () => {
    const { listener, socket } = await connected();
    socket.receive({ type: 'event', event: 'tick', payload: {}, seq: 1 });
    socket.receive({ type: 'event', event: 'tick', payload: {}, seq: 5 });
    expect(listener.event).toHaveBeenCalledTimes(2);
    expect(listener.gap).toHaveBeenCalledWith({ expected: 2, received: 5 });
    expect(socket.readyState).toBe(1);
  });

  it('counts malformed frames without crashing', async () => {
    const { listener, socket } = await connected();
    socket.receive('{not json');
    expect(listener.malformed).toHaveBeenCalledOnce();
    expect(socket.readyState).toBe(1);
  });
});

describe('GatewayConnection while the gateway restarts', () => {
  it.each([
    [
      'starting up',
      {
        code: 'UNAVAILABLE',
        retryable: true,
        retryAfterMs: 600,
        details: { reason: 'startup-sidecars' },
      },
      600,
    ],
    // No delay given: the brisk restart backoff (250 ms first), not the ordinary one (800 ms).
    [
      'draining for a restart',
      { code: 'UNAVAILABLE', retryable: true, details: { reason: 'gateway-restarting' } },
      250,
    ],
  ])('keeps retrying when the gateway refuses because it is %s', async (_label, error, delay) => {
    vi.useFakeTimers();
    const { connection, listener } = setup();
    let closedAt = 0;
    listener.closed.mockImplementation(() => (closedAt = Date.now()));
    connection.start();
    const socket = FakeWebSocket.last();
    const connect = await handshake(socket);
    socket.receive({
      type: 'res',
      id: connect.id,
      ok: false,
      error: { message: 'unavailable', ...error },
    });
    await vi.waitFor(() => expect(listener.closed).toHaveBeenCalled());
    const info = listener.closed.mock.calls[0]?.[0];
    expect(info.problem).toMatchObject({ code: 'restarting', fatal: false });
    expect(info.retryAt - closedAt).toBe(delay);
    await vi.advanceTimersByTimeAsync(info.retryAt - Date.now() - 1);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWebSocket.instances).toHaveLength(2);
    connection.stop();
  });
});

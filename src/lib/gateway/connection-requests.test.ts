import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { helloOk } from '../testing/frames';
import { handshake, setup } from '../testing/gateway-connection';
import { ConnectionLostError, RequestTimeoutError } from './errors';

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
        retryAfterMs: 500,
        details: { reason: 'startup-sidecars' },
      },
    ],
    [
      'draining for a restart',
      { code: 'UNAVAILABLE', retryable: true, details: { reason: 'gateway-restarting' } },
    ],
  ])('keeps retrying when the gateway refuses because it is %s', async (_label, error) => {
    const { connection, listener } = setup();
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
    expect(info.retryAt).toBeDefined();
    connection.stop();
  });
});

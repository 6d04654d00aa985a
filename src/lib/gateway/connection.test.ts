import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket, memoryVault } from '../testing/fake-websocket';
import { FakeSocketWorker } from '../testing/fake-socket-worker';
import { frame, helloOk, refusal } from '../testing/frames';
import { handshake, SCOPES, setup } from '../testing/gateway-connection';

beforeEach(() => {
  FakeWebSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('GatewayConnection handshake', () => {
  it('announces the connection without waiting for the issued device token to be written', async () => {
    const vault = memoryVault();
    // Identities are written as usual; the device token write never finishes (a slow disk).
    const slowVault = {
      ...vault,
      set: (key: string, value: unknown) =>
        key.startsWith('identity:') ? vault.set(key, value) : new Promise<void>(() => {}),
    };
    const { connection, listener } = setup({ token: 'secret' }, slowVault);
    connection.start();
    const connect = await handshake();
    FakeWebSocket.last().receive(helloOk(connect.id));
    await vi.waitFor(() => expect(listener.hello).toHaveBeenCalledTimes(1));
    expect(connection.isReady).toBe(true);
    connection.stop();
  });

  it('runs the handshake and the events after it through a socket worker when it has one', async () => {
    FakeSocketWorker.instances = [];
    const { connection, listener } = setup({ token: 'secret' }, undefined, {
      startSocketWorker: () => new FakeSocketWorker().asWorker(),
    });
    connection.start();
    const worker = FakeSocketWorker.last();
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n-1', ts: 1 } });
    worker.deliver();
    expect(listener.phase).toHaveBeenLastCalledWith('handshaking');
    await vi.waitFor(() => ws.lastRequest('connect'));
    ws.receive(helloOk(ws.lastRequest('connect').id));
    worker.deliver();
    await vi.waitFor(() => expect(listener.hello).toHaveBeenCalledTimes(1));
    ws.receive({ type: 'event', event: 'tick', payload: { ts: 2 }, seq: 1 });
    worker.deliver();
    expect(listener.event).toHaveBeenCalledWith(expect.objectContaining({ event: 'tick' }));
    connection.stop();
    worker.deliver();
    expect(worker.terminated).toBe(true);
  });

  it('loads the device identity while the socket opens, not after the challenge', async () => {
    const { connection, vault } = setup();
    connection.start();
    // No socket event yet: the first identity is created and stored all the same.
    await vi.waitFor(() => expect(vault.get('identity:default')).resolves.toBeDefined());
    expect(FakeWebSocket.last().readyState).toBe(0);
    connection.stop();
  });

  it('says when the signed connect is out and only the answer is awaited', async () => {
    const { connection, listener } = setup();
    const awaiting = vi.fn(() => FakeWebSocket.last().lastRequest('connect'));
    Object.assign(listener, { awaitingHello: awaiting });
    connection.start();
    const connect = await handshake();
    await vi.waitFor(() => expect(awaiting).toHaveBeenCalledTimes(1));
    // Called after the frame went out, before any answer.
    expect(awaiting.mock.results[0]?.value).toEqual(connect);
    expect(listener.hello).not.toHaveBeenCalled();
    connection.stop();
  });

  it('offers protocol 4 with a device signature the gateway can verify', async () => {
    const { connection, listener } = setup();
    connection.start();
    expect(listener.phase).toHaveBeenCalledWith('connecting');
    const connect = await handshake();
    expect(listener.phase).toHaveBeenCalledWith('handshaking');
    const params = connect.params as {
      minProtocol: number;
      maxProtocol: number;
      client: { id: string; mode: string; platform: string };
      caps: string[];
      scopes: string[];
      auth: { token?: string };
      device: { id: string; publicKey: string; signature: string; signedAt: number; nonce: string };
    };
    expect([params.minProtocol, params.maxProtocol]).toEqual([4, 4]);
    expect(params.client).toMatchObject({ id: 'openclaw-control-ui', mode: 'ui', platform: 'web' });
    expect(params.caps).toEqual(['tool-events']);
    expect(params.auth.token).toBe('secret');
    expect(params.scopes).toEqual(SCOPES);
    const { device } = params;
    expect(device.signedAt).toBe(1_795_552_519_686);
    expect(device.nonce).toBe('n-1');
    // The device id the gateway pairs is the SHA-256 of the raw public key, in hex.
    const id = createHash('sha256')
      .update(Buffer.from(device.publicKey, 'base64url'))
      .digest('hex');
    expect(device.id).toBe(id);
    // The payload the gateway checks, built from what we asked for, not from what was sent.
    const payload = [
      'v3',
      id,
      'openclaw-control-ui',
      'ui',
      'operator',
      SCOPES.join(','),
      String(device.signedAt),
      'secret',
      'n-1',
      'web',
      '',
    ].join('|');
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: device.publicKey },
      format: 'jwk',
    });
    expect(
      verify(null, Buffer.from(payload), key, Buffer.from(device.signature, 'base64url')),
    ).toBe(true);
  });

  it('reports hello-ok and then reconnects with the issued device token instead of the shared token', async () => {
    const { connection, listener } = setup();
    connection.start();
    const first = FakeWebSocket.last();
    const connect = await handshake(first);
    first.receive(helloOk(connect.id));
    await vi.waitFor(() => expect(listener.hello).toHaveBeenCalledOnce());
    expect(listener.hello.mock.calls[0]?.[1]).toMatchObject({
      protocol: 4,
      usedDeviceToken: false,
    });
    expect(connection.isReady).toBe(true);

    first.drop(1006);
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2), { timeout: 3_000 });
    const again = await handshake();
    const auth = (again.params as { auth: Record<string, string> }).auth;
    expect(auth.deviceToken).toBe(helloOk('x').payload.auth.deviceToken);
    expect(auth.token).not.toBe('secret');
  });

  it.each([
    ['with a detail code', { code: 'PROTOCOL_MISMATCH', expectedProtocol: 3 }],
    ['as 2026.4.29 sends it (no detail code)', { expectedProtocol: 3 }],
  ])('falls back to protocol 3 when a legacy gateway expects it, %s', async (_label, details) => {
    const { connection, listener } = setup();
    connection.start();
    const first = FakeWebSocket.last();
    const connect = await handshake(first);
    first.receive(refusal(connect.id, 'protocol mismatch', details));
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2));
    // At once, with nothing to explain: renegotiating is not a failure.
    expect(listener.closed).toHaveBeenCalledOnce();
    const closed = listener.closed.mock.calls[0]?.[0];
    expect(closed.problem).toBeUndefined();
    expect(closed.retryAt).toBeLessThanOrEqual(Date.now());
    const second = await handshake();
    expect(second.params).toMatchObject({ minProtocol: 3, maxProtocol: 3 });
    expect(connection.protocolVersion).toBe(3);
  });
});

describe('GatewayConnection refusals', () => {
  it.each([
    ['04-device-wrongtoken.json', 'token-mismatch'],
    ['05-device-notoken.json', 'token-missing'],
    ['08-controlui-evilorigin-device.json', 'origin-not-allowed'],
    ['09-controlui-origin5173-nodevice.json', 'device-identity-required'],
  ])('stops retrying on the real %s refusal and explains it as %s', async (file, code) => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { connection, listener } = setup();
    connection.start();
    const socket = FakeWebSocket.last();
    const connect = await handshake(socket);
    const response = frame(`handshake/${file}`, (f) => f.type === 'res') as { id: string };
    socket.receive({ ...response, id: connect.id });
    await vi.waitFor(() => expect(listener.closed).toHaveBeenCalled());
    const info = listener.closed.mock.calls[0]?.[0];
    expect(info.problem).toMatchObject({ code, fatal: true });
    expect(info.retryAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('forgets a revoked device token and retries at once with the shared token', async () => {
    const { connection, listener, vault } = setup();
    connection.start();
    const first = FakeWebSocket.last();
    first.receive(helloOk((await handshake(first)).id));
    await vi.waitFor(() => expect(listener.hello).toHaveBeenCalledOnce());
    first.drop(1006);
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2), { timeout: 3_000 });
    const second = FakeWebSocket.last();
    const withDeviceToken = await handshake(second);
    expect((withDeviceToken.params as { auth: { deviceToken?: string } }).auth.deviceToken).toBe(
      helloOk('x').payload.auth.deviceToken,
    );
    const calls = listener.closed.mock.calls.length;
    second.receive(
      refusal(withDeviceToken.id, 'device token mismatch', { code: 'AUTH_DEVICE_TOKEN_MISMATCH' }),
    );
    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(3));
    const closed = listener.closed.mock.calls[calls]?.[0];
    expect(closed.problem).toBeUndefined();
    expect(closed.retryAt).toBeLessThanOrEqual(Date.now());
    const third = await handshake();
    const auth = (third.params as { auth: { token?: string; deviceToken?: string } }).auth;
    expect(auth.token).toBe('secret');
    expect(auth.deviceToken).toBeUndefined();
    expect([...vault.map.keys()].filter((key) => key.startsWith('device-token:'))).toEqual([]);
    connection.stop();
  });

  it('quotes the exact origin to allow', async () => {
    const { connection, listener } = setup();
    connection.start();
    const socket = FakeWebSocket.last();
    const connect = await handshake(socket);
    socket.receive(
      refusal(connect.id, 'origin not allowed', { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' }),
    );
    await vi.waitFor(() => expect(listener.closed).toHaveBeenCalled());
    expect(listener.closed.mock.calls[0]?.[0].problem.params.origin).toBe('http://127.0.0.1:4173');
  });

  it('keeps asking while pairing waits for approval, and names the request', async () => {
    const { connection, listener } = setup();
    connection.start();
    const socket = FakeWebSocket.last();
    const connect = await handshake(socket);
    socket.receive(
      refusal(connect.id, 'pairing required', {
        code: 'PAIRING_REQUIRED',
        reason: 'not-paired',
        requestId: 'req-42',
        recommendedNextStep: 'wait_then_retry',
      }),
    );
    await vi.waitFor(() => expect(listener.closed).toHaveBeenCalled());
    const info = listener.closed.mock.calls[0]?.[0];
    expect(info.problem).toMatchObject({
      code: 'pairing-required',
      fatal: false,
      params: { requestId: 'req-42' },
    });
    expect(info.retryAt).toBeGreaterThan(Date.now() + 4_000);
  });

  it('treats close 4001 (shared token rotated) as needing a new token', async () => {
    const { connection, listener } = setup();
    connection.start();
    const socket = FakeWebSocket.last();
    const connect = await handshake(socket);
    socket.receive(helloOk(connect.id));
    await vi.waitFor(() => expect(listener.hello).toHaveBeenCalled());
    socket.drop(4001, 'token rotated');
    expect(listener.closed.mock.calls[0]?.[0].problem).toMatchObject({
      code: 'token-rotated',
      fatal: true,
    });
  });

  it('retries an unreachable gateway with a growing delay, from the start again once in', async () => {
    vi.useFakeTimers();
    const { connection, listener } = setup();
    connection.start();
    // The default backoff with the jitter at its middle (random 0.5): 800 ms, then × 1.8.
    const delays: number[] = [];
    for (const expected of [800, 1_440, 2_592]) {
      FakeWebSocket.last().refuse();
      const closed = listener.closed.mock.calls.at(-1)?.[0];
      expect(closed.problem.code).toBe('unreachable');
      delays.push(closed.retryAt - Date.now());
      await vi.advanceTimersByTimeAsync(expected);
    }
    expect(delays).toEqual([800, 1_440, 2_592]);
    expect(FakeWebSocket.instances).toHaveLength(4);
    const socket = FakeWebSocket.last();
    socket.receive(helloOk((await handshake(socket)).id));
    await vi.waitFor(() => expect(listener.hello).toHaveBeenCalled());
    socket.drop(1006);
    expect(listener.closed.mock.calls.at(-1)?.[0].retryAt - Date.now()).toBe(800);
    connection.stop();
  });
});

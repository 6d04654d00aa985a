// A minimal Node client for the gateway's WebSocket protocol: enough for smoke
// checks and test setup, and a readable reference of the handshake (challenge
// → signed connect → hello-ok) that the browser console implements.
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import WebSocket from 'ws';

/** Creates an Ed25519 device identity; without one the gateway grants no scopes. */
export function createDevice() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The JWK `x` is exactly the raw 32-byte public key, base64url.
  const publicKeyRaw = publicKey.export({ format: 'jwk' }).x;
  const id = createHash('sha256').update(Buffer.from(publicKeyRaw, 'base64url')).digest('hex');
  return { id, publicKey: publicKeyRaw, privateKey };
}

/** Builds the signed `device` block of `connect` (v3 payload, signedAt = the challenge ts). */
export function signDevice(
  device,
  { clientId, mode, role, scopes, token, nonce, signedAt, platform, deviceFamily },
) {
  const norm = (value) => (value ?? '').trim().toLowerCase();
  const payload = [
    'v3',
    device.id,
    clientId,
    mode,
    role,
    scopes.join(','),
    String(signedAt),
    token ?? '',
    nonce,
    norm(platform),
    norm(deviceFamily),
  ].join('|');
  const signature = sign(null, Buffer.from(payload), device.privateKey).toString('base64url');
  return { id: device.id, publicKey: device.publicKey, signature, signedAt, nonce };
}

/** Connects and completes the handshake; resolves after hello-ok, rejects with the gateway's error (`.code`, `.details`). */
export function connectGateway(url, options = {}) {
  const {
    token,
    protocol = 4,
    clientId = 'test',
    mode = 'test',
    platform = 'linux',
    role = 'operator',
    scopes = ['operator.admin', 'operator.read', 'operator.write'],
    // Without tool-events tool calls do not stream to us; add 'approvals' to count as an
    // approval client (else an approval with no reviewer connected is denied at once: no-route).
    caps = ['tool-events'],
    device = createDevice(), // pass null to connect without a device
    origin,
    timeoutMs = 15_000,
  } = options;
  const ws = new WebSocket(url, origin ? { origin } : {});
  const pending = new Map();
  const events = [];
  const listeners = new Set();
  let nextId = 1;

  const request = (method, params = {}, ms = 30_000) =>
    new Promise((resolve, reject) => {
      // ws drops sends on a closed socket silently; fail now rather than time out.
      if (ws.readyState !== WebSocket.OPEN) return reject(new Error(`not connected (${method})`));
      const id = String(nextId++);
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} timed out after ${ms} ms`));
      }, ms);
      pending.set(id, { resolve, reject, timer, method });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });

  const client = {
    ws,
    hello: undefined,
    device,
    /** Every event frame received so far, in order. */
    events,
    request,
    /** Calls fn for every later event frame; returns an unsubscribe function. */
    onEvent(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Resolves with the first event frame (past or future) matching the predicate. */
    waitForEvent(predicate, ms = 30_000) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no matching event within ${ms} ms`));
        }, ms);
        const off = client.onEvent((frame) => {
          if (!predicate(frame)) return;
          clearTimeout(timer);
          off();
          resolve(frame);
        });
      });
    },
    /** Closes the socket and waits for it to be closed. */
    close() {
      if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      });
    },
  };

  return new Promise((resolve, reject) => {
    const fail = (error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`no hello-ok within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.on('error', fail);
    ws.on('close', (code, reason) => {
      for (const { reject: rejectPending, timer: t, method } of pending.values()) {
        clearTimeout(t);
        rejectPending(new Error(`connection closed (${code}) during ${method}`));
      }
      pending.clear();
      if (!client.hello)
        fail(
          Object.assign(new Error(`closed ${code} ${reason} before hello-ok`), { closeCode: code }),
        );
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'event' && frame.event === 'connect.challenge') {
        const { nonce, ts } = frame.payload;
        const params = {
          minProtocol: protocol,
          maxProtocol: protocol,
          client: { id: clientId, version: '0.0.1', platform, mode },
          role,
          scopes,
          caps,
          auth: token ? { token } : {},
        };
        // The signature binds this exact challenge, client and scope list.
        const signing = { clientId, mode, role, scopes, token, nonce, signedAt: ts, platform };
        if (device) params.device = signDevice(device, signing);
        request('connect', params, timeoutMs).then(
          (hello) => {
            clearTimeout(timer);
            client.hello = hello;
            resolve(client);
          },
          (error) => fail(error),
        );
        return;
      }
      if (frame.type === 'res') {
        const waiting = pending.get(frame.id);
        if (!waiting) return;
        pending.delete(frame.id);
        clearTimeout(waiting.timer);
        if (frame.ok) waiting.resolve(frame.payload);
        else
          waiting.reject(
            Object.assign(new Error(frame.error?.message ?? 'request failed'), frame.error, {
              code: frame.error?.details?.code ?? frame.error?.code,
            }),
          );
        return;
      }
      if (frame.type === 'event') {
        events.push(frame);
        for (const fn of listeners) fn(frame);
      }
    });
  });
}

/** Sends a chat message and resolves with the run's chat events up to its terminal state (final, error or aborted). */
export async function chatRun(
  client,
  message,
  { sessionKey = 'agent:main:main', timeoutMs = 60_000, onStarted } = {},
) {
  const idempotencyKey = randomUUID();
  const seen = [];
  let runId;
  const terminal = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`run did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.onEvent((frame) => {
      const p = frame.payload;
      if (frame.event !== 'chat' || p?.sessionKey !== sessionKey) return;
      if (runId && p.runId !== runId) return;
      seen.push(p);
      if (['final', 'error', 'aborted'].includes(p.state)) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
  const started = await client.request('chat.send', { sessionKey, message, idempotencyKey });
  runId = started.runId;
  onStarted?.(started);
  await terminal;
  const events = seen.filter((p) => p.runId === runId);
  return { runId, events, last: events.at(-1) };
}

/** The plain text of a chat message payload (string content or text parts). */
export function messageText(message) {
  if (!message) return '';
  if (typeof message === 'string') return message;
  const { content, text } = message;
  if (typeof text === 'string') return text;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => part?.text ?? '').join('');
  return '';
}

// The bench's own scripted fake gateway, for floods and soaks the real gateway
// cannot produce (it coalesces deltas to ~one per 150 ms per run). It follows
// e2e/fake/fake-gateway.mjs (challenge, hello-ok from a real 2026.9.6 capture,
// health/presence answers, {} for anything else) but lives here so that edits
// to the e2e fake, which changes with the tests, cannot break a bench run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { onCleanup } from './lifecycle.mjs';

const realHello = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../fixtures/frames/gateway-2026.9.6/hello-ok.json', import.meta.url)),
    'utf8',
  ),
).payload;

/** Answers for the read methods a console calls on connect; anything else gets {}. */
const answers = {
  health: () => ({ ...realHello.snapshot.health, ts: Date.now() }),
  'system-presence': () => realHello.snapshot.presence,
  'chat.history': () => ({ messages: [], hasMore: false }),
  'sessions.list': () => ({ sessions: [], totalCount: 0 }),
};

/** Starts the fake on a free 127.0.0.1 port; stopped by stopAll() unless closed first. */
export async function startFakeGateway() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 * 1024 });
  await new Promise((resolve) => server.once('listening', resolve));
  const sockets = new Set();
  let connections = 0;
  let seq = 0;
  server.on('connection', (ws) => {
    connections += 1;
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    ws.send(
      JSON.stringify({
        type: 'event',
        event: 'connect.challenge',
        payload: { nonce: `n-${connections}`, ts: Date.now() },
      }),
    );
    ws.on('message', (data) => {
      let frame;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      if (frame?.type !== 'req') return;
      const payload =
        frame.method === 'connect'
          ? {
              ...realHello,
              auth: {
                ...realHello.auth,
                scopes: ['operator.admin', 'operator.read', 'operator.write'],
                deviceToken: 'fake-device-token',
              },
            }
          : (answers[frame.method]?.() ?? {});
      ws.send(JSON.stringify({ type: 'res', id: frame.id, ok: true, payload }));
    });
  });
  const fake = {
    url: `ws://127.0.0.1:${server.address().port}`,
    /** Sends an event with the next seq to every connected client. */
    event(event, payload) {
      seq += 1;
      const data = JSON.stringify({ type: 'event', event, payload, seq });
      for (const ws of sockets) ws.send(data);
    },
    /** Closes every socket and the server. */
    close: () => {
      for (const ws of sockets) ws.terminate();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  fake.close = onCleanup(`fake gateway ${fake.url}`, fake.close);
  return fake;
}

// A scripted fake gateway (Node `ws`) for faults a real openclaw gateway cannot be
// made to produce on demand: garbage frames, seq gaps, silence, huge frames. It
// speaks just enough of the protocol (challenge, hello-ok from a real capture,
// request answers) for the console to connect; everything else is a test's script.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const capture = fileURLToPath(
  new URL('../../fixtures/frames/gateway-2026.9.6/hello-ok.json', import.meta.url),
);
const realHello = JSON.parse(readFileSync(capture, 'utf8')).payload;

/**
 * Starts a fake gateway on 127.0.0.1 (free port unless given), optionally with a large presence
 * list or session list, scripted answers per method, or an edited hello-ok.
 */
export async function startFakeGateway({
  port = 0,
  tickIntervalMs = 30_000,
  presence,
  sessions,
  refuse = [],
  answers = {},
  editHello,
} = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 64 * 1024 * 1024 });
  await new Promise((resolve) => server.once('listening', resolve));
  const requests = [];
  const sockets = new Set();
  let connections = 0;
  let seq = 0;

  const hello = () => {
    const value = baseHello();
    editHello?.(value);
    return value;
  };
  const baseHello = () => ({
    ...realHello,
    snapshot: { ...realHello.snapshot, presence: presence ?? realHello.snapshot.presence },
    auth: {
      ...realHello.auth,
      scopes: ['operator.admin', 'operator.read', 'operator.write'],
      deviceToken: 'fake-device-token',
    },
    policy: { ...realHello.policy, tickIntervalMs },
  });

  server.on('connection', (ws) => {
    connections += 1;
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // A page that dies mid-flood resets its socket; without a listener that error would end the process.
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
      requests.push({ method: frame.method, params: frame.params, at: Date.now() });
      if (refuse.includes(frame.method)) {
        // As the real gateway refuses a call the role may not make.
        const error = {
          code: 'FORBIDDEN',
          message: 'missing scope: operator.admin',
          details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' },
        };
        ws.send(JSON.stringify({ type: 'res', id: frame.id, ok: false, error }));
        return;
      }
      const payload =
        frame.method in answers
          ? answers[frame.method]
          : frame.method === 'connect'
            ? hello()
            : frame.method === 'health'
              ? { ...realHello.snapshot.health, ts: Date.now() }
              : frame.method === 'system-presence'
                ? (presence ?? realHello.snapshot.presence)
                : frame.method === 'sessions.list'
                  ? { sessions: sessions ?? [], totalCount: sessions?.length ?? 0, hasMore: false }
                  : {};
      ws.send(JSON.stringify({ type: 'res', id: frame.id, ok: true, payload }));
    });
  });

  /** Sends a raw string or a JSON frame to every connected client. */
  const broadcast = (frame) => {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    for (const ws of sockets) ws.send(data);
  };

  return {
    url: `ws://127.0.0.1:${server.address().port}`,
    requests,
    get connections() {
      return connections;
    },
    /** Sends an event with the next seq (or a chosen one, to make a gap). */
    event(event, payload, extra = {}) {
      seq = extra.seq ?? seq + 1;
      broadcast({ type: 'event', event, payload, seq, ...extra });
    },
    broadcast,
    /** Stops answering anything (half-open socket): frames are swallowed and nothing is sent. */
    silence() {
      for (const ws of sockets) {
        ws.removeAllListeners('message');
        ws.pause?.();
        ws._socket?.pause();
      }
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

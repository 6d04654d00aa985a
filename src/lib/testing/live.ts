import { expect, vi } from 'vitest';
import { connectionState, retryNow } from '../stores/connection';
import { connect } from '../stores/connect-form';
import { FakeWebSocket } from './fake-websocket';
import { completeHandshake, SLOW_MACHINE } from './handshake';
import type { HelloFrame } from './frames';

/** Connects the stores to a fresh fake gateway and completes the handshake; returns its socket. */
export async function connectLive(edit?: (hello: HelloFrame) => void): Promise<FakeWebSocket> {
  connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
  const socket = FakeWebSocket.last();
  await completeHandshake(socket, edit);
  await vi.waitFor(() => {
    if (connectionState.get().phase !== 'connected') throw new Error('not connected yet');
  }, SLOW_MACHINE);
  return socket;
}

/** Drops the connection for a new one (as a reconnect does) and completes its handshake; returns its socket. */
export async function reconnectLive(): Promise<FakeWebSocket> {
  retryNow();
  const socket = FakeWebSocket.last();
  await completeHandshake(socket);
  return socket;
}

/** Answers the last request of a method with a payload (or an error when `error` is given). */
export async function answer(
  socket: FakeWebSocket,
  method: string,
  payload: unknown,
  error?: { code: string; message: string },
): Promise<void> {
  await vi.waitFor(() => socket.lastRequest(method), SLOW_MACHINE);
  const id = socket.lastRequest(method).id;
  socket.receive(
    error ? { type: 'res', id, ok: false, error } : { type: 'res', id, ok: true, payload },
  );
}

/** How many requests of a method the client sent on a socket. */
export function sentCount(socket: FakeWebSocket, method: string): number {
  return socket.sent.filter((frame) => frame.method === method).length;
}

/** The `chat.history` requests sent for one session. */
export function historyOf(socket: FakeWebSocket, key: string) {
  return socket.sent.filter(
    (f) => f.method === 'chat.history' && (f.params as { sessionKey?: string }).sessionKey === key,
  );
}

/** Answers the last `chat.history` request for a session. */
export async function answerHistory(socket: FakeWebSocket, key: string, payload: unknown) {
  await vi.waitFor(() => expect(historyOf(socket, key).length).toBeGreaterThan(0), SLOW_MACHINE);
  socket.receive({ type: 'res', id: historyOf(socket, key).at(-1)!.id, ok: true, payload });
}

/** Answers every request of a method, as many as come, with a reply built from its params. */
export function serve(socket: FakeWebSocket, method: string, reply: (params: never) => unknown) {
  const seen = new Set<unknown>();
  const timer = setInterval(() => {
    for (const frame of socket.sent) {
      if (frame.method !== method || seen.has(frame.id)) continue;
      seen.add(frame.id);
      socket.receive({
        type: 'res',
        id: frame.id,
        ok: true,
        payload: reply(frame.params as never),
      });
    }
  }, 1);
  return () => clearInterval(timer);
}

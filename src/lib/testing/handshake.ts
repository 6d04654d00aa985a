import { vi } from 'vitest';
import type { FakeWebSocket } from './fake-websocket';
import { helloOk, type HelloFrame } from './frames';

/**
 * Plays the gateway's side of a handshake on a fake socket: opens it, sends the
 * challenge and answers `connect` with the real hello-ok, changed by `edit` when given.
 */
export async function completeHandshake(
  socket: FakeWebSocket,
  edit?: (hello: HelloFrame) => void,
): Promise<void> {
  socket.open();
  socket.receive({
    type: 'event',
    event: 'connect.challenge',
    payload: { nonce: 'n', ts: Date.now() },
  });
  await vi.waitFor(() => socket.lastRequest('connect'));
  const hello = helloOk(socket.lastRequest('connect').id);
  edit?.(hello);
  socket.receive(hello);
}

import { vi } from 'vitest';
import type { FakeWebSocket } from './fake-websocket';
import { helloOk, type HelloFrame } from './frames';

/**
 * How long the helpers wait for the client's next frame: the first connect signs with a fresh
 * identity, which takes over vitest's 1 s default on a loaded 2-core machine (mutation runs).
 */
export const SLOW_MACHINE = { timeout: 5_000 };

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
  await vi.waitFor(() => socket.lastRequest('connect'), SLOW_MACHINE);
  const hello = helloOk(socket.lastRequest('connect').id);
  edit?.(hello);
  socket.receive(hello);
}

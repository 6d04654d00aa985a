import { describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { browserSocketFactory } from './socket';

function open(observer = {}) {
  const handlers = { open: vi.fn(), message: vi.fn(), close: vi.fn(), error: vi.fn() };
  const socket = browserSocketFactory(
    'ws://gw.test',
    FakeWebSocket as unknown as typeof WebSocket,
    observer,
  )(handlers);
  return { socket, ws: FakeWebSocket.last(), handlers };
}

describe('browserSocketFactory', () => {
  it('closes only with codes a browser lets script use, and a reason it accepts', () => {
    const closeWith = (code: number | undefined, reason?: string) => {
      const { socket, ws } = open();
      socket.close(code, reason);
      return ws.closedWith;
    };
    expect(closeWith(1000)?.code).toBe(1000);
    expect(closeWith(3000)?.code).toBe(3000);
    expect(closeWith(4999)?.code).toBe(4999);
    for (const refused of [1001, 1006, 2999, 5000, undefined]) {
      expect(closeWith(refused)?.code).toBe(1000);
    }
    expect(closeWith(1000, 'x'.repeat(200))?.reason).toBe('x'.repeat(120));
  });

  it('passes frames on as text, a binary frame as empty text, and reports each size', () => {
    const frame = vi.fn();
    const opened = vi.fn();
    const { ws, handlers, socket } = open({ frame, opened });
    expect(socket.isOpen()).toBe(false);
    ws.open();
    expect(opened).toHaveBeenCalledOnce();
    expect(handlers.open).toHaveBeenCalledOnce();
    expect(socket.isOpen()).toBe(true);
    ws.receive('{"a":1}');
    (ws as unknown as { emit(type: string, event: unknown): void }).emit('message', {
      data: new ArrayBuffer(8),
    });
    expect(handlers.message.mock.calls).toEqual([['{"a":1}'], ['']]);
    expect(frame.mock.calls).toEqual([[7], [0]]);
  });

  it('names the URL in a socket error and passes the close code and reason on', () => {
    const { ws, handlers } = open();
    ws.refuse();
    expect(handlers.error.mock.calls[0]?.[0].message).toContain('ws://gw.test');
    expect(handlers.close).toHaveBeenCalledWith(1006, '');
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocketWorker } from '../testing/fake-socket-worker';
import { FakeWebSocket } from '../testing/fake-websocket';
import { browserSocketFactory } from './socket';
import { workerSocketFactory } from './worker-socket';

const pageSocket = () =>
  browserSocketFactory('ws://gw.test', FakeWebSocket as unknown as typeof WebSocket);

function open(start = () => new FakeSocketWorker().asWorker(), url = 'ws://gw.test') {
  const handlers = { open: vi.fn(), message: vi.fn(), close: vi.fn(), error: vi.fn() };
  const observer = { opened: vi.fn(), frame: vi.fn() };
  const socket = workerSocketFactory(url, start, pageSocket(), observer)(handlers);
  return { socket, handlers, observer };
}

describe('workerSocketFactory', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
    FakeSocketWorker.instances = [];
  });

  it('opens the socket in the worker and hands a batch of frames over in order, then asks for more', () => {
    const { socket, handlers, observer } = open();
    const worker = FakeSocketWorker.last();
    const ws = FakeWebSocket.last();
    expect(ws.url).toBe('ws://gw.test');
    ws.open();
    expect(socket.isOpen()).toBe(false);
    worker.deliver();
    expect(handlers.open).toHaveBeenCalledOnce();
    expect(observer.opened).toHaveBeenCalledOnce();
    expect(socket.isOpen()).toBe(true);
    ws.receive('{"a":1}');
    ws.receive('{"b":2}');
    ws.receive('{"c":3}');
    worker.deliver();
    expect(handlers.message.mock.calls).toEqual([['{"a":1}']]);
    expect(worker.commands.at(-1)).toEqual({ type: 'ack' });
    worker.deliver();
    expect(handlers.message.mock.calls).toEqual([['{"a":1}'], ['{"b":2}'], ['{"c":3}']]);
    expect(observer.frame.mock.calls).toEqual([[7], [7], [7]]);
    socket.send('{"req":1}');
    expect(ws.sent).toEqual([{ req: 1 }]);
  });

  it('keeps handing over the rest of a batch when one frame throws, and reports the error', () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (e: unknown) => reported.push(e));
    const { handlers } = open();
    const worker = FakeSocketWorker.last();
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive('first');
    ws.receive('bad');
    ws.receive('last');
    worker.deliver();
    handlers.message.mockImplementation((data: string) => {
      if (data === 'bad') throw new Error('listener broke');
    });
    worker.deliver();
    vi.unstubAllGlobals();
    expect(handlers.message.mock.calls.map((c) => c[0])).toEqual(['first', 'bad', 'last']);
    expect(reported).toEqual([new Error('listener broke')]);
  });

  it('passes a close on once, ends the worker and sends nothing after it', () => {
    const { socket, handlers } = open();
    const worker = FakeSocketWorker.last();
    const ws = FakeWebSocket.last();
    ws.open();
    worker.deliver();
    socket.close(4008, 'bye');
    expect(ws.closedWith).toEqual({ code: 4008, reason: 'bye' });
    worker.deliver();
    expect(handlers.close.mock.calls).toEqual([[4008, 'bye']]);
    expect(worker.terminated).toBe(true);
    expect(socket.isOpen()).toBe(false);
    socket.send('{"late":1}');
    expect(ws.sent).toEqual([]);
  });

  it('falls back to the page socket when the worker fails before saying anything', () => {
    const { socket, handlers } = open();
    const worker = FakeSocketWorker.last();
    const event = worker.fail();
    expect(event.defaultPrevented).toBe(true);
    expect(worker.terminated).toBe(true);
    // The worker had opened its own socket; the page's is the newest.
    const ws = FakeWebSocket.last();
    ws.open();
    expect(handlers.open).toHaveBeenCalledOnce();
    expect(socket.isOpen()).toBe(true);
    socket.send('{"req":1}');
    expect(ws.sent).toEqual([{ req: 1 }]);
    ws.receive('x');
    expect(handlers.message.mock.calls).toEqual([['x']]);
  });

  it('reports a worker that fails after it opened as a socket error and a close', () => {
    const { handlers } = open();
    const worker = FakeSocketWorker.last();
    FakeWebSocket.last().open();
    worker.deliver();
    worker.fail();
    expect(handlers.error.mock.calls[0]?.[0].message).toContain('ws://gw.test');
    expect(handlers.close.mock.calls).toEqual([[1006, '']]);
  });

  it('uses the page socket when no worker starts, or the address is not a socket address', () => {
    const refused = open(() => {
      throw new Error('no workers here');
    });
    expect(FakeSocketWorker.instances).toHaveLength(0);
    FakeWebSocket.last().open();
    expect(refused.handlers.open).toHaveBeenCalledOnce();
    const start = vi.fn(() => new FakeSocketWorker().asWorker());
    open(start, 'http://gw.test');
    expect(start).not.toHaveBeenCalled();
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { createSocketRelay, type RelayEvent } from './socket-relay';

function relay() {
  const posted: RelayEvent[] = [];
  let clock = 0;
  const r = createSocketRelay(
    (event) => posted.push(event),
    FakeWebSocket as unknown as typeof WebSocket,
    () => ++clock,
  );
  r.command({ type: 'open', url: 'ws://gw.test' });
  return { r, posted, ws: FakeWebSocket.last() };
}

describe('createSocketRelay', () => {
  beforeEach(() => void (FakeWebSocket.instances = []));

  it('posts a frame at once while the page is idle, and holds the rest until it is done', () => {
    const { r, posted, ws } = relay();
    ws.open();
    ws.receive('a');
    ws.receive('b');
    ws.receive('c');
    expect(posted).toEqual([{ type: 'open' }, { type: 'frames', frames: ['a'], at: [1] }]);
    r.command({ type: 'ack' });
    expect(posted.at(-1)).toEqual({ type: 'frames', frames: ['b', 'c'], at: [2, 3] });
    // Done with that batch and nothing waiting: the next frame goes alone, at once.
    r.command({ type: 'ack' });
    ws.receive('d');
    expect(posted.at(-1)).toEqual({ type: 'frames', frames: ['d'], at: [4] });
    expect(posted).toHaveLength(4);
  });

  it('hands over every frame that came before a close, before the close, busy page or not', () => {
    const { posted, ws } = relay();
    ws.open();
    ws.receive('a');
    ws.receive('b');
    ws.drop(1012, 'restart');
    expect(posted.slice(1)).toEqual([
      { type: 'frames', frames: ['a'], at: [1] },
      { type: 'frames', frames: ['b'], at: [2] },
      { type: 'close', code: 1012, reason: 'restart' },
    ]);
  });

  it('passes a binary frame on as empty text and reports a socket error', () => {
    const { posted, ws } = relay();
    ws.open();
    (ws as unknown as { emit(type: string, event: unknown): void }).emit('message', {
      data: new ArrayBuffer(4),
    });
    ws.refuse();
    expect(posted.slice(1)).toEqual([
      { type: 'frames', frames: [''], at: [1] },
      { type: 'error' },
      { type: 'close', code: 1006, reason: '' },
    ]);
  });

  it('sends only on an open socket and closes with a code the browser accepts', () => {
    const { r, ws } = relay();
    r.command({ type: 'send', data: '{"early":1}' });
    ws.open();
    r.command({ type: 'send', data: '{"late":1}' });
    expect(ws.sent).toEqual([{ late: 1 }]);
    r.command({ type: 'close', code: 1008, reason: 'x'.repeat(200) });
    expect(ws.closedWith).toEqual({ code: 1000, reason: 'x'.repeat(120) });
  });

  it('reports an address the socket refuses as an error and a close', () => {
    const posted: RelayEvent[] = [];
    const Refusing = function () {
      throw new SyntaxError('bad url');
    } as unknown as typeof WebSocket;
    createSocketRelay(
      (e) => posted.push(e),
      Refusing,
      () => 0,
    ).command({
      type: 'open',
      url: 'ws://x',
    });
    expect(posted).toEqual([{ type: 'error' }, { type: 'close', code: 1006, reason: '' }]);
  });
});

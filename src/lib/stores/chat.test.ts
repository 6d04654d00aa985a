import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { completeHandshake } from '../testing/handshake';
import { activeRuns, chats, loadHistory, loadOlder, send } from './chat';
import { connect, disconnect } from './connection';

const URL = 'ws://127.0.0.1:18789';
const KEY = 'agent:main:main';
// Module state outlives a test, so tests that leave a queue behind use their own session.
const QUEUE_KEY = 'agent:main:queue-test';
const DROP_KEY = 'agent:main:drop-test';
let unmount: () => void;

beforeEach(() => {
  useFakePlatform();
  unmount = chats.listen(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  unmount();
  disconnect();
});

function answer(socket: FakeWebSocket, method: string, payload: unknown) {
  socket.receive({ type: 'res', id: socket.lastRequest(method).id, ok: true, payload });
}

type Captured = Array<{
  dir: string;
  frame: { type: string; event?: string; payload?: { runId?: string } };
}>;

describe('chat store', () => {
  it('streams a real chat.send run into the transcript and ends it', async () => {
    connect({ url: URL, token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    send(KEY, 'ping one');
    await vi.waitFor(() => socket.lastRequest('chat.send'));
    const { params } = socket.lastRequest('chat.send');
    expect(params).toMatchObject({ sessionKey: KEY, message: 'ping one' });
    const frames = fixture<Captured>('chat/01-chat-send-frames.json');
    const runId = frames.find((f) => f.frame.event === 'chat')!.frame.payload!.runId!;
    answer(socket, 'chat.send', { runId, status: 'started' });
    await vi.waitFor(() => expect(activeRuns.get()[runId]).toBeDefined());
    for (const { dir, frame } of frames)
      if (dir === 'in' && frame.type === 'event') socket.receive(frame);
    const run = chats.get()[KEY]?.items.find((item) => item.run?.runId === runId)?.run;
    expect(run?.state).toBe('final');
    expect(run?.text).toBe('Hello from the fake model. You said: ping one');
    expect(activeRuns.get()[runId]).toBeUndefined();
  });

  it('queues a message typed while a run is going and sends it when the run ends', async () => {
    connect({ url: URL, token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    send(QUEUE_KEY, 'first');
    await vi.waitFor(() => socket.lastRequest('chat.send'));
    answer(socket, 'chat.send', { runId: 'run-1', status: 'started' });
    await vi.waitFor(() => expect(activeRuns.get()['run-1']).toBeDefined());

    send(QUEUE_KEY, 'second');
    await Promise.resolve();
    expect(socket.sent.filter((f) => f.method === 'chat.send')).toHaveLength(1);
    expect(chats.get()[QUEUE_KEY]?.queue.map((q) => [q.text, q.state])).toEqual([
      ['second', 'queued'],
    ]);

    socket.receive({
      type: 'event',
      event: 'chat',
      payload: {
        runId: 'run-1',
        sessionKey: QUEUE_KEY,
        seq: 1,
        state: 'final',
        message: { content: 'done' },
      },
    });
    await vi.waitFor(() =>
      expect(socket.sent.filter((f) => f.method === 'chat.send')).toHaveLength(2),
    );
    expect(socket.lastRequest('chat.send').params.message).toBe('second');
  });

  it('keeps a message sent during a drop and resends it once with the same idempotency key', async () => {
    connect({ url: URL, token: 't', remember: false });
    const first = FakeWebSocket.last();
    await completeHandshake(first);
    send(DROP_KEY, 'survive the drop');
    await vi.waitFor(() => first.lastRequest('chat.send'));
    const key = first.lastRequest('chat.send').params.idempotencyKey;
    first.drop(1006);
    await vi.waitFor(() => expect(chats.get()[DROP_KEY]?.queue[0]?.state).toBe('queued'));

    await vi.waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2), { timeout: 3_000 });
    const second = FakeWebSocket.last();
    await completeHandshake(second);
    await vi.waitFor(() => answer(second, 'chat.history', { messages: [], hasMore: false }));
    await vi.waitFor(() => second.lastRequest('chat.send'));
    expect(second.lastRequest('chat.send').params.idempotencyKey).toBe(key);
    answer(second, 'chat.send', { runId: key, status: 'started' });
    await vi.waitFor(() => expect(chats.get()[DROP_KEY]?.queue).toEqual([]));
    expect(second.sent.filter((f) => f.method === 'chat.send')).toHaveLength(1);
  });

  it('recovers a run that ended while the connection was down from history', async () => {
    const KEY2 = 'agent:main:recover-test';
    connect({ url: URL, token: 't', remember: false });
    const first = FakeWebSocket.last();
    await completeHandshake(first);
    send(KEY2, 'long job');
    await vi.waitFor(() => first.lastRequest('chat.send'));
    answer(first, 'chat.send', { runId: 'run-lost', status: 'started' });
    await vi.waitFor(() => expect(activeRuns.get()['run-lost']).toBeDefined());
    first.drop(1012, 'restart');

    await vi.waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(1), {
      timeout: 3_000,
    });
    const second = FakeWebSocket.last();
    await completeHandshake(second);
    await vi.waitFor(() =>
      second.receive({
        type: 'res',
        id: [...second.sent]
          .reverse()
          .find(
            (f) =>
              f.method === 'chat.history' &&
              (f.params as { sessionKey: string }).sessionKey === KEY2,
          )!.id,
        ok: true,
        payload: {
          messages: [
            { role: 'user', content: 'long job' },
            {
              role: 'assistant',
              content: [{ type: 'text', text: 'done while you were away' }],
              __openclaw: { runId: 'run-lost' },
            },
          ],
          hasMore: false,
          sessionInfo: { activeRunIds: [] },
        },
      }),
    );
    await vi.waitFor(() => expect(activeRuns.get()['run-lost']).toBeUndefined());
    const items = chats.get()[KEY2]?.items ?? [];
    expect(items.some((item) => item.run?.runId === 'run-lost')).toBe(false);
    expect(
      items.some((item) =>
        JSON.stringify(item.message?.content).includes('done while you were away'),
      ),
    ).toBe(true);
  });

  it('pages back from the offset the gateway gives, older messages first', async () => {
    const KEY3 = 'agent:main:paging-test';
    connect({ url: URL, token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    const history = (f: Record<string, unknown>) =>
      f.method === 'chat.history' && (f.params as { sessionKey: string }).sessionKey === KEY3;
    const load = loadHistory(KEY3);
    await vi.waitFor(() => expect(socket.sent.some(history)).toBe(true));
    socket.receive({
      type: 'res',
      id: socket.sent.filter(history).at(-1)!.id,
      ok: true,
      payload: {
        messages: [{ role: 'user', content: 'newest', idempotencyKey: 'b' }],
        hasMore: true,
        nextOffset: 7,
      },
    });
    await load;
    const older = loadOlder(KEY3);
    const paged = (f: Record<string, unknown>) =>
      history(f) && (f.params as { offset?: number }).offset !== undefined;
    await vi.waitFor(() => expect(socket.sent.some(paged)).toBe(true));
    const request = socket.sent.find(paged)!;
    expect(request.params).toMatchObject({ offset: 7 });
    socket.receive({
      type: 'res',
      id: request.id,
      ok: true,
      payload: {
        messages: [{ role: 'user', content: 'oldest', idempotencyKey: 'a' }],
        hasMore: false,
      },
    });
    await older;
    const texts = chats.get()[KEY3]!.items.map((item) => item.message?.content);
    expect(texts).toEqual(['oldest', 'newest']);
    expect(chats.get()[KEY3]!.hasMore).toBe(false);
  });

  it('applies a delta after a quiet spell at once, a burst once per frame, a run ending at once', async () => {
    connect({ url: URL, token: 't', remember: false });
    const socket = FakeWebSocket.last();
    await completeHandshake(socket);
    // Only the clock is faked: "a burst" is deltas arriving within a frame of each other.
    vi.useFakeTimers({ toFake: ['Date'] });
    const sessionKey = 'agent:main:burst-test';
    const runId = 'burst-run';
    const chatEvent = (seq: number, state: string, text: string) =>
      socket.receive({
        type: 'event',
        event: 'chat',
        payload: {
          runId,
          sessionKey,
          seq,
          state,
          message: { role: 'assistant', content: [{ type: 'text', text }] },
        },
      });
    const shown = () =>
      chats.get()[sessionKey]?.items.find((item) => item.run?.runId === runId)?.run;
    // Count how often the run shown in the transcript changes (a history reload keeps it as is).
    let changes = 0;
    let last = shown();
    const off = chats.listen(() => {
      if (shown() !== last) changes++;
      last = shown();
    });

    chatEvent(1, 'delta', 'w1');
    // A new run shows at once (run board, session list).
    expect(activeRuns.get()[runId]?.text).toBe('w1');
    vi.advanceTimersByTime(1000);
    chatEvent(2, 'delta', 'w1 w2');
    expect(shown()?.text).toBe('w1 w2');
    changes = 0;
    for (let seq = 3; seq <= 100; seq++) chatEvent(seq, 'delta', `w1…w${seq}`);
    expect(changes).toBe(0);
    // Another run streaming meanwhile is not held back by this one's burst, nor does it carry it.
    const other = (seq: number, text: string) =>
      socket.receive({
        type: 'event',
        event: 'chat',
        payload: {
          runId: 'other-run',
          sessionKey: 'agent:main:other',
          seq,
          state: 'delta',
          deltaText: text,
        },
      });
    other(1, 'a');
    other(2, 'b');
    expect(activeRuns.get()['other-run']?.text).toBe('ab');
    expect(changes).toBe(0);
    await vi.waitFor(() => expect(shown()?.text).toBe('w1…w100'));
    expect(changes).toBe(1);
    expect(activeRuns.get()[runId]?.text).toBe('w1…w100');

    chatEvent(101, 'delta', 'w1…w101');
    chatEvent(102, 'final', 'the end');
    // The end is applied with the event, after the delta held before it.
    expect(shown()?.state).toBe('final');
    expect(shown()?.text).toBe('the end');
    expect(activeRuns.get()[runId]).toBeUndefined();
    off();
  });
});

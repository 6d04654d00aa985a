import { cleanStores, type ReadableAtom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { FakeWebSocket } from '../testing/fake-websocket';
import { fixture } from '../testing/frames';
import { answer, connectLive, reconnectLive, sentCount } from '../testing/live';
import { disconnect } from './connection';
import { agentWaits, discardQueued, outbox, queueOf, retryQueued, send } from './outbox';
import { activeRuns, runs } from './run-map';
import { transcript, type TranscriptView } from './transcripts';

type Captured = Array<{
  dir: string;
  frame: { type: string; event?: string; payload?: { runId?: string } };
}>;

// The outbox is module state: each test sends in a session of its own.
let n = 0;
const fresh = (name: string) => `agent:main:${name}-${++n}`;
const created: Array<ReadableAtom<unknown>> = [];
const offs: Array<() => void> = [];
const watch = <T>(store: ReadableAtom<T>) => {
  created.push(store as ReadableAtom<unknown>);
  offs.push(store.listen(() => {}));
  return store;
};
const sends = (socket: FakeWebSocket) => socket.sent.filter((f) => f.method === 'chat.send');
const ended = (socket: FakeWebSocket, runId: string, sessionKey: string) =>
  socket.receive({
    type: 'event',
    event: 'chat',
    payload: { runId, sessionKey, seq: 1, state: 'final', message: { content: 'done' } },
  });

beforeEach(() => useFakePlatform());
afterEach(async () => {
  offs.splice(0).forEach((off) => off());
  disconnect();
  // Sends under way fail with the connection; then nothing is left for the next test to send.
  await vi.waitFor(() =>
    expect([...outbox.get().values()].flat().some((q) => q.state === 'sending')).toBe(false),
  );
  for (const [key, queue] of outbox.get()) queue.forEach((q) => discardQueued(key, q.id));
  cleanStores(...created.splice(0), runs, activeRuns);
});

describe('outbox', () => {
  it('sends a turn, shows it before its run, and streams the real run into the transcript', async () => {
    const key = 'agent:main:main';
    const socket = await connectLive();
    const view = watch(transcript(key)) as ReadableAtom<TranscriptView>;
    await answer(socket, 'chat.history', { messages: [] });
    send(key, '  ping one ');
    await vi.waitFor(() => socket.lastRequest('chat.send'));
    expect(socket.lastRequest('chat.send').params).toMatchObject({
      sessionKey: key,
      message: 'ping one',
    });
    // The real frames, re-keyed to this send (the gateway names the run and turn after its key).
    const captured = fixture<Captured>('chat/01-chat-send-frames.json');
    const recordedKey = captured.find((f) => f.frame.event === 'chat')!.frame.payload!.runId!;
    const runId = socket.lastRequest('chat.send').params.idempotencyKey as string;
    const frames = JSON.parse(JSON.stringify(captured).replaceAll(recordedKey, runId)) as Captured;
    await answer(socket, 'chat.send', { runId, status: 'started' });
    await vi.waitFor(() => expect(runs.get().get(runId)?.state).toBe('running'));
    expect(view.get().items.map((item) => item.message?.content ?? item.run?.state)).toEqual([
      'ping one',
      'running',
    ]);
    for (const { dir, frame } of frames)
      if (dir === 'in' && frame.type === 'event') socket.receive(frame);
    const items = view.get().items;
    expect(items.map((item) => item.message?.content ?? item.run?.text)).toEqual([
      'ping one',
      'Hello from the fake model. You said: ping one',
    ]);
    expect(items[1]?.run?.state).toBe('final');
    expect(outbox.get().has(key)).toBe(false);
  });

  it('queues a message typed while a run is going and sends it when the run ends', async () => {
    const key = fresh('queue');
    const socket = await connectLive();
    const queue = watch(queueOf(key));
    send(key, 'first');
    await answer(socket, 'chat.send', { runId: 'run-1', status: 'started' });
    await vi.waitFor(() => expect(runs.get().get('run-1')?.state).toBe('running'));

    send(key, 'second');
    await Promise.resolve();
    expect(sends(socket)).toHaveLength(1);
    expect(queue.get().map((q) => [q.text, q.state])).toEqual([['second', 'queued']]);

    ended(socket, 'run-1', key);
    await vi.waitFor(() => expect(sends(socket)).toHaveLength(2));
    expect(socket.lastRequest('chat.send').params.message).toBe('second');
  });

  it('sends the next one when the run the last send started ended before its answer', async () => {
    const key = fresh('fast');
    const socket = await connectLive();
    send(key, 'one');
    send(key, 'two');
    await vi.waitFor(() => expect(sends(socket)).toHaveLength(1));
    ended(socket, 'fast-run', key);
    await answer(socket, 'chat.send', { runId: 'fast-run', status: 'started' });
    await vi.waitFor(() => expect(sends(socket)).toHaveLength(2));
  });

  it('keeps a message sent during a drop and resends it once with the same idempotency key', async () => {
    const key = fresh('drop');
    const first = await connectLive();
    // Nothing observes the outbox (its view is gone): it keeps itself alive while it holds a message.
    send(key, 'survive the drop');
    await vi.waitFor(() => first.lastRequest('chat.send'));
    const idempotencyKey = first.lastRequest('chat.send').params.idempotencyKey;
    first.drop(1006);
    await vi.waitFor(() => expect(outbox.get().get(key)?.[0]?.state).toBe('queued'));

    const second = await reconnectLive();
    await vi.waitFor(() => second.lastRequest('chat.send'));
    expect(second.lastRequest('chat.send').params.idempotencyKey).toBe(idempotencyKey);
    await answer(second, 'chat.send', { runId: idempotencyKey, status: 'started' });
    await vi.waitFor(() => expect(outbox.get().has(key)).toBe(false));
    expect(sentCount(second, 'chat.send')).toBe(1);
  });

  it('says why a refused message was not sent, retries it with the same key, or discards it', async () => {
    const key = fresh('refused');
    const socket = await connectLive();
    send(key, 'no');
    await answer(socket, 'chat.send', undefined, { code: 'INVALID_REQUEST', message: 'Nope' });
    await vi.waitFor(() =>
      expect(outbox.get().get(key)?.[0]).toMatchObject({
        state: 'failed',
        error: 'Nope (INVALID_REQUEST)',
      }),
    );
    const id = outbox.get().get(key)![0]!.id;
    retryQueued(key, id);
    await vi.waitFor(() => expect(sends(socket)).toHaveLength(2));
    expect(socket.lastRequest('chat.send').params.idempotencyKey).toBe(id);
    await answer(socket, 'chat.send', undefined, { code: 'INVALID_REQUEST', message: 'Nope' });
    await vi.waitFor(() => expect(outbox.get().get(key)?.[0]?.state).toBe('failed'));
    discardQueued(key, id);
    expect(outbox.get().has(key)).toBe(false);
  });

  it('runs a one-shot agent turn and reports what agent.wait said', async () => {
    const key = fresh('agent');
    const socket = await connectLive();
    const waits = watch(agentWaits);
    send(key, 'do it', 'agent');
    await answer(socket, 'agent', { runId: 'agent-run', status: 'accepted' });
    await vi.waitFor(() =>
      expect(socket.lastRequest('agent.wait').params).toEqual({
        runId: 'agent-run',
        timeoutMs: 120_000,
      }),
    );
    await answer(socket, 'agent.wait', { status: 'ok' });
    await vi.waitFor(() =>
      expect(waits.get().get(key)).toEqual({ runId: 'agent-run', status: 'ok', error: undefined }),
    );
  });
});

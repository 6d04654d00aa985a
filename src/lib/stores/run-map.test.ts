import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { FakeWebSocket } from '../testing/fake-websocket';
import { fixture } from '../testing/frames';
import { answer, connectLive, reconnectLive, sentCount } from '../testing/live';
import { disconnect } from './connection';
import { MAX_FAILURES, MAX_RUNS } from './run-bounds';
import { activeRuns, recentFailures, runs, watchSessionRuns } from './run-map';

type Captured = Array<{
  dir: string;
  frame: { type: string; event?: string; payload?: { runId?: string } };
}>;

const chat = (socket: FakeWebSocket, payload: Record<string, unknown>) =>
  socket.receive({ type: 'event', event: 'chat', payload });

const offs: Array<() => void> = [];
beforeEach(() => {
  useFakePlatform();
  offs.push(runs.listen(() => {}));
});
afterEach(() => {
  vi.useRealTimers();
  offs.splice(0).forEach((off) => off());
  cleanStores(runs, activeRuns, recentFailures);
  disconnect();
});

describe('run map', () => {
  it('streams the real frames of a chat.send run into one entry and ends it', async () => {
    const socket = await connectLive();
    const frames = fixture<Captured>('chat/01-chat-send-frames.json');
    const runId = frames.find((f) => f.frame.event === 'chat')!.frame.payload!.runId!;
    for (const { dir, frame } of frames)
      if (dir === 'in' && frame.type === 'event') socket.receive(frame);
    const run = runs.get().get(runId);
    expect(run?.state).toBe('final');
    expect(run?.text).toBe('Hello from the fake model. You said: ping one');
    expect(run?.sessionKey).toBe('agent:main:main');
    expect(activeRuns.get()).toEqual([]);
  });

  it('derives the runs in flight and the failures from the one map (same objects, newest failure first)', async () => {
    const socket = await connectLive();
    offs.push(
      activeRuns.listen(() => {}),
      recentFailures.listen(() => {}),
    );
    chat(socket, {
      runId: 'a',
      sessionKey: 'agent:main:a',
      seq: 1,
      state: 'delta',
      deltaText: 'x',
    });
    chat(socket, {
      runId: 'b',
      sessionKey: 'agent:main:b',
      seq: 1,
      state: 'delta',
      deltaText: 'y',
    });
    expect(activeRuns.get().map((run) => run.runId)).toEqual(['a', 'b']);
    expect(activeRuns.get()[0]).toBe(runs.get().get('a'));
    vi.useFakeTimers({ toFake: ['Date'] });
    chat(socket, {
      runId: 'a',
      sessionKey: 'agent:main:a',
      seq: 2,
      state: 'error',
      errorMessage: 'one',
    });
    vi.advanceTimersByTime(1_000);
    chat(socket, {
      runId: 'b',
      sessionKey: 'agent:main:b',
      seq: 2,
      state: 'error',
      errorMessage: 'two',
    });
    expect(activeRuns.get()).toEqual([]);
    expect(recentFailures.get().map((run) => run.error?.message)).toEqual(['two', 'one']);
    expect(recentFailures.get()[0]).toBe(runs.get().get('b'));
    // A run streaming elsewhere changes the map, not the failures: same array, no alert re-render.
    const failures = recentFailures.get();
    chat(socket, {
      runId: 'c',
      sessionKey: 'agent:main:c',
      seq: 1,
      state: 'delta',
      deltaText: 'z',
    });
    expect(recentFailures.get()).toBe(failures);
  });

  it('stays bounded on a days-long board: ended runs go oldest first, the newest failures and running runs stay', async () => {
    const socket = await connectLive();
    chat(socket, {
      runId: 'long',
      sessionKey: 'agent:main:long',
      seq: 1,
      state: 'delta',
      deltaText: '…',
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    for (let i = 0; i < MAX_FAILURES; i++) {
      vi.advanceTimersByTime(1);
      chat(socket, { runId: `f${i}`, sessionKey: 'agent:main:f', seq: 1, state: 'error' });
    }
    for (let i = 0; i < MAX_RUNS * 2; i++) {
      vi.advanceTimersByTime(1);
      chat(socket, { runId: `r${i}`, sessionKey: 'agent:main:r', seq: 1, state: 'final' });
    }
    const map = runs.get();
    expect(map.size).toBeLessThanOrEqual(MAX_RUNS);
    expect(map.get('long')?.state).toBe('running');
    expect(recentFailures.get()).toHaveLength(MAX_FAILURES);
    expect(map.has(`r${MAX_RUNS * 2 - 1}`)).toBe(true);
    expect(map.has('r0')).toBe(false);
  });

  it('applies a delta after a quiet spell at once, a burst once per frame, a run ending at once', async () => {
    const socket = await connectLive();
    // Only the clock is faked: "a burst" is deltas arriving within a frame of each other.
    vi.useFakeTimers({ toFake: ['Date'] });
    const sessionKey = 'agent:main:burst-test';
    const runId = 'burst-run';
    const delta = (seq: number, state: string, text: string) =>
      chat(socket, {
        runId,
        sessionKey,
        seq,
        state,
        message: { role: 'assistant', content: [{ type: 'text', text }] },
      });
    const shown = () => runs.get().get(runId);
    // Count how often the run in the map changes.
    let changes = 0;
    let last = shown();
    offs.push(
      runs.listen(() => {
        if (shown() !== last) changes++;
        last = shown();
      }),
    );

    delta(1, 'delta', 'w1');
    // A new run shows at once (run board, session list).
    expect(shown()?.text).toBe('w1');
    vi.advanceTimersByTime(1000);
    delta(2, 'delta', 'w1 w2');
    expect(shown()?.text).toBe('w1 w2');
    changes = 0;
    for (let seq = 3; seq <= 100; seq++) delta(seq, 'delta', `w1…w${seq}`);
    expect(changes).toBe(0);
    // Another run streaming meanwhile is not held back by this one's burst, nor does it carry it.
    const other = (seq: number, text: string) =>
      chat(socket, {
        runId: 'other-run',
        sessionKey: 'agent:main:other',
        seq,
        state: 'delta',
        deltaText: text,
      });
    other(1, 'a');
    other(2, 'b');
    expect(runs.get().get('other-run')?.text).toBe('ab');
    expect(changes).toBe(0);
    await vi.waitFor(() => expect(shown()?.text).toBe('w1…w100'));
    expect(changes).toBe(1);

    delta(101, 'delta', 'w1…w101');
    delta(102, 'final', 'the end');
    // The end is applied with the event, after the delta held before it.
    expect(shown()?.state).toBe('final');
    expect(shown()?.text).toBe('the end');
    expect(activeRuns.get().map((run) => run.runId)).toEqual(['other-run']);
  });

  it('believes no event that moves a known run to another session', async () => {
    const socket = await connectLive();
    chat(socket, {
      runId: 'mine',
      sessionKey: 'agent:main:a',
      seq: 1,
      state: 'delta',
      deltaText: 'ok',
    });
    chat(socket, { runId: 'mine', sessionKey: 'agent:main:b', seq: 2, state: 'final' });
    expect(runs.get().get('mine')).toMatchObject({ sessionKey: 'agent:main:a', state: 'running' });
  });

  it('settles a run cut off by a restart when its session starts a new one, and asks about unwatched runs once per connection', async () => {
    const first = await connectLive();
    chat(first, {
      runId: 'old',
      sessionKey: 'agent:main:cut',
      seq: 1,
      state: 'delta',
      deltaText: 'a',
    });
    chat(first, {
      runId: 'away',
      sessionKey: 'agent:main:away',
      seq: 1,
      state: 'delta',
      deltaText: 'b',
    });
    chat(first, {
      runId: 'seen',
      sessionKey: 'agent:main:seen',
      seq: 1,
      state: 'delta',
      deltaText: 'c',
    });
    offs.push(watchSessionRuns('agent:main:seen'));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.advanceTimersByTime(10);
    const second = await reconnectLive();
    // The watched session's transcript reads its own history; the others are asked here, briefly.
    await vi.waitFor(() => expect(sentCount(second, 'chat.history')).toBe(2));
    const asked = second.sent.filter((f) => f.method === 'chat.history').map((f) => f.params);
    expect(asked).toEqual([
      { sessionKey: 'agent:main:cut', limit: 1 },
      { sessionKey: 'agent:main:away', limit: 1 },
    ]);
    vi.advanceTimersByTime(10);
    chat(second, {
      runId: 'resumed',
      sessionKey: 'agent:main:cut',
      seq: 1,
      state: 'delta',
      deltaText: 'd',
    });
    expect(runs.get().get('old')).toMatchObject({ state: 'aborted', stopReason: 'interrupted' });
    await answer(second, 'chat.history', { messages: [], sessionInfo: { activeRunIds: [] } });
    await vi.waitFor(() => expect(runs.get().get('away')?.state).toBe('aborted'));
    expect(activeRuns.get().map((run) => run.runId)).toEqual(['seen', 'resumed']);
  });
});

describe('a run first heard of through an agent event', () => {
  const agent = (socket: FakeWebSocket, payload: Record<string, unknown>) =>
    socket.receive({ type: 'event', event: 'agent', payload });
  const tool = {
    stream: 'tool',
    data: { phase: 'start', name: 'exec', toolCallId: 't1', args: { command: 'ls' } },
  };

  it('shows runs whose ids are Object.prototype names, each as its own run', async () => {
    const socket = await connectLive();
    const ids = ['toString', 'constructor', '__proto__', 'hasOwnProperty'];
    for (const runId of ids)
      chat(socket, {
        runId,
        sessionKey: 'agent:main:odd',
        seq: 1,
        state: 'delta',
        message: { content: runId },
      });
    expect(ids.map((id) => runs.get().get(id)?.text)).toEqual(ids);
    expect(
      activeRuns
        .get()
        .map((r) => r.runId)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('appears running with the tool call, before any chat event', async () => {
    const socket = await connectLive();
    agent(socket, { runId: 'early', sessionKey: 'agent:main:x', seq: 1, ...tool });
    const run = runs.get().get('early');
    expect(run?.state).toBe('running');
    expect(run?.tools.map((t) => t.name)).toEqual(['exec']);
    expect(activeRuns.get().map((r) => r.runId)).toContain('early');
  });

  it('is not revived by an agent event after it ended, nor made from one that says nothing', async () => {
    const socket = await connectLive();
    chat(socket, { runId: 'done', sessionKey: 'agent:main:y', seq: 1, state: 'final' });
    agent(socket, { runId: 'done', sessionKey: 'agent:main:y', seq: 2, ...tool });
    expect(runs.get().get('done')?.tools).toEqual([]);
    agent(socket, { runId: 'quiet', sessionKey: 'agent:main:y', seq: 1, stream: 'thinking' });
    expect(runs.get().has('quiet')).toBe(false);
  });
});

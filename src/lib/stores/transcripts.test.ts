import { cleanStores, type ReadableAtom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { answerHistory, connectLive, historyOf, reconnectLive } from '../testing/live';
import { disconnect } from './connection';
import { activeRuns, runs } from './run-map';
import {
  HISTORY_PAGE,
  loadOlder,
  NEWEST_PAGE,
  transcript,
  type TranscriptView,
} from './transcripts';

// Transcripts are cached by key across tests, so each test uses keys of its own.
let n = 0;
const fresh = (name: string) => `agent:main:${name}-${++n}`;
const mounted: Array<ReadableAtom<TranscriptView>> = [];
const offs: Array<() => void> = [];

/** Mounts a session's transcript the way a view does. */
function open(key: string): ReadableAtom<TranscriptView> {
  const store = transcript(key);
  mounted.push(store);
  offs.push(store.listen(() => {}));
  return store;
}

const texts = (store: ReadableAtom<TranscriptView>) =>
  store
    .get()
    .items.map((item) => item.message?.content ?? `run ${item.run?.runId} ${item.run?.state}`);

beforeEach(() => useFakePlatform());
afterEach(() => {
  offs.splice(0).forEach((off) => off());
  cleanStores(...mounted.splice(0), runs, activeRuns);
  disconnect();
});

describe('transcripts', () => {
  it('reads history once when mounted and once per new connection, and holds the live message subscription', async () => {
    const key = fresh('once');
    const first = await connectLive();
    const store = open(key);
    await answerHistory(first, key, {
      messages: [{ role: 'user', content: 'hi' }],
      hasMore: false,
    });
    await vi.waitFor(() => expect(texts(store)).toEqual(['hi']));
    expect(historyOf(first, key)).toHaveLength(1);
    expect(first.lastRequest('sessions.messages.subscribe').params).toEqual({ key });

    const second = await reconnectLive();
    await vi.waitFor(() => expect(historyOf(second, key)).toHaveLength(1));
    expect(second.sent.filter((f) => f.method === 'sessions.messages.subscribe')).toHaveLength(1);
    // Cached data shows while the new read is under way.
    expect(texts(store)).toEqual(['hi']);
  });

  it('sends nothing while unobserved, and lets the subscription go when unmounted', async () => {
    const key = fresh('idle');
    const socket = await connectLive();
    const store = transcript(key);
    expect(historyOf(socket, key)).toHaveLength(0);
    const off = store.listen(() => {});
    await vi.waitFor(() => expect(historyOf(socket, key)).toHaveLength(1));
    await vi.waitFor(() => socket.lastRequest('sessions.messages.subscribe'));
    socket.receive({
      type: 'res',
      id: socket.lastRequest('sessions.messages.subscribe').id,
      ok: true,
      payload: {},
    });
    off();
    cleanStores(store);
    await vi.waitFor(() =>
      expect(socket.lastRequest('sessions.messages.unsubscribe').params).toEqual({ key }),
    );
  });

  it('recovers a run that ended while the connection was down from history', async () => {
    const key = fresh('recover');
    const first = await connectLive();
    const store = open(key);
    await answerHistory(first, key, { messages: [], hasMore: false });
    first.receive({
      type: 'event',
      event: 'chat',
      payload: { runId: 'run-lost', sessionKey: key, seq: 1, state: 'delta', deltaText: 'wor' },
    });
    first.receive({
      type: 'event',
      event: 'chat',
      payload: { runId: 'run-cut', sessionKey: key, seq: 1, state: 'delta', deltaText: 'hal' },
    });
    const seen = { runId: 'run-seen', sessionKey: key, seq: 1, state: 'final', message: 'seen' };
    first.receive({ type: 'event', event: 'chat', payload: seen });
    expect(texts(store)).toEqual([
      'run run-lost running',
      'run run-cut running',
      'run run-seen final',
    ]);
    first.drop(1012, 'restart');
    const second = await reconnectLive();
    await answerHistory(second, key, {
      messages: [
        { role: 'assistant', content: 'seen', __openclaw: { runId: 'run-seen' } },
        { role: 'user', content: 'long job' },
        {
          role: 'assistant',
          content: 'done while you were away',
          __openclaw: { runId: 'run-lost' },
        },
      ],
      hasMore: false,
      sessionInfo: { activeRunIds: [] },
    });
    // Recorded turns replace their runs (once each); a run history never recorded was cut off.
    await vi.waitFor(() =>
      expect(texts(store)).toEqual([
        'seen',
        'long job',
        'done while you were away',
        'run run-cut aborted',
      ]),
    );
    expect(runs.get().has('run-lost')).toBe(false);
    expect(activeRuns.get()).toEqual([]);
  });

  it('shows a run in flight at once when history names it, after the turns it answers', async () => {
    const key = fresh('inflight');
    const socket = await connectLive();
    const store = open(key);
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'go' }],
      sessionInfo: { activeRunIds: ['run-live', 42] },
    });
    await vi.waitFor(() => expect(texts(store)).toEqual(['go', 'run run-live running']));
    expect(store.get().namesRuns).toBe(true);
    socket.receive({
      type: 'event',
      event: 'chat',
      payload: {
        runId: 'run-live',
        sessionKey: key,
        seq: 9,
        state: 'delta',
        message: { content: 'so far' },
      },
    });
    expect(store.get().items[1]?.run?.text).toBe('so far');
  });

  it('pages back from the offset the gateway gives, older messages first', async () => {
    const key = fresh('paging');
    const socket = await connectLive();
    const store = open(key);
    // A small newest page (the gateway answers it at once), then bigger older pages.
    expect(historyOf(socket, key).at(-1)?.params).toEqual({ sessionKey: key, limit: NEWEST_PAGE });
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'newest', idempotencyKey: 'b' }],
      hasMore: true,
      nextOffset: 7,
    });
    await vi.waitFor(() => expect(store.get().hasMore).toBe(true));
    const older = loadOlder(key);
    expect(historyOf(socket, key).at(-1)?.params).toEqual({
      sessionKey: key,
      limit: HISTORY_PAGE,
      offset: 7,
    });
    await answerHistory(socket, key, {
      messages: [
        { role: 'user', content: 'oldest', idempotencyKey: 'a' },
        { role: 'user', content: 'dup of newest', idempotencyKey: 'b' },
      ],
      hasMore: false,
    });
    await older;
    expect(texts(store)).toEqual(['oldest', 'newest']);
    expect(store.get().hasMore).toBe(false);
  });

  it('applies live messages: new turns appended, a known key replaced, a shown run keeping its card', async () => {
    const key = fresh('live');
    const socket = await connectLive();
    const store = open(key);
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'q', idempotencyKey: 'k1' }],
    });
    await vi.waitFor(() => expect(texts(store)).toEqual(['q']));
    const message = (message: unknown, sessionKey = key) =>
      socket.receive({ type: 'event', event: 'session.message', payload: { sessionKey, message } });
    socket.receive({
      type: 'event',
      event: 'chat',
      payload: { runId: 'r', sessionKey: key, seq: 1, state: 'delta', deltaText: 'a' },
    });
    message({ role: 'user', content: 'q edited', idempotencyKey: 'k1' });
    message({ role: 'assistant', content: 'a', __openclaw: { runId: 'r', id: 'm2' } });
    message({ role: 'user', content: 'elsewhere' }, fresh('other'));
    message('not a message');
    message({ role: 'user', content: 'next', __openclaw: { id: 'm3' } });
    expect(texts(store)).toEqual(['q edited', 'run r running', 'next']);
  });

  it('on a new read, keeps the cards of runs history does not record yet, not those older than its page', async () => {
    const key = fresh('reread');
    const first = await connectLive();
    const store = open(key);
    await answerHistory(first, key, {
      messages: [{ role: 'user', content: 'q', __openclaw: { id: 'm1' } }],
    });
    const chat = (runId: string) =>
      first.receive({
        type: 'event',
        event: 'chat',
        payload: { runId, sessionKey: key, seq: 1, state: 'delta', deltaText: 'a' },
      });
    chat('recorded');
    await vi.waitFor(() => expect(texts(store)).toEqual(['q', 'run recorded running']));
    first.receive({
      type: 'event',
      event: 'session.message',
      payload: {
        sessionKey: key,
        message: { role: 'assistant', content: 'a', __openclaw: { runId: 'recorded' } },
      },
    });
    chat('streaming');
    await vi.waitFor(() =>
      expect(texts(store)).toEqual(['q', 'run recorded running', 'run streaming running']),
    );

    // A page read before the turn was written: the recorded run came after it, and stays.
    const second = await reconnectLive();
    await answerHistory(second, key, {
      messages: [
        { role: 'user', content: 'q', __openclaw: { id: 'm1' } },
        { role: 'user', content: 'ask', __openclaw: { id: 'm2' } },
      ],
    });
    await vi.waitFor(() =>
      expect(texts(store)).toEqual(['q', 'ask', 'run recorded running', 'run streaming running']),
    );

    // Reconnected after many turns: the run whose turn is recorded is now older than the newest
    // page, so it comes back with the older pages, not as a card after the newest messages.
    const third = await reconnectLive();
    await answerHistory(third, key, {
      messages: [{ role: 'user', content: 'much later' }],
      hasMore: true,
    });
    await vi.waitFor(() => expect(texts(store)).toEqual(['much later', 'run streaming running']));
  });
});

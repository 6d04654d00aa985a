import { cleanStores, type ReadableAtom } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { answerHistory, connectLive, historyOf } from '../testing/live';
import { disconnect } from './connection';
import { activeRuns, runs } from './run-map';
import {
  MAX_CACHED_SESSIONS,
  resetTranscript,
  transcript,
  type TranscriptView,
} from './transcripts';

// Transcripts are cached by key across tests, so each test uses keys of its own.
let n = 0;
const fresh = (name: string) => `agent:main:${name}-${++n}`;
const created: Array<ReadableAtom<TranscriptView>> = [];
const offs: Array<() => void> = [];

function open(key: string): ReadableAtom<TranscriptView> {
  const store = transcript(key);
  created.push(store);
  offs.push(store.listen(() => {}));
  return store;
}

/** Creates a transcript, shows it, and stops showing it (at once, as cleanStores does). */
function visit(key: string): ReadableAtom<TranscriptView> {
  const store = transcript(key);
  store.listen(() => {})();
  cleanStores(store);
  return store;
}

const texts = (store: ReadableAtom<TranscriptView>) =>
  store.get().items.map((item) => item.message?.content ?? `run ${item.run?.runId}`);

beforeEach(() => useFakePlatform());
afterEach(() => {
  offs.splice(0).forEach((off) => off());
  cleanStores(...created.splice(0), runs, activeRuns);
  disconnect();
});

describe('transcript cache', () => {
  it('never evicts a transcript on screen, however many others come and go', async () => {
    const key = fresh('shown');
    const socket = await connectLive();
    const shown = open(key);
    await answerHistory(socket, key, { messages: [{ role: 'user', content: 'first words' }] });
    await vi.waitFor(() => expect(texts(shown)).toEqual(['first words']));
    for (let i = 0; i < MAX_CACHED_SESSIONS + 5; i++) {
      const other = fresh('other');
      visit(other);
      socket.receive({
        type: 'event',
        event: 'chat',
        payload: { runId: other, sessionKey: other, seq: 1, state: 'delta', deltaText: 'x' },
      });
    }
    expect(transcript(key)).toBe(shown);
    socket.receive({
      type: 'event',
      event: 'session.message',
      payload: { sessionKey: key, message: { role: 'user', content: 'later words' } },
    });
    expect(texts(shown)).toEqual(['first words', 'later words']);
  });

  it('evicts transcripts no view shows, least recently used first', async () => {
    await connectLive();
    const keys = Array.from({ length: MAX_CACHED_SESSIONS }, () => fresh('lru'));
    const stores = keys.map(visit);
    // Used again: the second one is now the least recently used.
    expect(transcript(keys[0]!)).toBe(stores[0]);
    visit(fresh('newcomer'));
    expect(transcript(keys[0]!)).toBe(stores[0]);
    expect(transcript(keys[2]!)).toBe(stores[2]);
    expect(transcript(keys[1]!)).not.toBe(stores[1]);
  });

  it('empties at once on reset and reads the new conversation once', async () => {
    const key = fresh('reset');
    const socket = await connectLive();
    const store = open(key);
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'old words' }],
      sessionId: 's1',
    });
    socket.receive({
      type: 'event',
      event: 'chat',
      payload: {
        runId: 'old-run',
        sessionKey: key,
        seq: 1,
        state: 'final',
        message: { content: 'old answer' },
      },
    });
    await vi.waitFor(() => expect(texts(store)).toEqual(['old words', 'run old-run']));
    resetTranscript(key);
    expect(store.get()).toMatchObject({ items: [], loaded: false });
    expect(historyOf(socket, key)).toHaveLength(2);
    // A run of the old conversation does not come back, whatever changes in the run map meanwhile.
    socket.receive({
      type: 'event',
      event: 'chat',
      payload: { runId: 'x', sessionKey: fresh('x'), seq: 1, state: 'delta' },
    });
    expect(texts(store)).toEqual([]);
    await answerHistory(socket, key, { messages: [], sessionId: 's2' });
    await vi.waitFor(() => expect(store.get().loaded).toBe(true));
    expect(texts(store)).toEqual([]);
    expect(historyOf(socket, key)).toHaveLength(2);
  });

  it('follows a reset by another operator, and does not read its own reset twice', async () => {
    const key = fresh('their-reset');
    const socket = await connectLive();
    const store = open(key);
    await answerHistory(socket, key, {
      messages: [{ role: 'user', content: 'before' }],
      sessionId: 's1',
    });
    await vi.waitFor(() => expect(texts(store)).toEqual(['before']));
    const changed = (payload: Record<string, unknown>) =>
      socket.receive({
        type: 'event',
        event: 'sessions.changed',
        payload: { sessionKey: key, ...payload },
      });
    changed({ reason: 'patch', sessionId: 's1' });
    changed({ reason: 'reset', sessionKey: fresh('elsewhere'), sessionId: 's9' });
    expect(historyOf(socket, key)).toHaveLength(1);
    changed({ reason: 'reset', sessionId: 's2' });
    expect(texts(store)).toEqual([]);
    expect(historyOf(socket, key)).toHaveLength(2);
    await answerHistory(socket, key, { messages: [], sessionId: 's2' });
    await vi.waitFor(() => expect(store.get().loaded).toBe(true));
    changed({ reason: 'reset', sessionId: 's2' });
    expect(historyOf(socket, key)).toHaveLength(2);
  });
});

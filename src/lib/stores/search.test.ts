import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive, sentCount } from '../testing/live';
import { disconnect } from './connection';
import { router } from './router';
import { buildSearchPage, searchHref, searchPage, type SearchPage } from './search';
import { highlight, readSearchReply } from './search-hits';

const hit = (messageId: string, snippet: string, sessionKey = 'agent:main:s1') => ({
  sessionKey,
  sessionId: 'sid-1',
  messageId,
  role: 'user',
  timestamp: 1796159132024,
  snippet,
  score: 1e-6,
});

const searches = (socket: FakeWebSocket) =>
  socket.sent.filter((frame) => frame.method === 'sessions.search');

async function answerSearch(socket: FakeWebSocket, nth: number, payload: object) {
  await vi.waitFor(() => expect(searches(socket).length).toBeGreaterThanOrEqual(nth));
  const frame = searches(socket)[nth - 1]!;
  socket.receive({ type: 'res', id: frame.id, ok: true, payload });
  return frame.params as { query: string; limit: number; scope: object };
}

let page: SearchPage | undefined;
beforeEach(() => {
  useFakePlatform();
  router.open('/search');
});
afterEach(() => {
  page?.exit();
  page = undefined;
  cleanStores(searchPage);
  disconnect();
});

describe('transcript search', () => {
  it('asks once typing pauses, keeps the words in the address, and shows the latest answer only', async () => {
    const socket = await connectLive();
    page = buildSearchPage({ debounceMs: 5 });
    page.setQuery('zeb');
    page.setQuery('zebra');
    expect(router.get()?.search).toEqual({ q: 'zebra' });
    const first = await answerSearch(socket, 1, { results: [] });
    expect(first).toEqual({ query: 'zebra', limit: 25, scope: {} });
    expect(sentCount(socket, 'sessions.search')).toBe(1);
    await vi.waitFor(() => expect(page!.state.get().searched).toBe('zebra'));
    // A reply for older words that arrives after newer words were typed is dropped.
    const seen: string[] = [];
    const off = page.state.listen((state) => void (state.reply && seen.push(state.searched!)));
    page.setQuery('zebracorn');
    page.submit();
    await vi.waitFor(() => expect(searches(socket)).toHaveLength(2));
    page.setQuery('zebracorn words');
    await answerSearch(socket, 2, { results: [hit('m-old', 'stale')] });
    await answerSearch(socket, 3, {
      results: [hit('m1', 'zebracorn words'), hit('m1', 'repeat'), { snippet: 'no key' }],
      sessions: [{ key: 'agent:main:s1', label: 'Zoo talk' }],
      truncated: true,
    });
    await vi.waitFor(() => expect(page!.state.get().searched).toBe('zebracorn words'));
    const reply = page.state.get().reply!;
    expect(reply.hits.map((h) => h.messageId)).toEqual(['m1']);
    expect(reply.titles.get('agent:main:s1')).toBe('Zoo talk');
    expect(reply.truncated).toBe(true);
    expect(router.get()?.search).toEqual({ q: 'zebracorn words' });
    expect(new Set(seen)).toEqual(new Set(['zebra', 'zebracorn words']));
    off();
  });

  it('starts from the address and follows it back and forward', async () => {
    router.open(searchHref('hello world'));
    const socket = await connectLive();
    page = buildSearchPage({ debounceMs: 5 });
    expect(page.state.get().query).toBe('hello world');
    expect((await answerSearch(socket, 1, { results: [] })).query).toBe('hello world');
    router.open(searchHref('other'));
    expect((await answerSearch(socket, 2, { results: [] })).query).toBe('other');
    expect(page.state.get().query).toBe('other');
  });

  it('says so on a gateway without sessions.search, and asks nothing', async () => {
    const socket = await connectLive((hello) => {
      const features = hello.payload.features as { methods: string[] };
      features.methods = features.methods.filter((m) => m !== 'sessions.search');
    });
    page = buildSearchPage({ debounceMs: 1 });
    expect(page.state.get().unavailable).toEqual({
      reason: 'notOffered',
      method: 'sessions.search',
    });
    page.setQuery('anything');
    page.submit();
    expect(page.state.get().unavailable?.reason).toBe('notOffered');
    expect(sentCount(socket, 'sessions.search')).toBe(0);
  });

  it('reports a refused search in words and asks nothing for blank words', async () => {
    const socket = await connectLive();
    page = buildSearchPage({ debounceMs: 1 });
    page.setQuery('   ');
    page.submit();
    expect(sentCount(socket, 'sessions.search')).toBe(0);
    page.setQuery('x');
    await vi.waitFor(() => expect(searches(socket)).toHaveLength(1));
    socket.receive({
      type: 'res',
      id: searches(socket)[0]!.id,
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'index busy' },
    });
    await vi.waitFor(() => expect(page!.state.get().error).toBe('index busy (UNAVAILABLE)'));
  });
});

describe('highlight', () => {
  it('marks every word searched for, whatever its case, and nothing else', () => {
    expect(highlight('Echo: Zebracorn and zebracorn marker', 'zebracorn marker')).toEqual([
      { text: 'Echo: ', match: false },
      { text: 'Zebracorn', match: true },
      { text: ' and ', match: false },
      { text: 'zebracorn', match: true },
      { text: ' ', match: false },
      { text: 'marker', match: true },
    ]);
    expect(highlight('a (b) c', '(b)')).toEqual([
      { text: 'a ', match: false },
      { text: '(b)', match: true },
      { text: ' c', match: false },
    ]);
    expect(highlight('<img src=x onerror=1>', '')).toEqual([
      { text: '<img src=x onerror=1>', match: false },
    ]);
  });

  it('reads a reply whatever shape it comes in', () => {
    expect(readSearchReply(null).hits).toEqual([]);
    expect(readSearchReply({ results: 'no' }).hits).toEqual([]);
    expect(
      readSearchReply({ results: [hit('m', 'x'.repeat(2_000))] }).hits[0]!.snippet,
    ).toHaveLength(600);
  });
});

import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import { FakeWebSocket } from '../testing/fake-websocket';
import { completeHandshake } from '../testing/handshake';
import { connectLive, reconnectLive, sentCount } from '../testing/live';
import { connect } from './connect-form';
import { disconnect } from './connection';
import { MAX_LOG_LINES } from './log-lines';
import { buildLogsPage, logsPage, type LogsPage } from './logs';
import { router } from './router';
import { pageVisible } from './visibility';

const line = (message: string, level = 'INFO') =>
  JSON.stringify({
    0: '{"subsystem":"gateway/ws"}',
    1: message,
    _meta: { logLevelName: level, name: '{"subsystem":"gateway/ws"}' },
    time: '2026-11-24T20:35:27.796+00:00',
    message,
  });

type Params = { cursor?: number; limit?: number; maxBytes?: number };
const tails = (socket: FakeWebSocket) => socket.sent.filter((f) => f.method === 'logs.tail');

/** Answers the nth `logs.tail` request (1-based) on a socket, once it has been sent; returns its params. */
async function answerTail(socket: FakeWebSocket, nth: number, payload: object): Promise<Params> {
  await vi.waitFor(() => expect(tails(socket).length).toBeGreaterThanOrEqual(nth));
  const frame = tails(socket)[nth - 1]!;
  socket.receive({ type: 'res', id: frame.id, ok: true, payload: { file: '/g.log', ...payload } });
  return frame.params as Params;
}

const messages = (page: LogsPage) => page.shown.get().map((l) => l.mark ?? l.message);

let fake: FakePage;
let page: LogsPage | undefined;
beforeEach(() => {
  fake = useFakePlatform();
});
afterEach(() => {
  page?.exit();
  page = undefined;
  cleanStores(pageVisible, logsPage);
  disconnect();
});

describe('the live log', () => {
  it('reads the newest lines, then on from each cursor, appending without duplicates', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    const first = await answerTail(socket, 1, { cursor: 100, lines: [line('a'), line('b')] });
    expect(first.cursor).toBeUndefined();
    expect(await answerTail(socket, 2, { cursor: 150, lines: [line('c')] })).toMatchObject({
      cursor: 100,
    });
    expect(await answerTail(socket, 3, { cursor: 150, lines: [] })).toMatchObject({ cursor: 150 });
    await vi.waitFor(() => expect(tails(socket).length).toBe(4));
    expect(messages(page)).toEqual(['a', 'b', 'c']);
    expect(page.shown.get()[0]).toMatchObject({ level: 'info', subsystem: 'gateway/ws' });
  });

  it('resumes from its cursor after a reconnect, and a late reply from the old connection adds nothing', async () => {
    const first = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    await answerTail(first, 1, { cursor: 10, lines: [line('one')] });
    await vi.waitFor(() => expect(tails(first).length).toBe(2));
    const stale = tails(first)[1]!;
    const second = await reconnectLive();
    expect(await answerTail(second, 1, { cursor: 20, lines: [line('two')] })).toMatchObject({
      cursor: 10,
    });
    first.receive({
      type: 'res',
      id: stale.id,
      ok: true,
      payload: { cursor: 20, lines: [line('two')] },
    });
    await vi.waitFor(() => expect(messages(page!)).toEqual(['one', 'two']));
    await vi.waitFor(() => expect(tails(second).length).toBeGreaterThanOrEqual(2));
    expect(messages(page)).toEqual(['one', 'two']);
  });

  it('marks lines skipped and a log that started over, and reads a new file from its start', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    await answerTail(socket, 1, { cursor: 10, truncated: true, lines: [line('first')] });
    await answerTail(socket, 2, {
      cursor: 900_000,
      truncated: true,
      reset: true,
      skippedBytes: 600_000,
      lines: [line('after gap')],
    });
    await answerTail(socket, 3, { cursor: 40, reset: true, lines: [line('rotated')] });
    await answerTail(socket, 4, { file: '/g.2026-11-25.log', cursor: 30, lines: [line('x')] });
    expect(
      await answerTail(socket, 5, { file: '/g.2026-11-25.log', cursor: 30, lines: [] }),
    ).toMatchObject({ cursor: 0 });
    await vi.waitFor(() =>
      expect(messages(page!)).toEqual([
        'first',
        'skipped',
        'after gap',
        'restarted',
        'rotated',
        'restarted',
      ]),
    );
    expect(page.shown.get()[1]).toMatchObject({ bytes: 600_000 });
    expect(page.state.get().file).toBe('/g.2026-11-25.log');
  });

  it('keeps only the newest lines and says how many fell out', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `plain ${from + i}`);
    await answerTail(socket, 1, { cursor: 1, lines: many(0, 3_000) });
    await answerTail(socket, 2, { cursor: 2, lines: many(3_000, 3_000) });
    await vi.waitFor(() => expect(page!.state.get().dropped).toBe(6_000 - MAX_LOG_LINES));
    const lines = page.state.get().lines;
    expect(lines).toHaveLength(MAX_LOG_LINES);
    expect(lines.at(-1)?.message).toBe('plain 5999');
    expect(lines[0]?.message).toBe(`plain ${6_000 - MAX_LOG_LINES}`);
  });

  it('filters by level and text, keeping markers in view', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    await answerTail(socket, 1, {
      cursor: 5,
      lines: [line('ready', 'INFO'), line('slow write', 'WARN'), 'not json at all'],
    });
    await answerTail(socket, 2, {
      cursor: 9,
      truncated: true,
      lines: [line('Lane task ERROR', 'ERROR')],
    });
    await vi.waitFor(() => expect(page!.shown.get()).toHaveLength(5));
    page.toggleLevel('warn');
    page.toggleLevel('error');
    expect(messages(page)).toEqual(['slow write', 'skipped', 'Lane task ERROR']);
    page.setText('lane');
    expect(messages(page)).toEqual(['skipped', 'Lane task ERROR']);
    page.toggleLevel('warn');
    page.toggleLevel('error');
    page.setText('JSON');
    expect(messages(page)).toEqual(['not json at all', 'skipped']);
  });

  it('holds the list still while paused, counting what arrives, and catches up on resume', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    await answerTail(socket, 1, { cursor: 1, lines: [line('a')] });
    await vi.waitFor(() => expect(messages(page!)).toEqual(['a']));
    page.pause();
    await answerTail(socket, 2, { cursor: 2, lines: [line('b'), line('c')] });
    await vi.waitFor(() => expect(page!.state.get().newWhilePaused).toBe(2));
    expect(messages(page)).toEqual(['a']);
    page.resume();
    expect(messages(page)).toEqual(['a', 'b', 'c']);
    expect(page.state.get()).toMatchObject({ paused: false, newWhilePaused: 0 });
  });

  it('reads nothing while the tab is hidden and catches up when it is shown', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    await vi.waitFor(() => expect(tails(socket).length).toBe(1));
    // Hidden while a read is under way: that read is the last until the tab is shown again.
    fake.setVisible(false);
    await answerTail(socket, 1, { cursor: 1, lines: [] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sentCount(socket, 'logs.tail')).toBe(1);
    fake.setVisible(true);
    expect(await answerTail(socket, 2, { cursor: 2, lines: [line('back')] })).toMatchObject({
      cursor: 1,
    });
  });

  it('reads only while the page is on screen, and says so when the gateway has no log', async () => {
    const socket = await connectLive((hello) => {
      const features = hello.payload.features as { methods: string[] };
      features.methods = features.methods.filter((m) => m !== 'logs.tail');
    });
    router.open('/logs');
    const off = logsPage.listen(() => {});
    await vi.waitFor(() =>
      expect(logsPage.get()?.state.get().unavailable).toEqual({
        reason: 'notOffered',
        method: 'logs.tail',
      }),
    );
    off();
    expect(sentCount(socket, 'logs.tail')).toBe(0);
  });

  it('adds nothing from a reply that arrives after the page was left', async () => {
    const socket = await connectLive();
    const left = buildLogsPage({ pollMs: 1 });
    await vi.waitFor(() => expect(tails(socket).length).toBe(1));
    left.exit();
    await answerTail(socket, 1, { cursor: 5, lines: [line('late')] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(left.state.get().lines).toEqual([]);
    expect(sentCount(socket, 'logs.tail')).toBe(1);
  });

  it('forgets what it read when another gateway is chosen', async () => {
    const socket = await connectLive();
    page = buildLogsPage({ pollMs: 1 });
    await answerTail(socket, 1, { cursor: 7, lines: [line('old gateway')] });
    await vi.waitFor(() => expect(messages(page!)).toEqual(['old gateway']));
    connect({ url: 'ws://127.0.0.1:18790', token: 't', remember: false });
    await vi.waitFor(() => expect(page!.state.get().lines).toEqual([]));
    const other = FakeWebSocket.last();
    await completeHandshake(other);
    expect(await answerTail(other, 1, { cursor: 3, lines: [] })).not.toHaveProperty('cursor');
  });
});

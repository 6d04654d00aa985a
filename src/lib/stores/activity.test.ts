import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive, sentCount } from '../testing/live';
import { activityPage, buildActivityPage, type ActivityPageInstance } from './activity';
import { activityHref, filterParams, readFilters } from './activity-filters';
import { forgetSeen, seenFor } from './activity-seen';
import { disconnect } from './connection';
import { diagnostics } from './diagnostics';
import { router } from './router';
import { pageVisible } from './visibility';

const run = (sequence: number, status = 'succeeded', extra: object = {}) => ({
  schemaVersion: 1,
  eventType: 'agent_run',
  eventId: `e${sequence}`,
  sequence,
  sourceSequence: 1,
  occurredAt: 1796171318322 + sequence * 1000,
  redaction: 'metadata_only',
  kind: 'agent_run',
  action: status === 'started' ? 'agent.run.started' : 'agent.run.finished',
  status,
  agentId: 'main',
  runId: `r${sequence}`,
  sessionKey: 'agent:main:s1',
  actor: { type: 'agent', id: 'main' },
  ...extra,
});
const range = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, i) => run(from - i));

const lists = (socket: FakeWebSocket) =>
  socket.sent.filter((frame) => frame.method === 'audit.activity.list');

/** Answers the nth audit.activity.list request and returns its params. */
async function answerList(socket: FakeWebSocket, nth: number, payload: unknown) {
  await vi.waitFor(() => expect(lists(socket).length).toBeGreaterThanOrEqual(nth));
  const frame = lists(socket)[nth - 1]!;
  socket.receive({ type: 'res', id: frame.id, ok: true, payload });
  return frame.params as Record<string, unknown>;
}

let page: ActivityPageInstance | undefined;
let fake: FakePage;
beforeEach(() => {
  fake = useFakePlatform();
  forgetSeen();
  router.open('/activity');
});
afterEach(() => {
  page?.exit();
  page = undefined;
  cleanStores(activityPage, pageVisible);
  disconnect();
});

const shown = () => page!.state.get().items.map((item) => item.id);

describe('activity page', () => {
  it('loads newest first, pages older by the cursor, and keeps each row once', async () => {
    const socket = await connectLive();
    page = buildActivityPage();
    expect(await answerList(socket, 1, { events: range(9, 7), nextCursor: 'c1' })).toEqual({
      limit: 50,
    });
    await vi.waitFor(() => expect(shown()).toEqual(['e9', 'e8', 'e7']));
    void page.loadOlder();
    // A row repeated across pages shows once.
    expect(
      await answerList(socket, 2, { events: [run(7), run(6), run(5)], nextCursor: 'c2' }),
    ).toEqual({
      limit: 50,
      cursor: 'c1',
    });
    await vi.waitFor(() => expect(shown()).toEqual(['e9', 'e8', 'e7', 'e6', 'e5']));
    void page.loadOlder();
    await answerList(socket, 3, { events: [run(4)] });
    await vi.waitFor(() => expect(page!.state.get().nextCursor).toBeUndefined());
    expect(shown()).toHaveLength(6);
    await page.loadOlder();
    expect(lists(socket)).toHaveLength(3);
  });

  it('reads filters from the address, sends them, and follows changes', async () => {
    router.open('/activity?status=failed&channel=telegram&agent=ops&since=1h&limit=3&kind=bogus');
    const socket = await connectLive();
    page = buildActivityPage();
    const params = await answerList(socket, 1, { events: [] });
    expect(params).toMatchObject({
      status: 'failed',
      channel: 'telegram',
      agentId: 'ops',
      limit: 3,
    });
    expect(params.kind).toBeUndefined();
    expect(Date.now() - (params.after as number)).toBeLessThan(3_700_000);
    page.setFilters({ status: 'timed_out', channel: undefined });
    expect(router.get()?.search).toEqual({
      status: 'timed_out',
      agent: 'ops',
      since: '1h',
      limit: '3',
    });
    expect((await answerList(socket, 2, { events: [] })).status).toBe('timed_out');
  });

  it('skips and counts rows it cannot read, and never blanks the list', async () => {
    const socket = await connectLive();
    page = buildActivityPage();
    const before = diagnostics.get().unreadableItems;
    await answerList(socket, 1, {
      events: [
        run(5),
        null,
        'text',
        { ...run(4), eventType: 'future_thing' },
        { ...run(3), status: 'exploded' },
        { ...run(2), eventId: 42 },
        { ...run(1), toolName: { evil: true }, sessionKey: '\u202Eevil' },
        run(5),
      ],
    });
    await vi.waitFor(() => expect(shown()).toEqual(['e5', 'e1']));
    expect(page.state.get().items[1]!.toolName).toBeUndefined();
    expect(diagnostics.get().unreadableItems - before).toBe(7);
  });

  it('holds newer rows behind "N new" after a run ends, then shows them on top', async () => {
    const socket = await connectLive();
    page = buildActivityPage({ peekDelayMs: 1 });
    await answerList(socket, 1, { events: range(5, 3), nextCursor: 'c' });
    await vi.waitFor(() => expect(shown()).toHaveLength(3));
    socket.receive({ type: 'event', event: 'chat', payload: { state: 'delta', runId: 'x' } });
    socket.receive({ type: 'event', event: 'chat', payload: { state: 'final', runId: 'x' } });
    await answerList(socket, 2, { events: range(7, 5), nextCursor: 'c2' });
    await vi.waitFor(() => expect(page!.state.get().waiting).toEqual({ count: 2, more: false }));
    expect(shown()).toEqual(['e5', 'e4', 'e3']);
    page.showNew();
    expect(shown()).toEqual(['e7', 'e6', 'e5', 'e4', 'e3']);
    expect(page.state.get().nextCursor).toBe('c');
    // A whole page of new rows may hide a gap: the list starts again from the newest page.
    socket.receive({ type: 'event', event: 'sessions.changed', payload: {} });
    await answerList(socket, 3, { events: range(12, 10), nextCursor: 'c3' });
    await vi.waitFor(() => expect(page!.state.get().waiting.more).toBe(true));
    page.showNew();
    expect(shown()).toEqual(['e12', 'e11', 'e10']);
    expect(page.state.get().nextCursor).toBe('c3');
  });

  it('remembers per gateway what was seen while visible and moves the marker after looking away', async () => {
    const socket = await connectLive();
    const gateway = 'ws://127.0.0.1:18789';
    page = buildActivityPage({ peekDelayMs: 1 });
    expect(page.state.get().mark).toBeUndefined();
    await answerList(socket, 1, { events: range(5, 1) });
    await vi.waitFor(() => expect(seenFor(gateway)?.sequence).toBe(5));
    page.exit();
    // The next visit shows the marker below what is new since.
    page = buildActivityPage({ peekDelayMs: 1 });
    expect(page.state.get().mark?.sequence).toBe(5);
    fake.setVisible(false);
    await answerList(socket, 2, { events: range(8, 1) });
    await vi.waitFor(() => expect(shown()).toHaveLength(8));
    // Not looked at while hidden: nothing is marked as seen.
    expect(seenFor(gateway)?.sequence).toBe(5);
    fake.setVisible(true);
    expect(page.state.get().mark?.sequence).toBe(5);
    expect(seenFor(gateway)?.sequence).toBe(8);
    fake.setVisible(false);
    fake.setVisible(true);
    expect(page.state.get().mark?.sequence).toBe(8);
    expect(seenFor('ws://other:1')).toBeUndefined();
    // The gateway's ledger started again (its newest row is older than what was seen): forget.
    void page.reload();
    await answerList(socket, 3, { events: range(2, 1) });
    await vi.waitFor(() => expect(seenFor(gateway)?.sequence).toBe(2));
  });

  it('says so on a gateway without audit.activity.list, and asks nothing', async () => {
    const socket = await connectLive((hello) => {
      const features = hello.payload.features as { methods: string[] };
      features.methods = features.methods.filter((m) => !m.startsWith('audit.'));
    });
    page = buildActivityPage();
    expect(page.state.get().unavailable).toEqual({
      reason: 'notOffered',
      method: 'audit.activity.list',
    });
    expect(sentCount(socket, 'audit.activity.list')).toBe(0);
  });

  it('reports a refused list in words and keeps what it had', async () => {
    const socket = await connectLive();
    page = buildActivityPage();
    await answerList(socket, 1, { events: range(2, 1) });
    await vi.waitFor(() => expect(shown()).toHaveLength(2));
    void page.reload();
    await vi.waitFor(() => expect(lists(socket)).toHaveLength(2));
    socket.receive({
      type: 'res',
      id: lists(socket)[1]!.id,
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'db busy' },
    });
    await vi.waitFor(() => expect(page!.state.get().error).toBe('db busy (UNAVAILABLE)'));
    expect(shown()).toEqual(['e2', 'e1']);
  });
});

describe('activity filters', () => {
  it('round-trip through the address and ignore odd values', () => {
    const filters = readFilters({
      status: 'blocked',
      agent: '  a&b=c ',
      limit: '9999',
      since: '2y',
    });
    expect(filters).toEqual({ status: 'blocked', agent: 'a&b=c' });
    expect(
      readFilters(Object.fromEntries(new URL(`http://x${activityHref(filters)}`).searchParams)),
    ).toEqual(filters);
    expect(filterParams({ since: '24h', kind: 'message' }, 100_000_000)).toEqual({
      limit: 50,
      kind: 'message',
      after: 100_000_000 - 86_400_000,
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { completeHandshake } from '../testing/handshake';
import { connect, disconnect } from './connection';
import {
  sessionFilter,
  sessionRows,
  SESSIONS_SHOWN_STEP,
  sessionTitle,
  showMoreSessions,
  shownSessions,
  visibleSessions,
} from './sessions';

type Rpc = { response: { payload: { sessions: Array<Record<string, unknown>> } } };
type Captured = Array<{
  dir: string;
  frame: { type: string; event?: string; payload?: Record<string, unknown> };
}>;

let unmount: () => void;
beforeEach(() => {
  useFakePlatform();
  unmount = visibleSessions.listen(() => {});
});
afterEach(() => {
  unmount();
  disconnect();
  sessionFilter.set({ search: '', agentId: '', channel: '', activeOnly: false, sort: 'updated' });
});

async function connectedWithList(list = fixture<Rpc>('rpc/sessions.list.json').response.payload) {
  connect({ url: 'ws://127.0.0.1:18789', token: 't', remember: false });
  const socket = FakeWebSocket.last();
  // The captured hello granted read+write; the list needs read, which is enough.
  await completeHandshake(socket);
  await vi.waitFor(() => socket.lastRequest('sessions.subscribe'));
  socket.receive({
    type: 'res',
    id: socket.lastRequest('sessions.subscribe').id,
    ok: true,
    payload: {},
  });
  await vi.waitFor(() => socket.lastRequest('sessions.list'));
  socket.receive({
    type: 'res',
    id: socket.lastRequest('sessions.list').id,
    ok: true,
    payload: list,
  });
  await vi.waitFor(() => expect(sessionRows.get().length).toBe(list.sessions.length));
  return socket;
}

describe('sessions store', () => {
  it('lists the real sessions.list answer and asks for derived titles and previews', async () => {
    const socket = await connectedWithList();
    expect(socket.lastRequest('sessions.list').params).toMatchObject({
      includeDerivedTitles: true,
      includeLastMessage: true,
    });
    expect(sessionRows.get().map((row) => row.key)).toContain('agent:main:browser-test');
  });

  it('applies sessions.changed events from a real run in place', async () => {
    const socket = await connectedWithList();
    const changed = fixture<Captured>('chat/01-chat-send-frames.json').filter(
      (f) => f.dir === 'in' && f.frame.event === 'sessions.changed',
    );
    for (const { frame } of changed) socket.receive(frame);
    const main = sessionRows.get().find((row) => row.key === 'agent:main:main');
    expect(main).toBeDefined();
    expect(sessionRows.get().filter((row) => row.key === 'agent:main:main')).toHaveLength(1);
  });

  it('searches, filters and sorts', async () => {
    await connectedWithList();
    sessionFilter.set({ ...sessionFilter.get(), search: 'BROWSER' });
    expect(visibleSessions.get().map((row) => row.key)).toEqual(['agent:main:browser-test']);
    sessionFilter.set({ ...sessionFilter.get(), search: '', sort: 'title' });
    const titles = visibleSessions.get().map(sessionTitle);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    sessionFilter.set({ ...sessionFilter.get(), activeOnly: true });
    expect(visibleSessions.get().every((row) => row.hasActiveRun)).toBe(true);
  });

  it('drops a deleted session', async () => {
    const socket = await connectedWithList();
    socket.receive({
      type: 'event',
      event: 'sessions.changed',
      payload: { sessionKey: 'agent:main:browser-test', reason: 'deleted' },
    });
    expect(sessionRows.get().some((row) => row.key === 'agent:main:browser-test')).toBe(false);
  });

  it('renders a long list a step at a time, and starts again from the top on a new search', async () => {
    const [real] = fixture<Rpc>('rpc/sessions.list.json').response.payload.sessions;
    const sessions = Array.from({ length: SESSIONS_SHOWN_STEP * 2 + 50 }, (_, i) => ({
      ...real,
      key: `agent:main:many-${i}`,
      label: `Many ${i}`,
      updatedAt: 1_000_000 - i,
    }));
    const off = shownSessions.listen(() => {});
    await connectedWithList({ sessions });
    expect(visibleSessions.get()).toHaveLength(sessions.length);
    expect(shownSessions.get().map((row) => row.key)).toEqual(
      sessions.slice(0, SESSIONS_SHOWN_STEP).map((row) => row.key),
    );
    showMoreSessions();
    showMoreSessions();
    expect(shownSessions.get()).toHaveLength(sessions.length);
    sessionFilter.set({ ...sessionFilter.get(), search: 'many' });
    expect(shownSessions.get()).toHaveLength(SESSIONS_SHOWN_STEP);
    off();
  });
});

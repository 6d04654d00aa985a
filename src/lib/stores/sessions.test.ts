import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { answer, connectLive, sentCount } from '../testing/live';
import { disconnect } from './connection';
import { deleteSession, renameSession, sessionRows, sessions, SESSIONS_LIMIT } from './sessions';

type Rpc = { response: { payload: { sessions: Array<Record<string, unknown>> } } };
type Captured = Array<{
  dir: string;
  frame: { type: string; event?: string; payload?: Record<string, unknown> };
}>;

const realList = () => fixture<Rpc>('rpc/sessions.list.json').response.payload;

beforeEach(() => {
  useFakePlatform();
  sessions.listen(() => {});
});
afterEach(() => {
  cleanStores(sessions);
  disconnect();
});

/** Connects, subscribes and answers `sessions.list` with the given list. */
async function connectedWithList(list: { sessions: Array<Record<string, unknown>> } = realList()) {
  const socket = await connectLive();
  await answer(socket, 'sessions.subscribe', { subscribed: true });
  await answer(socket, 'sessions.list', list);
  await vi.waitFor(() => expect(sessionRows.get()).toHaveLength(list.sessions.length));
  return socket;
}

const changed = (payload: Record<string, unknown>) => ({
  type: 'event',
  event: 'sessions.changed',
  payload,
});

describe('sessions collection', () => {
  it('lists the real sessions.list answer and asks for derived titles and previews', async () => {
    const socket = await connectedWithList();
    expect(socket.lastRequest('sessions.list').params).toMatchObject({
      includeDerivedTitles: true,
      includeLastMessage: true,
    });
    expect(sessionRows.get().map((row) => row.key)).toEqual([
      'agent:main:browser-test',
      'agent:main:main',
    ]);
  });

  it('merges the real sessions.changed events of a run into the row, keeping list-only fields', async () => {
    const list = realList();
    list.sessions = list.sessions.map((row) => ({ ...row, derivedTitle: `title of ${row.key}` }));
    const socket = await connectedWithList(list);
    const events = fixture<Captured>('chat/01-chat-send-frames.json').filter(
      (f) => f.dir === 'in' && f.frame.event === 'sessions.changed',
    );
    expect(events.length).toBeGreaterThan(2);
    for (const { frame } of events) socket.receive(frame);
    const main = sessions.get().value.get('agent:main:main');
    // The run's events carry the preview and the new time; the list's derived title stays.
    expect(main?.lastMessagePreview).toBe('ping one');
    const last = events.at(-1)?.frame.payload?.session as { updatedAt: number };
    expect(main?.updatedAt).toBe(last.updatedAt);
    expect(main?.derivedTitle).toBe('title of agent:main:main');
    expect(sessionRows.get()).toHaveLength(2);
  });

  it('puts a session it has not seen first, and ignores a payload whose session is another key', async () => {
    const socket = await connectedWithList();
    socket.receive(changed({ sessionKey: 'agent:main:new', session: { key: 'agent:main:new' } }));
    socket.receive(
      changed({ sessionKey: 'agent:main:x', session: { key: 'agent:main:main', label: 'hijack' } }),
    );
    expect(sessionRows.get().map((row) => row.key)).toEqual([
      'agent:main:new',
      'agent:main:browser-test',
      'agent:main:main',
    ]);
    expect(sessions.get().value.get('agent:main:main')?.label).not.toBe('hijack');
  });

  it('keeps a long list whole, and stays bounded as sessions are added by events', async () => {
    const [real] = realList().sessions;
    const many = Array.from({ length: SESSIONS_LIMIT + 10 }, (_, i) => ({
      ...real,
      key: `agent:main:s${i}`,
    }));
    const socket = await connectedWithList({ sessions: many });
    socket.receive(
      changed({ sessionKey: 'agent:main:fresh', session: { key: 'agent:main:fresh' } }),
    );
    const keys = sessionRows.get().map((row) => row.key);
    expect(keys).toHaveLength(SESSIONS_LIMIT + 10);
    expect(keys[0]).toBe('agent:main:fresh');
    expect(keys).not.toContain(`agent:main:s${SESSIONS_LIMIT + 9}`);
  });

  it('drops a deleted session', async () => {
    const socket = await connectedWithList();
    socket.receive(changed({ sessionKey: 'agent:main:browser-test', reason: 'deleted' }));
    expect(sessionRows.get().map((row) => row.key)).toEqual(['agent:main:main']);
  });

  it('keeps one row per key when the gateway repeats a key', async () => {
    const [first] = realList().sessions;
    await connectedWithList({ sessions: [first!, { ...first!, label: 'again' }] }).catch(() => {});
    expect(sessionRows.get()).toHaveLength(1);
    expect(sessionRows.get()[0]?.label).toBe('again');
  });

  it('re-reads the list after an action, and reports a refusal in words', async () => {
    const socket = await connectedWithList();
    const renamed = renameSession('agent:main:main', '  Ops  ');
    await answer(socket, 'sessions.patch', { ok: true });
    expect(socket.lastRequest('sessions.patch').params).toEqual({
      key: 'agent:main:main',
      label: 'Ops',
    });
    const list = realList();
    list.sessions[1] = { ...list.sessions[1], label: 'Ops' };
    await vi.waitFor(() => expect(sentCount(socket, 'sessions.list')).toBe(2));
    await answer(socket, 'sessions.list', list);
    expect(await renamed).toEqual({ ok: true });
    expect(sessions.get().value.get('agent:main:main')?.label).toBe('Ops');
    const deleted = deleteSession('agent:main:main');
    await answer(socket, 'sessions.delete', undefined, {
      code: 'INVALID_REQUEST',
      message: 'The main session cannot be deleted',
    });
    expect(await deleted).toEqual({
      ok: false,
      error: 'The main session cannot be deleted (INVALID_REQUEST)',
    });
  });
});

import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { answer, connectLive } from '../testing/live';
import { disconnect } from './connection';
import {
  sessionFilter,
  SESSIONS_SHOWN_STEP,
  showMoreSessions,
  shownSessions,
  visibleSessions,
} from './session-list';
import { sessionRows, sessions } from './sessions';

type Row = Record<string, unknown>;
const [real] = fixture<{ response: { payload: { sessions: Row[] } } }>('rpc/sessions.list.json')
  .response.payload.sessions;

const row = (key: string, extra: Row = {}): Row => ({ ...real, key, ...extra });

beforeEach(() => {
  useFakePlatform();
  shownSessions.listen(() => {});
});
afterEach(() => {
  cleanStores(shownSessions, visibleSessions, sessions);
  disconnect();
  sessionFilter.set({ search: '', agentId: '', channel: '', activeOnly: false, sort: 'updated' });
});

async function listed(rows: Row[]) {
  const socket = await connectLive();
  await answer(socket, 'sessions.list', { sessions: rows });
  await vi.waitFor(() =>
    expect(sessionRows.get().map((r) => r.key)).toEqual(rows.map((r) => r.key)),
  );
}

const keys = () => visibleSessions.get().map((r) => r.key);

describe('session list filters', () => {
  it('searches titles, keys, previews and models, case-insensitively', async () => {
    await listed([
      row('agent:main:a', { label: 'Billing bot' }),
      row('agent:main:b', { lastMessagePreview: 'the BILLING run failed' }),
      row('agent:main:c', { model: 'gpt-billing' }),
      row('agent:main:d', { label: 'Other' }),
    ]);
    sessionFilter.set({ ...sessionFilter.get(), search: '  billing ' });
    expect(keys().sort()).toEqual(['agent:main:a', 'agent:main:b', 'agent:main:c']);
  });

  it('shows only sessions with a run going when asked, and all again after', async () => {
    await listed([
      row('agent:main:idle', { hasActiveRun: false }),
      row('agent:main:busy', { hasActiveRun: true }),
      row('agent:main:unknown'),
    ]);
    sessionFilter.set({ ...sessionFilter.get(), activeOnly: true });
    expect(keys()).toEqual(['agent:main:busy']);
    sessionFilter.set({ ...sessionFilter.get(), activeOnly: false });
    expect(keys()).toHaveLength(3);
  });

  it('filters by agent and channel, and sorts by time, title and tokens', async () => {
    await listed([
      row('agent:ops:x', {
        agentId: 'ops',
        channel: 'slack',
        label: 'b',
        updatedAt: 1,
        totalTokens: 5,
      }),
      row('agent:main:y', {
        agentId: 'main',
        channel: 'web',
        label: 'a',
        updatedAt: 3,
        totalTokens: 1,
      }),
      row('agent:main:z', {
        agentId: 'main',
        channel: 'slack',
        label: 'c',
        updatedAt: 2,
        totalTokens: 9,
      }),
    ]);
    expect(keys()).toEqual(['agent:main:y', 'agent:main:z', 'agent:ops:x']);
    sessionFilter.set({ ...sessionFilter.get(), sort: 'title' });
    expect(keys()).toEqual(['agent:main:y', 'agent:ops:x', 'agent:main:z']);
    sessionFilter.set({ ...sessionFilter.get(), sort: 'tokens' });
    expect(keys()).toEqual(['agent:main:z', 'agent:ops:x', 'agent:main:y']);
    sessionFilter.set({ ...sessionFilter.get(), agentId: 'main', channel: 'slack' });
    expect(keys()).toEqual(['agent:main:z']);
  });

  it('renders a long list a step at a time, and starts again from the top on a new search', async () => {
    const many = Array.from({ length: SESSIONS_SHOWN_STEP * 2 + 50 }, (_, i) =>
      row(`agent:main:many-${i}`, { label: `Many ${i}`, updatedAt: 1_000_000 - i }),
    );
    await listed(many);
    expect(shownSessions.get().map((r) => r.key)).toEqual(
      many.slice(0, SESSIONS_SHOWN_STEP).map((r) => r.key),
    );
    showMoreSessions();
    expect(shownSessions.get()).toHaveLength(SESSIONS_SHOWN_STEP * 2);
    showMoreSessions();
    expect(shownSessions.get()).toHaveLength(many.length);
    sessionFilter.set({ ...sessionFilter.get(), search: 'many' });
    expect(shownSessions.get()).toHaveLength(SESSIONS_SHOWN_STEP);
  });
});

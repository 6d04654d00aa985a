import { cleanStores } from 'nanostores';
import { getTestStorage, useTestStorageEngine } from '@nanostores/persistent';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform } from '../testing/fake-platform';
import { answer, connectLive, serve } from '../testing/live';
import { disconnect } from './connection';
import { pausedHere, planStop, resumeEverything, stopAll, stopEverything } from './stop-all';

const ADMIN = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
};
const sent = (socket: FakeWebSocket, method: string) =>
  socket.sent.filter((frame) => frame.method === method).map((frame) => frame.params);

beforeEach(() => {
  useTestStorageEngine();
  useFakePlatform();
  pausedHere.listen(() => {});
});
afterEach(() => {
  cleanStores(pausedHere, stopAll);
  disconnect();
});

async function planned(socket: FakeWebSocket) {
  const plan = planStop();
  await answer(socket, 'cron.list', {
    jobs: [
      { id: 'j1', name: 'Nightly', enabled: true },
      { id: 'j2', name: 'Off already', enabled: false },
      { id: 'j3', name: 'Gateway review', enabled: true, declarationKey: 'review:main' },
    ],
    hasMore: false,
  });
  await answer(socket, 'sessions.list', {
    sessions: [
      { key: 'agent:main:a', hasActiveRun: true },
      { key: 'agent:main:b', hasActiveRun: false },
    ],
  });
  await answer(socket, 'tasks.list', {
    tasks: [
      { id: 't1', status: 'running' },
      { id: 't2', status: 'queued' },
      { id: 't3', status: 'completed' },
    ],
  });
  return (await plan)!;
}

describe('stop everything', () => {
  it('does what the plan says, says what the gateway refused, and remembers what it paused', async () => {
    const socket = await connectLive(ADMIN);
    const plan = await planned(socket);
    expect(plan).toEqual({
      heartbeats: true,
      jobs: [{ id: 'j1', name: 'Nightly' }],
      ownedJobs: ['Gateway review'],
      runs: [{ sessionKey: 'agent:main:a' }],
      tasks: ['t1', 't2'],
    });
    const offs = [
      serve(socket, 'cron.update', () => ({ ok: true })),
      serve(socket, 'set-heartbeats', () => ({ ok: true, enabled: false })),
      serve(socket, 'chat.abort', () => ({ ok: true, aborted: true })),
      serve(socket, 'system-event', () => ({ ok: true })),
      serve(socket, 'tasks.cancel', (p: { taskId: string }) =>
        p.taskId === 't1'
          ? { found: true, cancelled: true }
          : { found: true, cancelled: false, reason: 'already finishing' },
      ),
    ];
    await stopEverything(plan, 'Ana');
    offs.forEach((off) => off());
    expect(sent(socket, 'cron.update')).toEqual([{ id: 'j1', patch: { enabled: false } }]);
    expect(sent(socket, 'set-heartbeats')).toEqual([{ enabled: false }]);
    expect(sent(socket, 'chat.abort')).toEqual([{ sessionKey: 'agent:main:a' }]);
    expect(stopAll.get().stop).toMatchObject({
      tasksCancelled: ['t1'],
      tasksRefused: [{ id: 't2', reason: 'already finishing' }],
      heartbeats: 'paused',
    });
    expect(pausedHere.get()).toMatchObject({ heartbeats: true, jobs: [{ id: 'j1' }] });
    // Kept in localStorage under the gateway's address, so a reload still knows.
    const stored = Object.entries(getTestStorage()).find(([key]) =>
      key.startsWith('openclaw-console:paused:'),
    );
    expect(stored?.[0]).toBe('openclaw-console:paused:ws://127.0.0.1:18789');
    await vi.waitFor(() => expect(sent(socket, 'system-event')).toHaveLength(1));
    expect(sent(socket, 'system-event')[0]).toMatchObject({ reason: 'console-action' });
  });

  it('resume turns back on only what it paused, and keeps what failed', async () => {
    const socket = await connectLive(ADMIN);
    const plan = await planned(socket);
    const offs = [
      serve(socket, 'set-heartbeats', () => ({ ok: true })),
      serve(socket, 'chat.abort', () => ({ ok: true })),
      serve(socket, 'tasks.cancel', () => ({ cancelled: true })),
      serve(socket, 'system-event', () => ({ ok: true })),
    ];
    const updates = serve(socket, 'cron.update', () => ({ ok: true }));
    await stopEverything(plan, 'Ana');
    updates();
    const resumed = resumeEverything('Ana');
    await vi.waitFor(() => expect(sent(socket, 'cron.update')).toHaveLength(2));
    await answer(socket, 'cron.update', undefined, { code: 'NOT_FOUND', message: 'no such job' });
    await resumed;
    offs.forEach((off) => off());
    // Heartbeats back on; j2 (off before the stop) never touched.
    expect(sent(socket, 'set-heartbeats')).toEqual([{ enabled: false }, { enabled: true }]);
    expect(sent(socket, 'cron.update').map((p) => (p as { id: string }).id)).toEqual(['j1', 'j1']);
    expect(stopAll.get().resume).toMatchObject({ heartbeats: 'resumed', jobsResumed: [] });
    expect(pausedHere.get()).toEqual({
      at: expect.any(Number),
      heartbeats: false,
      jobs: [{ id: 'j1', name: 'Nightly' }],
    });
  });
});

import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive } from '../testing/live';
import { alertPrefs, enableNotifications } from './alert-prefs';
import { alertState, watchAlerts } from './alerts';
import { disconnect } from './connection';
import { markMine } from './my-runs';
import { router } from './router';
import { recentFailures, runs } from './run-map';
import { pageVisible } from './visibility';

/** A run of a session fails on the gateway (its first event is already the error). */
function fail(socket: FakeWebSocket, runId: string, message: string) {
  socket.receive({
    type: 'event',
    event: 'chat',
    payload: {
      runId,
      sessionKey: 'agent:main:main',
      seq: 1,
      state: 'error',
      errorMessage: message,
    },
  });
}

let stop: (() => void) | undefined;
let page: FakePage;
beforeEach(() => {
  page = useFakePlatform();
});
afterEach(() => {
  stop?.();
  stop = undefined;
  cleanStores(alertState, recentFailures, runs);
  disconnect();
  pageVisible.set(true);
});

describe('alerts', () => {
  it('badges the title and icon for a failure seen while hidden, and clears when shown', async () => {
    alertPrefs.setKey('badge', 'yes');
    stop = watchAlerts();
    const socket = await connectLive();
    expect(page.title).toBe('OpenClaw Console');

    pageVisible.set(false);
    fail(socket, 'r1', 'boom');
    expect(page.title).toBe('(1) OpenClaw Console');
    expect(page.icon).toMatch(/^data:image\/svg\+xml,.*cf222e/);

    pageVisible.set(true);
    expect(page.title).toBe('OpenClaw Console');
    expect(page.icon).toBe('/favicon.svg');
  });

  it('leaves the title alone when this display turned the badge off', async () => {
    alertPrefs.setKey('badge', '');
    stop = watchAlerts();
    const socket = await connectLive();
    pageVisible.set(false);
    fail(socket, 'r2', 'boom');
    expect(alertState.get().latestFailure?.runId).toBe('r2');
    expect(page.title).toBe('OpenClaw Console');
  });

  it('notifies a failure once, by kind, only on a display that turned notifications on', async () => {
    alertPrefs.setKey('notify', '');
    stop = watchAlerts();
    const socket = await connectLive();
    fail(socket, 'r3', 'quiet');
    expect(page.notifications).toEqual([]);
    alertPrefs.setKey('notify', 'yes');
    fail(socket, 'r4', 'model refused');
    expect(page.notifications).toEqual([
      { title: 'A run failed', body: 'agent:main:main: model refused', tag: 'A run failed' },
    ]);
    alertPrefs.setKey('notify', '');
  });

  it('tells the sender when a run this page started ends while the page is hidden, and opens it', async () => {
    alertPrefs.setKey('notify', 'yes');
    stop = watchAlerts();
    const socket = await connectLive();
    const chat = (runId: string, seq: number, state: string) =>
      socket.receive({
        type: 'event',
        event: 'chat',
        payload: { runId, sessionKey: 'agent:main:mine', seq, state, message: { content: 'x' } },
      });
    markMine('mine-1');
    markMine('mine-2');
    chat('mine-1', 1, 'delta');
    chat('other', 1, 'delta');
    chat('mine-2', 1, 'delta');
    chat('mine-2', 2, 'final'); // ended while shown: nothing to tell
    await Promise.resolve();
    pageVisible.set(false);
    chat('other', 2, 'final'); // not started here
    chat('mine-1', 2, 'final');
    await vi.waitFor(() => expect(page.notifications).toHaveLength(1));
    expect(page.notifications[0]).toMatchObject({
      title: 'Your run finished',
      body: 'agent:main:mine',
    });
    page.notifications[0]!.onClick!();
    expect(router.get()?.params).toEqual({ key: 'agent:main:mine' });
    alertPrefs.setKey('notify', '');
  });

  it('turns notifications on only when the browser grants them', async () => {
    page.permission = 'denied';
    expect(await enableNotifications()).toBe('denied');
    expect(alertPrefs.get().notify).toBe('');
    page.permission = 'granted';
    expect(await enableNotifications()).toBe('granted');
    expect(alertPrefs.get().notify).toBe('yes');
    alertPrefs.setKey('notify', '');
  });
});

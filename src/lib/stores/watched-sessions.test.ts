import {
  cleanTestStorage,
  getTestStorage,
  setTestStorageKey,
  useTestStorageEngine,
} from '@nanostores/persistent';
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive } from '../testing/live';
import { alertPrefs } from './alert-prefs';
import { alertState, watchAlerts } from './alerts';
import { disconnect } from './connection';
import { markMine } from './my-runs';
import { router } from './router';
import { recentFailures, runs } from './run-map';
import { pageVisible } from './visibility';
import {
  MAX_WATCHED,
  setWatched,
  watchedHere,
  watchedSessions,
  watching,
  watchKey,
} from './watched-sessions';

const URL = 'ws://127.0.0.1:18789';
const WATCHED = 'agent:main:watched';

/** A run's `chat` event, as another client's run reaches every operator. */
function chat(
  socket: FakeWebSocket,
  runId: string,
  seq: number,
  state: string,
  sessionKey = WATCHED,
) {
  socket.receive({
    type: 'event',
    event: 'chat',
    payload: {
      runId,
      sessionKey,
      seq,
      state,
      message: { content: 'x' },
      ...(state === 'error' && { errorMessage: 'model refused' }),
    },
  });
}

let stop: (() => void) | undefined;
let page: FakePage;
beforeEach(() => {
  useTestStorageEngine();
  page = useFakePlatform();
  alertPrefs.setKey('notify', 'yes');
});
afterEach(() => {
  stop?.();
  stop = undefined;
  cleanStores(alertState, recentFailures, runs, watchedSessions);
  cleanTestStorage();
  disconnect();
  pageVisible.set(true);
  alertPrefs.setKey('notify', '');
});

describe('sessions I watch', () => {
  it('tells when another client’s run in a watched session finishes while hidden; a click opens it', async () => {
    stop = watchAlerts();
    const socket = await connectLive();
    setWatched(WATCHED, true);
    chat(socket, 'theirs', 1, 'delta');
    chat(socket, 'elsewhere', 1, 'delta', 'agent:main:other');
    pageVisible.set(false);
    chat(socket, 'elsewhere', 2, 'final', 'agent:main:other'); // not watched
    chat(socket, 'theirs', 2, 'final');
    await vi.waitFor(() => expect(page.notifications).toHaveLength(1));
    expect(page.notifications[0]).toMatchObject({
      title: 'A run finished in a session you watch',
      body: WATCHED,
    });
    page.notifications[0]!.onClick!();
    expect(router.get()?.params).toEqual({ key: WATCHED });
  });

  it('says nothing while the page is shown, or when this display turned notifications off', async () => {
    stop = watchAlerts();
    const socket = await connectLive();
    setWatched(WATCHED, true);
    chat(socket, 'r1', 1, 'delta');
    chat(socket, 'r1', 2, 'final'); // shown
    alertPrefs.setKey('notify', '');
    pageVisible.set(false);
    chat(socket, 'r2', 1, 'delta');
    chat(socket, 'r2', 2, 'final'); // notifications off
    await Promise.resolve();
    expect(page.notifications).toEqual([]);
  });

  it('tells a failure once, as the watched session’s (not also as the general one)', async () => {
    stop = watchAlerts();
    const socket = await connectLive();
    setWatched(WATCHED, true);
    pageVisible.set(false);
    chat(socket, 'r3', 1, 'error');
    await vi.waitFor(() => expect(page.notifications).toHaveLength(1));
    expect(page.notifications[0]).toMatchObject({
      title: 'A run failed in a session you watch',
      body: `${WATCHED}: model refused`,
    });
    // Unwatched, the general notice tells it again.
    setWatched(WATCHED, false);
    chat(socket, 'r4', 1, 'error');
    await vi.waitFor(() => expect(page.notifications).toHaveLength(2));
    expect(page.notifications[1]!.title).toBe('A run failed');
  });

  it('leaves a run this page started to the “your run” notice, and ignores runs that ended earlier', async () => {
    stop = watchAlerts();
    const socket = await connectLive();
    setWatched(WATCHED, true);
    markMine('mine');
    chat(socket, 'mine', 1, 'delta');
    chat(socket, 'old', 1, 'delta');
    chat(socket, 'old', 2, 'final');
    pageVisible.set(false);
    chat(socket, 'old', 3, 'final'); // a late echo of an ended run
    chat(socket, 'mine', 2, 'final');
    await vi.waitFor(() => expect(page.notifications).toHaveLength(1));
    expect(page.notifications[0]!.title).toBe('Your run finished');
  });

  it('keys by gateway and session, keeps the newest few, and survives a broken store', async () => {
    await connectLive();
    const on = watching(WATCHED);
    const seen: boolean[] = [];
    const off = on.subscribe((value) => seen.push(value));
    setWatched(WATCHED, true);
    expect(seen).toEqual([false, true]);
    expect(watchedHere(WATCHED)).toBe(true);
    expect(watchedSessions.get()).toEqual([watchKey(URL, WATCHED)]);
    expect(getTestStorage()['openclaw-console:watched-sessions']).toBe(
      JSON.stringify([watchKey(URL, WATCHED)]),
    );
    for (let i = 0; i < MAX_WATCHED; i += 1) setWatched(`agent:main:s${i}`, true);
    expect(watchedSessions.get()).toHaveLength(MAX_WATCHED);
    expect(watchedHere(WATCHED)).toBe(false); // the oldest went
    expect(watchedHere('agent:main:s0')).toBe(true);
    setWatched('agent:main:s0', false);
    expect(watchedHere('agent:main:s0')).toBe(false);
    setWatched('x'.repeat(600), true);
    expect(watchedSessions.get()).toHaveLength(MAX_WATCHED - 1);
    off();
    setTestStorageKey('openclaw-console:watched-sessions', '{not json');
    expect(watchedSessions.get()).toEqual([]);
    setTestStorageKey('openclaw-console:watched-sessions', JSON.stringify(['a', 3, null]));
    expect(watchedSessions.get()).toEqual(['a']);
    const many = Array.from({ length: MAX_WATCHED + 50 }, (_, i) => `k${i}`);
    setTestStorageKey('openclaw-console:watched-sessions', JSON.stringify(many));
    expect(watchedSessions.get()).toEqual(many.slice(-MAX_WATCHED));
  });
});

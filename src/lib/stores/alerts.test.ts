// @vitest-environment jsdom
import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive } from '../testing/live';
import { alertPrefs, alertState, watchAlerts } from './alerts';
import { disconnect } from './connection';
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
beforeEach(() => useFakePlatform());
afterEach(() => {
  stop?.();
  stop = undefined;
  cleanStores(alertState, recentFailures, runs);
  disconnect();
  pageVisible.set(true);
});

describe('alerts', () => {
  it('badges the title and icon for a failure seen while hidden, and clears when shown', async () => {
    document.head.innerHTML = '<link rel="icon" href="/favicon.svg">';
    alertPrefs.setKey('badge', 'yes');
    stop = watchAlerts();
    const socket = await connectLive();
    expect(document.title).toBe('OpenClaw Console');

    pageVisible.set(false);
    fail(socket, 'r1', 'boom');
    expect(document.title).toBe('(1) OpenClaw Console');
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toMatch(
      /^data:image\/svg\+xml,.*cf222e/,
    );

    pageVisible.set(true);
    expect(document.title).toBe('OpenClaw Console');
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/favicon.svg');
  });

  it('leaves the title alone when this display turned the badge off', async () => {
    alertPrefs.setKey('badge', '');
    stop = watchAlerts();
    const socket = await connectLive();
    pageVisible.set(false);
    fail(socket, 'r2', 'boom');
    expect(alertState.get().latestFailure?.runId).toBe('r2');
    expect(document.title).toBe('OpenClaw Console');
  });
});

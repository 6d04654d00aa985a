import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform, type FakePage } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive, serve, sentCount } from '../testing/live';
import { alertPrefs } from './alert-prefs';
import { attention } from './attention';
import { channelAccounts } from './channel-accounts';
import { channelAlarms } from './channel-alarm';
import { channelRestarts } from './channel-restart';
import { channelWatchPrefs, watchChannels } from './channel-watchdog';
import { disconnect } from './connection';

const ADMIN = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
};
const status = (running: boolean) => ({
  channelOrder: ['telegram'],
  channelLabels: { telegram: 'Telegram' },
  channelAccounts: {
    telegram: [
      {
        accountId: 'default',
        enabled: true,
        configured: true,
        running,
        connected: running,
        lastStartAt: 1_000,
        lastStopAt: running ? null : Date.now() - 5_000,
      },
    ],
  },
});
/** Answers every channels.status with the current `running` (the gateway's truth in the test). */
function gatewayWith(socket: FakeWebSocket) {
  const truth = { running: true };
  const offs = [
    serve(socket, 'channels.status', () => status(truth.running)),
    serve(socket, 'system-event', () => ({ ok: true })),
    serve(socket, 'channels.stop', () => {
      truth.running = false;
      return { stopped: true };
    }),
    serve(socket, 'channels.start', () => {
      truth.running = true;
      return { started: true };
    }),
  ];
  return { truth, off: () => offs.forEach((off) => off()) };
}

/** A `health` event: the accounts are re-read (the fake connection has no ticks to outlive a poll). */
const health = (socket: FakeWebSocket) =>
  socket.receive({ type: 'event', event: 'health', payload: { ok: true, ts: Date.now() } });
/** Lets the wall clock jump without running timers (the fake gateway sends no ticks). */
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

let stop: (() => void) | undefined;
let page: FakePage;
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  page = useFakePlatform();
  alertPrefs.setKey('notify', 'yes');
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
  channelWatchPrefs.set({ quietMinutes: '', autoRestart: '' });
  alertPrefs.setKey('notify', '');
  cleanStores(channelAccounts, channelRestarts, attention);
  disconnect();
});

describe('the channel watchdog', () => {
  it('alarms when an account goes down, notifies once, lists it for attention, and clears when back', async () => {
    const socket = await connectLive(ADMIN);
    const gateway = gatewayWith(socket);
    stop = watchChannels();
    attention.listen(() => {});
    await vi.waitFor(() => expect(channelAccounts.get().loaded).toBe(true));
    expect(channelAlarms.get()).toEqual([]);
    gateway.truth.running = false; // stopped by someone else; no event says so
    health(socket);
    await vi.waitFor(() => expect(channelAlarms.get()).toMatchObject([{ reason: 'down' }]));
    expect(attention.get()).toMatchObject([{ kind: 'channelWatch', names: ['Telegram/default'] }]);
    health(socket);
    expect(page.notifications.map((n) => n.title)).toEqual(['A channel account is down']);
    // Not restarted behind the operator's back: automatic restarts are off by default.
    expect(sentCount(socket, 'channels.stop')).toBe(0);
    gateway.truth.running = true;
    health(socket);
    await vi.waitFor(() => expect(channelAlarms.get()).toEqual([]));
    expect(attention.get()).toEqual([]);
    gateway.off();
  });

  it('leaves the notification of a channel the health snapshot names as down to the alert watcher', async () => {
    const socket = await connectLive(ADMIN);
    const gateway = gatewayWith(socket);
    stop = watchChannels();
    await vi.waitFor(() => expect(channelAccounts.get().loaded).toBe(true));
    gateway.truth.running = false;
    socket.receive({
      type: 'event',
      event: 'health',
      payload: { ok: true, ts: Date.now(), channels: { telegram: { ok: false } } },
    });
    await vi.waitFor(() => expect(channelAlarms.get()).toMatchObject([{ reason: 'down' }]));
    expect(page.notifications).toEqual([]);
    gateway.off();
  });

  it('restarts a down account on its own only when enabled, at most once per 10 minutes', async () => {
    channelWatchPrefs.setKey('autoRestart', 'yes');
    const socket = await connectLive(ADMIN);
    const gateway = gatewayWith(socket);
    stop = watchChannels();
    await vi.waitFor(() => expect(channelAccounts.get().loaded).toBe(true));
    gateway.truth.running = false;
    health(socket);
    await vi.waitFor(() => expect(sentCount(socket, 'channels.start')).toBe(1));
    await vi.waitFor(() => expect(socket.lastRequest('system-event')).toBeTruthy());
    expect((socket.lastRequest('system-event').params as { text: string }).text).toMatch(
      /automatically, by their channel watchdog/,
    );
    // Down again at once: the watchdog alarms but waits out the gap before acting again.
    gateway.truth.running = false;
    health(socket);
    await vi.waitFor(() => expect(channelAlarms.get()).toMatchObject([{ reason: 'down' }]));
    expect(sentCount(socket, 'channels.stop')).toBe(1);
    later(10 * 60_000);
    health(socket);
    await vi.waitFor(() => expect(sentCount(socket, 'channels.stop')).toBe(2));
    gateway.off();
  });

  it('alarms on an account quiet for longer than this display allows', async () => {
    const socket = await connectLive(ADMIN);
    const gateway = gatewayWith(socket);
    serve(socket, 'audit.activity.list', () => ({ events: [] }));
    stop = watchChannels();
    await vi.waitFor(() => expect(channelAccounts.get().loaded).toBe(true));
    channelWatchPrefs.setKey('quietMinutes', '5');
    await vi.waitFor(() => expect(sentCount(socket, 'audit.activity.list')).toBe(1));
    later(4 * 60_000);
    health(socket);
    await vi.waitFor(() => expect(sentCount(socket, 'channels.status')).toBe(2));
    expect(channelAlarms.get()).toEqual([]);
    later(2 * 60_000);
    health(socket);
    await vi.waitFor(() => expect(channelAlarms.get()).toMatchObject([{ reason: 'quiet' }]));
    expect(sentCount(socket, 'audit.activity.list')).toBeGreaterThan(0);
    gateway.off();
  });
});

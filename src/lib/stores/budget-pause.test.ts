import { cleanStores } from 'nanostores';
import { cleanTestStorage, useTestStorageEngine } from '@nanostores/persistent';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { connectLive, serve } from '../testing/live';
import { budgets } from './budget';
import type { PeriodLevel } from './budget-levels';
import { pauseAtLimit, periodKey } from './budget-pause';
import { connectionState, disconnect } from './connection';
import { pausedHere, stopAll } from './stop-all';

const ADMIN = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
};
const sent = (socket: FakeWebSocket, method: string) =>
  socket.sent.filter((frame) => frame.method === method).map((frame) => frame.params);
const level = (percent: number, period: PeriodLevel['period'] = 'daily'): PeriodLevel => ({
  period,
  limit: 1,
  spent: percent / 100,
  percent,
  reached: percent >= 100 ? 100 : 80,
});
// Noon on 2026-12-02, local time.
const NOW = new Date(2026, 11, 2, 12).getTime();

let stops: (() => void)[] = [];
/** A live admin connection whose gateway answers the pause's requests. */
async function live(): Promise<FakeWebSocket> {
  const socket = await connectLive(ADMIN);
  stops = [
    serve(socket, 'cron.list', () => ({
      jobs: [
        { id: 'j1', name: 'Nightly', enabled: true },
        { id: 'j2', name: 'Off already', enabled: false },
      ],
      hasMore: false,
    })),
    serve(socket, 'cron.update', () => ({ ok: true })),
    serve(socket, 'set-heartbeats', () => ({ ok: true })),
    serve(socket, 'system-event', () => ({ ok: true })),
  ];
  return socket;
}
const optIn = (pauseAtLimit: boolean) =>
  budgets.set({
    [connectionState.get().url]: {
      daily: 1,
      thresholds: [100],
      ...(pauseAtLimit && { pauseAtLimit: true }),
    },
  });

beforeEach(() => {
  useTestStorageEngine();
  useFakePlatform();
  pausedHere.listen(() => {});
});
afterEach(() => {
  stops.forEach((stop) => stop());
  cleanStores(pausedHere, stopAll, budgets);
  cleanTestStorage();
  disconnect();
});

describe('the pause at a budget limit', () => {
  it('pauses heartbeats and the enabled jobs once the limit is reached, remembered for resume, and announced', async () => {
    const socket = await live();
    optIn(true);
    const url = connectionState.get().url;
    expect(await pauseAtLimit(level(99.9), url, NOW)).toEqual({ paused: false, reason: 'below' });
    expect(sent(socket, 'cron.update')).toEqual([]);

    expect(await pauseAtLimit(level(120), url, NOW)).toEqual({
      paused: true,
      jobs: 1,
      heartbeats: true,
    });
    expect(sent(socket, 'cron.update')).toEqual([{ id: 'j1', patch: { enabled: false } }]);
    expect(sent(socket, 'set-heartbeats')).toEqual([{ enabled: false }]);
    expect(sent(socket, 'chat.abort')).toEqual([]);
    expect(pausedHere.get()).toMatchObject({ heartbeats: true, jobs: [{ id: 'j1' }] });
    expect(JSON.stringify(sent(socket, 'system-event'))).toContain('spend budget was reached');
  });

  it('pauses at most once per period: later the same day nothing, the next day again', async () => {
    const socket = await live();
    optIn(true);
    const url = connectionState.get().url;
    await pauseAtLimit(level(100), url, NOW);
    expect(await pauseAtLimit(level(150), url, NOW + 3_600_000)).toEqual({
      paused: false,
      reason: 'done',
    });
    expect(sent(socket, 'set-heartbeats')).toHaveLength(1);
    expect((await pauseAtLimit(level(100), url, NOW + 24 * 3_600_000)).paused).toBe(true);
    expect(sent(socket, 'set-heartbeats')).toHaveLength(2);
  });

  it('does nothing where the operator did not opt in', async () => {
    const socket = await live();
    optIn(false);
    expect(await pauseAtLimit(level(200), connectionState.get().url, NOW)).toEqual({
      paused: false,
      reason: 'not-opted',
    });
    expect(sent(socket, 'cron.list')).toEqual([]);
  });
});

describe('budget periods', () => {
  it('are the local day for a daily budget and the local month for a monthly one', () => {
    expect(periodKey('ws://g', 'daily', NOW)).toBe('ws://g|daily|2026-12-02');
    expect(periodKey('ws://g', 'monthly', NOW)).toBe('ws://g|monthly|2026-12');
    expect(periodKey('ws://g', 'daily', new Date(2026, 11, 3, 0, 5).getTime())).toBe(
      'ws://g|daily|2026-12-03',
    );
  });
});

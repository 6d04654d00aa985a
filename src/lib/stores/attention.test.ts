import { cleanStores } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { answer, connectLive } from '../testing/live';
import { attention, failuresSince, FAILURE_WINDOW_MS } from './attention';
import { budgetBadge } from './budget-badge';
import { channelAlarms } from './channel-alarm';
import { disconnect } from './connection';
import type { RunView } from './runs';

afterEach(() => {
  cleanStores(attention);
  budgetBadge.set(undefined);
  channelAlarms.set([]);
  disconnect();
});

const event = (name: string, payload: unknown) => ({ type: 'event', event: name, payload });
const kinds = () => attention.get().map((item) => item.kind);

/** Connects as an admin to a gateway with nothing waiting (empty approval and pairing lists). */
async function live(): Promise<FakeWebSocket> {
  useFakePlatform();
  const socket = await connectLive((hello) => {
    const auth = (hello.payload as unknown as { auth: { scopes: string[] } }).auth;
    auth.scopes = ['operator.admin', 'operator.approvals', 'operator.questions'];
  });
  await answer(socket, 'device.pair.list', { pending: [], paired: [] });
  await answer(socket, 'exec.approval.list', []);
  return socket;
}

describe('what needs attention', () => {
  it('names the watchdog’s accounts, except a down one the health snapshot already names', async () => {
    const off = attention.listen(() => {});
    const socket = await live();
    const alarm = { label: 'Telegram', accountId: 'default', since: 1 };
    channelAlarms.set([
      { ...alarm, key: 'telegram/default', channel: 'telegram', reason: 'down' },
      {
        ...alarm,
        key: 'slack/work',
        channel: 'slack',
        label: 'Slack',
        accountId: 'work',
        reason: 'quiet',
      },
    ]);
    expect(attention.get()).toMatchObject([
      {
        kind: 'channelWatch',
        count: 2,
        names: ['Telegram/default', 'Slack/work'],
        href: '#channels-heading',
      },
    ]);
    socket.receive(
      event('health', { ok: true, ts: Date.now(), channels: { telegram: { ok: false } } }),
    );
    expect(attention.get()).toMatchObject([
      { kind: 'channelsDown', names: ['telegram'] },
      { kind: 'channelWatch', count: 1, names: ['Slack/work'] },
    ]);
    off();
  });

  it('is nothing on a healthy, quiet gateway', async () => {
    const off = attention.listen(() => {});
    await live();
    expect(attention.get()).toEqual([]);
    off();
  });

  it('lists an unhealthy gateway, a waiting approval, a channel down, a pairing request, a spent budget and a failed run, most urgent first', async () => {
    const off = attention.listen(() => {});
    const socket = await live();
    budgetBadge.set({ percent: 120, reached: 100 });
    socket.receive(
      event('chat', {
        runId: 'r1',
        sessionKey: 'agent:main:main',
        seq: 1,
        state: 'error',
        errorMessage: 'model refused',
      }),
    );
    socket.receive(event('device.pair.requested', {}));
    await answer(socket, 'device.pair.list', { pending: [{ requestId: 'd1' }], paired: [] });
    socket.receive(
      event('exec.approval.requested', {
        id: 'a1',
        request: { command: 'ls', sessionKey: 'agent:main:main' },
        createdAtMs: Date.now(),
        expiresAtMs: Date.now() + 60_000,
      }),
    );
    socket.receive(
      event('health', {
        ok: false,
        ts: Date.now(),
        channels: { telegram: { ok: false }, slack: { ok: true } },
        channelLabels: { telegram: 'Telegram \u202Eevil' },
      }),
    );
    await vi.waitFor(() =>
      expect(kinds()).toEqual([
        'unhealthy',
        'approvals',
        'channelsDown',
        'pairing',
        'budgetOver',
        'failures',
      ]),
    );
    const byKind = new Map(attention.get().map((item) => [item.kind, item]));
    expect(byKind.get('approvals')).toMatchObject({ count: 1, href: '/approvals' });
    expect(byKind.get('channelsDown')).toMatchObject({ count: 1, names: ['Telegram \u202Eevil'] });
    expect(byKind.get('pairing')).toMatchObject({ count: 1, href: '#devices-heading' });
    expect(byKind.get('failures')).toMatchObject({ count: 1, href: '/activity?status=failed' });
    off();
  });

  it('names a spent budget even while offline, as over the limit once it passes 100 %', () => {
    const off = attention.listen(() => {});
    budgetBadge.set({ percent: 82.6, reached: 80 });
    expect(attention.get()).toEqual([{ kind: 'budgetWarning', count: 82, href: '/usage' }]);
    budgetBadge.set({ percent: 104.2, reached: 100 });
    expect(attention.get()).toEqual([{ kind: 'budgetOver', count: 104, href: '/usage' }]);
    off();
  });

  it('keeps the same list while nothing changes, so a clock tick re-renders nothing', () => {
    const off = attention.listen(() => {});
    budgetBadge.set({ percent: 90, reached: 80 });
    const first = attention.get();
    budgetBadge.set({ percent: 90.4, reached: 80 });
    expect(attention.get()).toBe(first);
    off();
  });
});

describe('failed runs worth attention', () => {
  const failed = (endedAt: number | undefined) =>
    ({ runId: String(endedAt), state: 'error', endedAt }) as RunView;

  it('counts only failures that ended within the last hour', () => {
    const now = 10 * FAILURE_WINDOW_MS;
    const runs = [
      failed(now - 1_000),
      failed(now - FAILURE_WINDOW_MS),
      failed(now - FAILURE_WINDOW_MS - 1),
      failed(undefined),
    ];
    expect(failuresSince(runs, now)).toBe(2);
  });
});

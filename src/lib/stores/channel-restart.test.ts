import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { answer, connectLive, serve } from '../testing/live';
import { channelAccounts, readChannelAccounts } from './channel-accounts';
import { channelRestarts, restartChannel } from './channel-restart';
import { disconnect } from './connection';

const ADMIN = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
};
// channels.status of the 2026.9.6 gateway running Telegram against the harness stub (measured,
// trimmed to what is read).
const account = (extra: Record<string, unknown>) => ({
  accountId: 'default',
  enabled: true,
  configured: true,
  lastStartAt: 1796195418683,
  lastStopAt: null,
  lifecycle: 'ready',
  lastInboundAt: null,
  running: true,
  connected: true,
  lastError: null,
  ...extra,
});
const status = (extra: Record<string, unknown> = {}) => ({
  channelOrder: ['telegram'],
  channelLabels: { telegram: 'Telegram' },
  channels: { telegram: { configured: true, running: true } },
  channelAccounts: { telegram: [account(extra)] },
  channelDefaultAccountId: { telegram: 'default' },
});
const TELEGRAM = { key: 'telegram/default', channel: 'telegram', accountId: 'default' };

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  useFakePlatform();
  channelAccounts.listen(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  cleanStores(channelAccounts, channelRestarts);
  disconnect();
});

describe('reading channels.status', () => {
  it('names each account with its state, in the gateway order', () => {
    expect(readChannelAccounts(status())).toMatchObject([
      { key: 'telegram/default', label: 'Telegram', state: 'up', lastStartAt: 1796195418683 },
    ]);
    const stopped = status({ running: false, connected: false, lifecycle: 'stopped' });
    expect(readChannelAccounts(stopped)[0]!.state).toBe('down');
    const starting = status({ connected: false, lifecycle: 'starting' });
    expect(readChannelAccounts(starting)[0]!.state).toBe('starting');
    const failing = status({ connected: false, lifecycle: 'starting', lastError: '401' });
    expect(readChannelAccounts(failing)[0]!.state).toBe('down');
    expect(readChannelAccounts(status({ enabled: false }))[0]!.state).toBe('off');
  });

  it('survives odd replies: no prototype channels, one row per account, summary as fallback', () => {
    expect(readChannelAccounts('x')).toEqual([]);
    const odd = {
      channelOrder: ['__proto__', 'slack', 7],
      channels: { slack: { running: false } },
      channelAccounts: { telegram: [account({}), account({}), 'junk'] },
    };
    const rows = readChannelAccounts(odd);
    expect(rows.map((r) => `${r.key}:${r.state}`)).toEqual([
      'slack/default:down',
      'telegram/default:up',
    ]);
  });
});

describe('restarting an account', () => {
  it('stops, starts, re-reads until settled and announces who did it', async () => {
    const socket = await connectLive(ADMIN);
    await answer(socket, 'channels.status', status());
    const restarted = restartChannel(TELEGRAM, 'Ana');
    expect(channelRestarts.get()[TELEGRAM.key]?.step).toBe('stopping');
    await answer(socket, 'channels.stop', {
      channel: 'telegram',
      accountId: 'default',
      stopped: true,
    });
    expect(socket.lastRequest('channels.stop').params).toEqual({
      channel: 'telegram',
      accountId: 'default',
    });
    await answer(socket, 'channels.start', { started: true, outcome: { status: 'handed-off' } });
    await vi.waitFor(() => expect(channelRestarts.get()[TELEGRAM.key]?.step).toBe('checking'));
    expect(socket.lastRequest('system-event').params).toMatchObject({
      text: 'Ana restarted a channel account: telegram account "default"',
    });
    // Still starting: it asks again after a pause, and reports the settled state.
    await answer(socket, 'channels.status', status({ connected: false, lifecycle: 'starting' }));
    const asked = socket.sent.filter((f) => f.method === 'channels.status').length;
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() =>
      expect(socket.sent.filter((f) => f.method === 'channels.status').length).toBe(asked + 1),
    );
    await answer(socket, 'channels.status', status());
    await expect(restarted).resolves.toBe(true);
    expect(channelRestarts.get()[TELEGRAM.key]).toMatchObject({ step: 'done', outcome: 'up' });
  });

  it('starts nothing when the stop fails, and says so', async () => {
    const socket = await connectLive(ADMIN);
    const restarted = restartChannel(TELEGRAM, 'Ana');
    await answer(socket, 'channels.stop', null, {
      code: 'INVALID_REQUEST',
      message: 'no such account',
    });
    await expect(restarted).resolves.toBe(false);
    expect(socket.sent.some((f) => f.method === 'channels.start')).toBe(false);
    expect(channelRestarts.get()[TELEGRAM.key]).toMatchObject({
      step: 'failed',
      error: expect.stringContaining('no such account'),
    });
    expect(socket.sent.some((f) => f.method === 'system-event')).toBe(false);
  });

  it('says the account is left stopped when the start fails, and tells the others', async () => {
    const socket = await connectLive(ADMIN);
    const restarted = restartChannel(TELEGRAM, 'Ana');
    await answer(socket, 'channels.stop', { stopped: true });
    await answer(socket, 'channels.start', null, { code: 'UNAVAILABLE', message: 'plugin gone' });
    await expect(restarted).resolves.toBe(false);
    expect(channelRestarts.get()[TELEGRAM.key]).toMatchObject({
      step: 'failed',
      leftStopped: true,
    });
    await vi.waitFor(() =>
      expect(socket.lastRequest('system-event').params).toMatchObject({
        text: expect.stringContaining('did not start again'),
      }),
    );
  });

  it('runs one restart per account at a time', async () => {
    const socket = await connectLive(ADMIN);
    const stop = serve(socket, 'system-event', () => ({ ok: true }));
    void restartChannel(TELEGRAM, 'Ana');
    await expect(restartChannel(TELEGRAM, 'Ana')).resolves.toBe(false);
    await vi.waitFor(() => socket.lastRequest('channels.stop'));
    expect(socket.sent.filter((f) => f.method === 'channels.stop')).toHaveLength(1);
    stop();
  });
});

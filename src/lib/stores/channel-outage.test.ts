import { describe, expect, it } from 'vitest';
import type { ChannelAccount } from './channel-accounts';
import {
  AUTO_RESTART_GAP_MS,
  findAlarms,
  mayAutoRestart,
  observe,
  outageTimeline,
  type TimelineEntry,
} from './channel-outage';

const account = (extra: Partial<ChannelAccount> = {}): ChannelAccount => ({
  key: 'telegram/default',
  channel: 'telegram',
  accountId: 'default',
  label: 'Telegram',
  state: 'up',
  lastStartAt: 1_000,
  ...extra,
});
const none = new Map<string, TimelineEntry[]>();

describe('sightings', () => {
  it('records down and back up, not "starting", and a first reading only when down', () => {
    let seen = observe(none, new Map(), [account()], 10);
    expect(seen.size).toBe(0);
    seen = observe(seen, new Map([['telegram/default', 'up']]), [account({ state: 'down' })], 20);
    seen = observe(
      seen,
      new Map([['telegram/default', 'down']]),
      [account({ state: 'starting' })],
      30,
    );
    seen = observe(seen, new Map([['telegram/default', 'down']]), [account()], 40);
    expect(seen.get('telegram/default')).toEqual([
      { at: 20, what: 'down', source: 'console' },
      { at: 40, what: 'up', source: 'console' },
    ]);
    expect(
      observe(none, new Map(), [account({ state: 'down' })], 5).get('telegram/default'),
    ).toEqual([{ at: 5, what: 'down', source: 'console' }]);
  });
});

describe('alarms', () => {
  const base = { now: 100 * 60_000, quietMs: 0, watchingSince: 0 };
  it('raises one for a down account, dated by the gateway’s own stop time', () => {
    const down = account({ state: 'down', lastStopAt: 5_000 });
    expect(findAlarms([down], none, base)).toEqual([
      {
        key: 'telegram/default',
        channel: 'telegram',
        label: 'Telegram',
        accountId: 'default',
        reason: 'down',
        since: 5_000,
      },
    ]);
    // A stop older than the last start is not this outage: the console's sighting dates it.
    const seen = new Map([
      ['telegram/default', [{ at: 7_000, what: 'down', source: 'console' } as const]],
    ]);
    expect(findAlarms([account({ state: 'down', lastStopAt: 500 })], seen, base)[0]!.since).toBe(
      7_000,
    );
  });

  it('raises "quiet" only when asked, counting inbound, restarts, the ledger and when watching began', () => {
    const now = 100 * 60_000;
    const quiet = { now, quietMs: 15 * 60_000, watchingSince: 0 };
    expect(findAlarms([account()], none, { ...quiet, quietMs: 0 })).toEqual([]);
    expect(findAlarms([account()], none, quiet)).toMatchObject([{ reason: 'quiet', since: 1_000 }]);
    expect(findAlarms([account({ lastInboundAt: now - 60_000 })], none, quiet)).toEqual([]);
    expect(findAlarms([account({ lastStartAt: now - 60_000 })], none, quiet)).toEqual([]);
    expect(findAlarms([account()], none, { ...quiet, watchingSince: now - 60_000 })).toEqual([]);
    const ledger = new Map([['telegram', now - 60_000]]);
    expect(findAlarms([account()], none, { ...quiet, ledger })).toEqual([]);
    // Starting or off accounts are neither down nor quiet.
    expect(
      findAlarms(
        [account({ state: 'starting' }), account({ state: 'off', key: 'x/y' })],
        none,
        quiet,
      ),
    ).toEqual([]);
  });
});

describe('timeline', () => {
  it('merges what this console saw with the gateway’s timestamps, oldest first', () => {
    const seen: TimelineEntry[] = [{ at: 3_000, what: 'down', source: 'console' }];
    expect(outageTimeline(account({ lastStopAt: 2_500, lastConnectedAt: 1_500 }), seen)).toEqual([
      { at: 1_000, what: 'started', source: 'gateway' },
      { at: 1_500, what: 'connected', source: 'gateway' },
      { at: 2_500, what: 'stopped', source: 'gateway' },
      { at: 3_000, what: 'down', source: 'console' },
    ]);
  });
});

describe('automatic restarts', () => {
  it('happen at most once per gap per account', () => {
    const last = new Map([['a', 1_000]]);
    expect(mayAutoRestart(last, 'b', 1_001)).toBe(true);
    expect(mayAutoRestart(last, 'a', 1_000 + AUTO_RESTART_GAP_MS - 1)).toBe(false);
    expect(mayAutoRestart(last, 'a', 1_000 + AUTO_RESTART_GAP_MS)).toBe(true);
  });
});

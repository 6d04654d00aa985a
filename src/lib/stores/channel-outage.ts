import type { ChannelAlarm } from './channel-alarm';
import type { AccountState, ChannelAccount } from './channel-accounts';

/**
 * The watchdog's pure parts: what changed between two readings of the accounts, which accounts
 * raise an alarm, and an account's outage timeline (what this console saw, beside the gateway's
 * own `lastStopAt`/`lastStartAt`/`lastConnectedAt`/`lastError`).
 */

/** One line of an outage timeline. */
export interface TimelineEntry {
  at: number;
  what: 'down' | 'up' | 'stopped' | 'started' | 'connected' | 'inbound';
  /** `console`: this console saw the change; `gateway`: the gateway's own timestamp. */
  source: 'console' | 'gateway';
}

/** How many console sightings are kept per account. */
export const TIMELINE_KEEP = 12;

/** Adds this reading's state changes to the console's sightings (a first reading records downs only). */
export function observe(
  seen: ReadonlyMap<string, TimelineEntry[]>,
  previous: ReadonlyMap<string, AccountState>,
  accounts: readonly ChannelAccount[],
  now: number,
): Map<string, TimelineEntry[]> {
  const next = new Map(seen);
  for (const account of accounts) {
    const before = previous.get(account.key);
    const isDown = account.state === 'down';
    const wasDown = before === 'down';
    if (before === undefined ? !isDown : isDown === wasDown) continue;
    if (!isDown && account.state !== 'up') continue; // "starting" is not back yet
    const list = [
      ...(next.get(account.key) ?? []),
      { at: now, what: isDown ? 'down' : 'up', source: 'console' } as const,
    ];
    next.set(account.key, list.slice(-TIMELINE_KEEP));
  }
  return next;
}

/** When an account went down, as best known: the gateway's stop time, else this console's first sighting. */
export function downSince(
  account: ChannelAccount,
  seen: readonly TimelineEntry[],
  now: number,
): number {
  const sighting = seen.findLast((entry) => entry.what === 'down')?.at;
  const stop =
    account.lastStopAt && account.lastStopAt >= (account.lastStartAt ?? 0)
      ? account.lastStopAt
      : undefined;
  return stop ?? sighting ?? now;
}

/** The last sign of life that counts against "quiet": inbound, the (re)start, or when watching began. */
export function lastSign(
  account: ChannelAccount,
  ledgerInboundAt: number | undefined,
  watchingSince: number,
): number {
  return Math.max(
    account.lastInboundAt ?? 0,
    ledgerInboundAt ?? 0,
    account.lastStartAt ?? 0,
    watchingSince,
  );
}

/** The alarms for a reading: every down account, and (when `quietMs` > 0) every running one quiet that long. */
export function findAlarms(
  accounts: readonly ChannelAccount[],
  seen: ReadonlyMap<string, TimelineEntry[]>,
  options: {
    now: number;
    quietMs: number;
    watchingSince: number;
    ledger?: ReadonlyMap<string, number>;
  },
): ChannelAlarm[] {
  const alarms: ChannelAlarm[] = [];
  for (const account of accounts) {
    const { key, channel, label, accountId } = account;
    const base = { key, channel, label, accountId };
    if (account.state === 'down') {
      alarms.push({
        ...base,
        reason: 'down',
        since: downSince(account, seen.get(account.key) ?? [], options.now),
      });
      continue;
    }
    if (account.state !== 'up' || options.quietMs <= 0) continue;
    const sign = lastSign(account, options.ledger?.get(account.channel), options.watchingSince);
    if (options.now - sign >= options.quietMs)
      alarms.push({ ...base, reason: 'quiet', since: sign });
  }
  return alarms;
}

/** An account's timeline, oldest first: this console's sightings and the gateway's own timestamps. */
export function outageTimeline(
  account: ChannelAccount,
  seen: readonly TimelineEntry[],
): TimelineEntry[] {
  const gateway: TimelineEntry[] = [];
  const add = (at: number | undefined, what: TimelineEntry['what']) => {
    if (at) gateway.push({ at, what, source: 'gateway' });
  };
  add(account.lastStopAt, 'stopped');
  add(account.lastStartAt, 'started');
  add(account.lastConnectedAt, 'connected');
  add(account.lastInboundAt, 'inbound');
  return [...seen, ...gateway].sort((a, b) => a.at - b.at);
}

/** How long automatic restarts of one account wait after the last one. */
export const AUTO_RESTART_GAP_MS = 10 * 60_000;

/** Whether the watchdog may restart an account on its own now (at most once per gap per account). */
export function mayAutoRestart(
  last: ReadonlyMap<string, number>,
  key: string,
  now: number,
): boolean {
  const previous = last.get(key);
  return previous === undefined || now - previous >= AUTO_RESTART_GAP_MS;
}

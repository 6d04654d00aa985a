import { map, readonlyType } from 'nanostores';
import { describeError } from '../gateway/outcome';
import { announce } from './announce';
import { channelAccounts, type AccountState, type ChannelAccount } from './channel-accounts';
import { request } from './gateway-session';
import { health } from './health';

/**
 * Restarting one channel account: `channels.stop` then `channels.start` for that account (its
 * login stays: nothing is logged out), then `channels.status` is re-read until the account has
 * left "starting" (or a few seconds passed), and the other operators are told. Measured on
 * 2026.9.6 with Telegram: stop answers `{stopped:true}`, start `{started:true, outcome:
 * {status:'handed-off'}}`, and the account shows `lifecycle:'starting'` for about a second.
 */

/** Where one account's restart stands. */
export type RestartStep = 'stopping' | 'starting' | 'checking' | 'done' | 'failed';

/** One account's restart as the panel shows it. */
export interface ChannelRestart {
  step: RestartStep;
  /** Who asked: this operator, or the watchdog on their behalf. */
  by: 'operator' | 'watchdog';
  at: number;
  /** The account's state as the gateway reported it afterwards. */
  outcome?: AccountState;
  /** The account was stopped but did not start again: it is left stopped. */
  leftStopped?: boolean;
  error?: string;
}

/** How long after the start the console keeps re-reading the status for a settled state. */
export const SETTLE_MS = 8_000;
/** The pause between those re-reads. */
export const SETTLE_STEP_MS = 1_000;

const $restarts = map<Record<string, ChannelRestart>>({});
/** The restarts this console ran, by account key (`channel/accountId`). */
export const channelRestarts = readonlyType($restarts);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function update(key: string, patch: Partial<ChannelRestart>): void {
  const previous = $restarts.get()[key];
  if (previous) $restarts.setKey(key, { ...previous, ...patch });
}

async function settledState(key: string): Promise<AccountState | undefined> {
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    await channelAccounts.refresh();
    const state = channelAccounts.get().value.find((a) => a.key === key)?.state;
    if (state !== 'starting' || Date.now() >= until) return state;
    await wait(SETTLE_STEP_MS);
  }
}

/** The words other operators read about this account. */
export function accountWords(account: Pick<ChannelAccount, 'channel' | 'accountId'>): string {
  return `${account.channel} account "${account.accountId}"`;
}

/**
 * Stops and starts one channel account and reports the gateway's own verdict. A stop that fails
 * starts nothing; a start that fails says the account is left stopped. Returns whether the
 * account runs again.
 */
export async function restartChannel(
  account: Pick<ChannelAccount, 'key' | 'channel' | 'accountId'>,
  who: string,
  by: ChannelRestart['by'] = 'operator',
): Promise<boolean> {
  const { key, channel, accountId } = account;
  const current = $restarts.get()[key];
  if (current && !['done', 'failed'].includes(current.step)) return false;
  $restarts.setKey(key, { step: 'stopping', by, at: Date.now() });
  const params = { channel, accountId };
  const auto = by === 'watchdog' ? ' (automatically, by their channel watchdog)' : '';
  try {
    await request('channels.stop', params);
  } catch (error) {
    update(key, { step: 'failed', error: describeError(error) });
    return false;
  }
  update(key, { step: 'starting' });
  try {
    await request('channels.start', params);
  } catch (error) {
    update(key, { step: 'failed', leftStopped: true, error: describeError(error) });
    void announce('channelRestart', who, `${accountWords(account)}${auto}; it did not start again`);
    void channelAccounts.refresh();
    return false;
  }
  update(key, { step: 'checking' });
  void announce('channelRestart', who, `${accountWords(account)}${auto}`);
  const outcome = await settledState(key).catch(() => undefined);
  update(key, { step: 'done', outcome });
  // The health snapshot (health panel, attention list) only comes about once a minute: ask now.
  void health.refresh();
  return outcome === 'up';
}

/** Forgets a finished restart's result. */
export function dismissChannelRestart(key: string): void {
  const current = $restarts.get()[key];
  if (current && ['done', 'failed'].includes(current.step)) $restarts.setKey(key, undefined);
}

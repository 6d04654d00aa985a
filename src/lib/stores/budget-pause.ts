import { persistentAtom } from '@nanostores/persistent';
import { actorName } from './announce';
import { budgetFor, budgets } from './budget';
import type { PeriodLevel } from './budget-levels';
import { can } from './gateway-session';

/**
 * The opt-in pause at a spend budget's limit: heartbeats and scheduled jobs are paused (through
 * "stop everything"'s pause, so "Resume" turns back on exactly that), at most once per budget
 * period. It is this browser that acts, only while a console with this gateway is open.
 */

// The periods (gateway|period|day or month) that already paused, so a reload or a second
// crossing in the same period never pauses again; the newest 50 are kept.
const $done = persistentAtom<string[]>('openclaw-console:budget-paused', [], {
  encode: JSON.stringify,
  decode: (value) => {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed.filter((k) => typeof k === 'string').slice(-50) : [];
    } catch {
      return [];
    }
  },
});

const two = (n: number) => String(n).padStart(2, '0');

/** The budget period `now` falls in, as a key: the local day or month, for one gateway. */
export function periodKey(url: string, period: PeriodLevel['period'], now: number): string {
  const d = new Date(now);
  const month = `${d.getFullYear()}-${two(d.getMonth() + 1)}`;
  return `${url}|${period}|${period === 'daily' ? `${month}-${two(d.getDate())}` : month}`;
}

/** What an automatic pause did, or why it did nothing. */
export type PauseOutcome =
  | { paused: true; jobs: number; heartbeats: boolean }
  | { paused: false; reason: 'below' | 'not-opted' | 'done' | 'not-allowed' };

/** At a budget's limit, pauses heartbeats and scheduled jobs where the operator opted in, once per period. */
export async function pauseAtLimit(
  level: PeriodLevel | undefined,
  url: string,
  now = Date.now(),
): Promise<PauseOutcome> {
  if (!level || level.percent < 100) return { paused: false, reason: 'below' };
  if (!budgetFor(budgets.get(), url).pauseAtLimit) return { paused: false, reason: 'not-opted' };
  const key = periodKey(url, level.period, now);
  if ($done.get().includes(key)) return { paused: false, reason: 'done' };
  const allowed = can.get();
  if (!allowed('set-heartbeats') && !allowed('cron.update'))
    return { paused: false, reason: 'not-allowed' };
  // Marked before acting: a pause that fails halfway is not retried in a loop.
  $done.set([...$done.get(), key].slice(-50));
  const { planPause, stopAll, stopEverything } = await import('./stop-all');
  await stopEverything(await planPause(), `${actorName.get()} (spend budget)`, 'budgetPause');
  const report = stopAll.get().stop;
  return {
    paused: true,
    jobs: report?.jobsPaused.length ?? 0,
    heartbeats: report?.heartbeats === 'paused',
  };
}

/**
 * Spend budgets: pure arithmetic on what was spent and what the operator allows. No stores
 * here, so the fleet cards, the nav badge and the usage page agree by construction.
 */
import { browserZone, rangeEndingToday, usageParams } from './usage-params';

/** A gateway's budget as the operator set it (US dollars; 0 or missing: no budget). */
export interface Budget {
  daily?: number;
  monthly?: number;
  /** Percentages that warn, ascending (e.g. 50, 80, 100). */
  thresholds: number[];
  /** Opted in: at 100 % this browser pauses the gateway's heartbeats and scheduled jobs. */
  pauseAtLimit?: true;
}

/** Thresholds offered when the operator has chosen none. */
export const DEFAULT_THRESHOLDS = [50, 80, 100];

/** What was spent, in US dollars. */
export interface Spend {
  today: number;
  month: number;
}

/** The highest threshold one period has reached, and how far along it is. */
export interface PeriodLevel {
  period: 'daily' | 'monthly';
  limit: number;
  spent: number;
  percent: number;
  /** The highest threshold reached (0: none). */
  reached: number;
}

const positive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** Thresholds cleaned: numbers between 1 and 1000, unique, ascending; the defaults if none is left. */
export function cleanThresholds(values: unknown): number[] {
  const list = Array.isArray(values) ? values : [];
  const kept = new Set(
    list.filter((v): v is number => positive(v) && v <= 1000).map((v) => Math.round(v)),
  );
  return kept.size ? [...kept].sort((a, b) => a - b) : [...DEFAULT_THRESHOLDS];
}

/** A stored budget read back, whatever a hand-edited or older storage holds. */
export function readBudget(value: unknown): Budget {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    ...(positive(raw.daily) && { daily: raw.daily }),
    ...(positive(raw.monthly) && { monthly: raw.monthly }),
    thresholds: cleanThresholds(raw.thresholds),
    ...(raw.pauseAtLimit === true && { pauseAtLimit: true as const }),
  };
}

/** Each budgeted period's level; periods without a limit are left out. */
export function budgetLevels(budget: Budget, spend: Spend): PeriodLevel[] {
  const periods = [
    ['daily', budget.daily, spend.today],
    ['monthly', budget.monthly, spend.month],
  ] as const;
  return periods.flatMap(([period, limit, spent]) => {
    if (!positive(limit)) return [];
    const safe = Number.isFinite(spent) && spent > 0 ? spent : 0;
    const percent = (safe / limit) * 100;
    const reached = budget.thresholds.filter((t) => percent >= t).at(-1) ?? 0;
    return [{ period, limit, spent: safe, percent, reached }];
  });
}

/** The worst level of the periods (the one furthest along), if any threshold is reached. */
export function worstLevel(levels: readonly PeriodLevel[]): PeriodLevel | undefined {
  return levels
    .filter((level) => level.reached > 0)
    .reduce<PeriodLevel | undefined>((a, b) => (!a || b.percent > a.percent ? b : a), undefined);
}

/**
 * Spend per hour now: what the runs that ended in the last hour cost (seen live), or, when none
 * was seen, today's spend spread over the hours of today gone by.
 */
export function burnRate(
  recent: readonly { at: number; cost: number }[],
  spend: Spend,
  now: number,
  startOfDay: number,
): number {
  const hourAgo = now - 3_600_000;
  const live = recent.filter((r) => r.at > hourAgo).reduce((sum, r) => sum + r.cost, 0);
  if (live > 0) return live;
  const hours = Math.max(1, (now - startOfDay) / 3_600_000);
  return spend.today / hours;
}

/** The `usage.cost` request for this month so far, in the operator's calendar. */
export function monthParams(now: number, legacy: boolean) {
  const zone = browserZone(now);
  const dayOfMonth = new Date(now + zone.offsetMinutes * 60_000).getUTCDate();
  const range = rangeEndingToday(dayOfMonth, now, zone.offsetMinutes);
  return { range, params: usageParams(range, zone, legacy) };
}

/** Midnight today in the operator's zone, as a time. */
export function startOfToday(now: number): number {
  const offset = browserZone(now).offsetMinutes * 60_000;
  return Math.floor((now + offset) / 86_400_000) * 86_400_000 - offset;
}

const money = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/**
 * Today's and this month's spend from a `usage.cost` reply for the month so far (kept apart
 * from the usage page's reader so the nav badge does not pull that page into the first bundle).
 */
export function readSpend(
  value: unknown,
  start: string,
  end: string,
): Spend & { complete: boolean } {
  const body = rec(value);
  const days = new Map<string, number>();
  for (const raw of Array.isArray(body.daily) ? body.daily : []) {
    const day = rec(raw);
    if (typeof day.date !== 'string' || day.date < start || day.date > end) continue;
    days.set(day.date, money(day.totalCost ?? day.cost));
  }
  const month = [...days.values()].reduce((sum, cost) => sum + cost, 0);
  const cache = rec(body.cacheStatus);
  const complete = !('status' in cache) || cache.status === 'fresh';
  return { today: days.get(end) ?? 0, month, complete };
}

/** The cost of a run's `chat` final event, when it carries usage with a cost. */
export function finalCost(payload: unknown): number | undefined {
  const body = rec(payload);
  const usage = rec(body.usage ?? rec(body.message).usage);
  const cost = typeof usage.cost === 'object' ? rec(usage.cost).total : usage.cost;
  return typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : undefined;
}

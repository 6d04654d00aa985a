import { countUnreadable, isRecord, uniqueBy } from './validate';

/**
 * The usage page's one shape, read from what the gateway sends: `sessions.usage` (every
 * breakdown) or, where that cannot be used, `usage.cost` (daily totals only). Replies are
 * untrusted: numbers that are not finite count as zero, rows without their key are dropped
 * (and counted), and one odd row never blanks the page.
 */

/** Tokens and cost of one thing (a day, an agent, a model, a session). */
export interface UsageAmount {
  tokens: number;
  /** US dollars, as the gateway estimates them from the configured model prices. */
  cost: number;
}

/** One calendar day (`YYYY-MM-DD` in the time zone asked for). */
export interface UsageDay extends UsageAmount {
  date: string;
}

/** One row of a breakdown: an agent, a model or a session. */
export interface UsageRow extends UsageAmount {
  /** The key the row is known by (agent id, `provider/model`, session key). */
  id: string;
  /** A name to show when the gateway gives one (a session's label). */
  label?: string;
}

/** Which method the numbers came from. */
export type UsageSource = 'sessions.usage' | 'usage.cost';

/** Everything the page shows for one range. */
export interface UsageReport {
  source: UsageSource;
  /** The gateway's time when it computed these numbers (ms). */
  updatedAt: number;
  /** Every day of the range, oldest first; days without use are zero. */
  days: UsageDay[];
  totals: UsageAmount & { input: number; output: number };
  /** Breakdowns; empty when the source has none (`usage.cost`). */
  byAgent: UsageRow[];
  byModel: UsageRow[];
  bySession: UsageRow[];
  /** Use in the quarter-hours that began within the hour before `updatedAt`; absent when not reported. */
  lastHour?: UsageAmount;
  /** False while the gateway says its numbers are still being refreshed. */
  complete: boolean;
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

/** Tokens and cost from a gateway totals object (`totalTokens`/`totalCost` or `tokens`/`cost`). */
function amountOf(value: unknown): UsageAmount {
  if (!isRecord(value)) return { tokens: 0, cost: 0 };
  return {
    tokens: num(value.totalTokens ?? value.tokens),
    cost: num(value.totalCost ?? value.cost),
  };
}

/** The days of a range, from `start` to `end` inclusive (both `YYYY-MM-DD`), at most 400. */
export function datesBetween(start: string, end: string): string[] {
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) return [];
  const dates: string[] = [];
  for (let at = from; at <= to && dates.length < 400; at += 86_400_000)
    dates.push(new Date(at).toISOString().slice(0, 10));
  return dates;
}

/** Every day of the range with its use (a day the gateway does not list is zero). */
function fillDays(list: unknown, start: string, end: string): UsageDay[] {
  const known = new Map(
    uniqueBy(
      list,
      (raw) => {
        if (isRecord(raw) && str(raw.date)) return { date: raw.date as string, raw };
        countUnreadable();
        return undefined;
      },
      (day) => day.date,
    ).map(({ date, raw }) => [date, amountOf(raw)]),
  );
  const dates = datesBetween(start, end);
  return dates.map((date) => ({ date, ...(known.get(date) ?? { tokens: 0, cost: 0 }) }));
}

function rows(list: unknown, idOf: (raw: Record<string, unknown>) => string | undefined) {
  return uniqueBy(
    list,
    (raw): UsageRow | undefined => {
      const id = isRecord(raw) ? idOf(raw) : undefined;
      if (!id || !isRecord(raw)) return void countUnreadable();
      const label = str(raw.label);
      return { id, ...(label && label !== id && { label }), ...amountOf(raw.totals ?? raw.usage) };
    },
    (row) => row.id,
  );
}

function totalsOf(value: unknown): UsageReport['totals'] {
  const totals = isRecord(value) ? value : {};
  return { ...amountOf(totals), input: num(totals.input), output: num(totals.output) };
}

const QUARTER_MS = 15 * 60_000;

/**
 * Use in the UTC quarter-hours (of every session) that began within the hour before `now`;
 * undefined when sessions have usage but none says it by the quarter-hour (a gateway that does
 * not report it). No session at all is simply no use.
 */
export function lastHourOf(sessions: unknown[], now: number): UsageAmount | undefined {
  let withUsage = 0;
  let withQuarters = 0;
  const sum = { tokens: 0, cost: 0 };
  for (const session of sessions) {
    const usage = isRecord(session) && isRecord(session.usage) ? session.usage : undefined;
    if (!usage) continue;
    withUsage += 1;
    if (!Array.isArray(usage.utcQuarterHourTokenUsage)) continue;
    withQuarters += 1;
    for (const quarter of usage.utcQuarterHourTokenUsage as unknown[]) {
      if (!isRecord(quarter) || typeof quarter.date !== 'string') continue;
      const start =
        Date.parse(`${quarter.date}T00:00:00Z`) + num(quarter.quarterIndex) * QUARTER_MS;
      if (!(start > now - 3_600_000 && start <= now)) continue;
      const amount = amountOf(quarter);
      sum.tokens += amount.tokens;
      sum.cost += amount.cost;
    }
  }
  return withUsage > 0 && withQuarters === 0 ? undefined : sum;
}

const complete = (payload: Record<string, unknown>) =>
  !isRecord(payload.cacheStatus) || payload.cacheStatus.status === 'fresh';

/** A `sessions.usage` reply as the page's report (range dates as asked, when the reply has none). */
export function readSessionsUsage(payload: unknown, start: string, end: string): UsageReport {
  const body = isRecord(payload) ? payload : {};
  const aggregates = isRecord(body.aggregates) ? body.aggregates : {};
  const sessions = Array.isArray(body.sessions) ? body.sessions : [];
  const updatedAt = num(body.updatedAt);
  const lastHour = updatedAt ? lastHourOf(sessions, updatedAt) : undefined;
  return {
    source: 'sessions.usage',
    updatedAt,
    days: fillDays(aggregates.daily, str(body.startDate) ?? start, str(body.endDate) ?? end),
    totals: totalsOf(body.totals),
    byAgent: rows(aggregates.byAgent, (raw) => str(raw.agentId)),
    byModel: rows(aggregates.byModel, (raw) => {
      const model = str(raw.model);
      const provider = str(raw.provider);
      return model && (provider ? `${provider}/${model}` : model);
    }),
    bySession: rows(sessions, (raw) => str(raw.key)),
    ...(lastHour && { lastHour }),
    complete: complete(body),
  };
}

/** A `usage.cost` reply as the page's report: daily totals, no breakdowns. */
export function readUsageCost(payload: unknown, start: string, end: string): UsageReport {
  const body = isRecord(payload) ? payload : {};
  return {
    source: 'usage.cost',
    updatedAt: num(body.updatedAt),
    days: fillDays(body.daily, start, end),
    totals: totalsOf(body.totals),
    byAgent: [],
    byModel: [],
    bySession: [],
    complete: complete(body),
  };
}

/** Today's use: the last day of the range (the range always ends today). */
export function todayOf(report: UsageReport): UsageAmount {
  return report.days.at(-1) ?? { tokens: 0, cost: 0 };
}

/** What a chart's label says: its span, its highest day and its sum. */
export function chartSummary(days: readonly UsageDay[], pick: 'cost' | 'tokens') {
  let peakDay = days[0]?.date ?? '';
  let peak = 0;
  let total = 0;
  for (const day of days) {
    total += day[pick];
    if (day[pick] > peak) [peak, peakDay] = [day[pick], day.date];
  }
  return { first: days[0]?.date ?? '', last: days.at(-1)?.date ?? '', peak, peakDay, total };
}

/** How many sessions the breakdown lists. */
export const TOP_SESSIONS = 10;

/** The costliest sessions (by tokens where costs tie), at most `TOP_SESSIONS`. */
export function topSessions(rows: readonly UsageRow[]): UsageRow[] {
  return rows
    .filter((row) => row.tokens > 0 || row.cost > 0)
    .toSorted((a, b) => b.cost - a.cost || b.tokens - a.tokens)
    .slice(0, TOP_SESSIONS);
}

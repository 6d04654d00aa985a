/**
 * The date range the usage page asks for, in the operator's own calendar: the last N days
 * ending today. Both gateway generations take `startDate`/`endDate` with `mode: "specific"`;
 * 2026.9.6 wants `timeZone` (and `agentScope: "all"` for every agent, else it counts only
 * `main`), while 2026.4.29 refuses both as unexpected and takes `utcOffset` instead.
 */

/** Where the operator is: the IANA zone and the offset from UTC now (minutes east). */
export interface UsageZone {
  timeZone?: string;
  offsetMinutes: number;
}

/** The range as calendar dates (`YYYY-MM-DD`), inclusive. */
export interface UsageRange {
  startDate: string;
  endDate: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last `days` days ending today, as seen at `now` in a zone `offsetMinutes` east of UTC. */
export function rangeEndingToday(days: number, now: number, offsetMinutes: number): UsageRange {
  const local = new Date(now + offsetMinutes * 60_000);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const start = end - (Math.max(1, days) - 1) * 86_400_000;
  const iso = (ms: number) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  return { startDate: iso(start), endDate: iso(end) };
}

/** `UTC+5:30`, `UTC-4`, `UTC+0`: the offset as the gateway's `utcOffset` parameter. */
export function utcOffsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${pad(minutes)}` : ''}`;
}

/** The request parameters for a range; `legacy` for gateways that refuse the newer fields. */
export function usageParams(
  range: UsageRange,
  zone: UsageZone,
  legacy: boolean,
): Record<string, unknown> {
  const base = { ...range, mode: 'specific', utcOffset: utcOffsetText(zone.offsetMinutes) };
  if (legacy) return base;
  return { ...base, agentScope: 'all', ...(zone.timeZone && { timeZone: zone.timeZone }) };
}

/** The browser's zone now. */
export function browserZone(now = Date.now()): UsageZone {
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  return { timeZone, offsetMinutes: -new Date(now).getTimezoneOffset() };
}

import { isRecord } from './validate';

/**
 * A job's schedule as the words to show: which sentence (a catalogue key under `schedule.`)
 * and what goes in it. The gateway keeps five kinds (`at`, `every`, `cron`, `on-exit`,
 * `stream`); cron expressions of the everyday shapes become a sentence, anything else is
 * shown as the expression itself, never guessed at.
 */
export type ScheduleWords =
  | { kind: 'at'; atMs?: number; raw: string }
  | { kind: 'every'; value: number; unit: IntervalUnit }
  | { kind: 'cron'; shape: CronShape; expr: string; tz?: string }
  | { kind: 'onExit'; command: string }
  | { kind: 'stream' }
  | { kind: 'unknown' };

/** The unit an interval is said in: the largest one that divides it evenly. */
export type IntervalUnit = 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** An everyday cron expression, read; `raw` when it is not one of these shapes. */
export type CronShape =
  | { shape: 'everyMinute' }
  | { shape: 'everyNMinutes'; n: number }
  | { shape: 'hourly'; minute: number }
  | { shape: 'everyNHours'; n: number; minute: number }
  | { shape: 'daily'; time: string }
  | { shape: 'weekdays'; time: string }
  | { shape: 'weekly'; day: number; time: string }
  | { shape: 'monthly'; day: number; time: string }
  | { shape: 'raw' };

const UNITS: Array<[IntervalUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** An interval in the largest unit that divides it evenly: 90 minutes stays 90 minutes. */
export function intervalWords(ms: number): { value: number; unit: IntervalUnit } {
  for (const [unit, size] of UNITS)
    if (ms >= size && ms % size === 0) return { value: ms / size, unit };
  return { value: ms, unit: 'millisecond' };
}

const int = (text: string, max: number): number | undefined =>
  /^\d{1,2}$/.test(text) && Number(text) <= max ? Number(text) : undefined;
const step = (text: string, max: number): number | undefined =>
  text.startsWith('*/') ? int(text.slice(2), max) : undefined;
const pad = (n: number) => String(n).padStart(2, '0');

/** Reads the everyday shapes of a five-field cron expression (minute hour day month weekday). */
export function cronShape(expr: string): CronShape {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return { shape: 'raw' };
  const [min, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (month !== '*') return { shape: 'raw' };
  const dateFree = dom === '*' && dow === '*';
  if (dateFree && hour === '*' && min === '*') return { shape: 'everyMinute' };
  const everyMinutes = step(min, 59);
  if (dateFree && hour === '*' && everyMinutes) return { shape: 'everyNMinutes', n: everyMinutes };
  const minute = int(min, 59);
  if (minute === undefined) return { shape: 'raw' };
  if (dateFree && hour === '*') return { shape: 'hourly', minute };
  const everyHours = step(hour, 23);
  if (dateFree && everyHours) return { shape: 'everyNHours', n: everyHours, minute };
  const h = int(hour, 23);
  if (h === undefined) return { shape: 'raw' };
  const time = `${pad(h)}:${pad(minute)}`;
  if (dateFree) return { shape: 'daily', time };
  if (dom === '*' && (dow === '1-5' || dow === 'MON-FRI')) return { shape: 'weekdays', time };
  const weekday = int(dow, 7);
  if (dom === '*' && weekday !== undefined) return { shape: 'weekly', day: weekday % 7, time };
  const day = int(dom, 31);
  if (dow === '*' && day) return { shape: 'monthly', day, time };
  return { shape: 'raw' };
}

/** A schedule (untrusted, as the gateway sent it) in words. */
export function scheduleWords(schedule: unknown): ScheduleWords {
  if (!isRecord(schedule)) return { kind: 'unknown' };
  const s = schedule;
  if (s.kind === 'every' && typeof s.everyMs === 'number' && s.everyMs > 0)
    return { kind: 'every', ...intervalWords(s.everyMs) };
  if (s.kind === 'at' && typeof s.at === 'string') {
    const atMs = Date.parse(s.at);
    return { kind: 'at', raw: s.at, ...(Number.isFinite(atMs) ? { atMs } : {}) };
  }
  if (s.kind === 'cron' && typeof s.expr === 'string')
    return {
      kind: 'cron',
      expr: s.expr,
      shape: cronShape(s.expr),
      ...(typeof s.tz === 'string' && s.tz ? { tz: s.tz } : {}),
    };
  if (s.kind === 'on-exit' && typeof s.command === 'string')
    return { kind: 'onExit', command: s.command };
  if (s.kind === 'stream') return { kind: 'stream' };
  return { kind: 'unknown' };
}

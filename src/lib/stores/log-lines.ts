/**
 * Pure pieces of the live log: how a raw `logs.tail` line reads, how a reply becomes lines
 * and markers, the bounded ring they live in, and the filters. No stores, no requests.
 */

/** Levels the gateway's logger writes, least to most severe. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
/** One of the logger's levels. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The most lines kept in memory: older ones fall out of the ring. */
export const MAX_LOG_LINES = 5_000;
/** The most characters kept of one line (a runaway line must not hold megabytes). */
export const MAX_LINE_CHARS = 16_384;

/** Why a marker sits between lines: something the reader cannot see happened there. */
export type LogMarkKind = 'skipped' | 'restarted';

/** A line of the log as the view shows it, or a marker between lines. */
export interface LogLine {
  /** Ours, increasing with arrival; the gateway's lines carry no id. */
  id: number;
  /** The time the line was written, in ms since the epoch (when the line says). */
  time?: number;
  level?: LogLevel;
  subsystem?: string;
  message: string;
  /** The raw line (cut to MAX_LINE_CHARS), for copying. */
  raw: string;
  /** Whether the line was cut to MAX_LINE_CHARS. */
  cut?: boolean;
  mark?: LogMarkKind;
  /** For a `skipped` mark: how many bytes of log were not read, when the gateway says. */
  bytes?: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined;

function levelOf(value: unknown): LogLevel | undefined {
  const level = typeof value === 'string' ? value.toLowerCase() : '';
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : undefined;
}

// `_meta.name` (or positional "0") is itself JSON: {"subsystem":"gateway/ws"} or {"module":"cron"}.
function subsystemOf(record: Record<string, unknown>, meta: Record<string, unknown>) {
  for (const source of [meta.name, record['0']]) {
    if (typeof source !== 'string' || !source.trimStart().startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(source);
      if (!isRecord(parsed)) continue;
      const found =
        asString(parsed.subsystem) ?? asString(parsed.module) ?? asString(parsed.plugin);
      if (found) return found;
    } catch {
      // A name that is not JSON names nothing.
    }
  }
  return asString(record.subsystem);
}

// Lines without a `message` field: the logger's positional arguments joined, as the gateway does.
function positional(record: Record<string, unknown>): string {
  return Object.keys(record)
    .filter((key) => /^\d+$/.test(key) && key !== '0')
    .map((key) => (typeof record[key] === 'string' ? record[key] : JSON.stringify(record[key])))
    .join(' ');
}

// Terminal colour codes (ESC [ … m) the console logger writes into some messages: formatting, not text.
// eslint-disable-next-line no-control-regex -- matching the escape character is the point
const ANSI = /\u001B\[[0-9;]*m/g;

/** Reads one raw log line (JSON from the gateway's logger, or plain text); never throws. */
export function parseLogLine(input: string, id: number): LogLine {
  const cut = input.length > MAX_LINE_CHARS;
  const raw = cut ? input.slice(0, MAX_LINE_CHARS) : input;
  const line: LogLine = { id, message: raw, raw, ...(cut ? { cut } : {}) };
  if (cut || !raw.trimStart().startsWith('{')) return line;
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch {
    return line;
  }
  if (!isRecord(record)) return line;
  const meta = isRecord(record._meta) ? record._meta : {};
  const time = Date.parse(asString(record.time) ?? asString(meta.date) ?? '');
  return {
    ...line,
    message: (typeof record.message === 'string' ? record.message : positional(record)).replace(
      ANSI,
      '',
    ),
    ...(Number.isFinite(time) ? { time } : {}),
    level: levelOf(meta.logLevelName ?? record.level),
    subsystem: subsystemOf(record, meta),
  };
}

/** A `logs.tail` reply, validated: what the view needs of it. */
export interface TailReply {
  cursor: number;
  file?: string;
  lines: string[];
  truncated: boolean;
  reset: boolean;
  skippedBytes?: number;
}

/** Validates a `logs.tail` reply; undefined when it has no usable cursor. */
export function readTailReply(payload: unknown): TailReply | undefined {
  if (!isRecord(payload)) return undefined;
  const { cursor, skippedBytes } = payload;
  if (typeof cursor !== 'number' || !Number.isSafeInteger(cursor) || cursor < 0) return undefined;
  return {
    cursor,
    file: asString(payload.file),
    lines: Array.isArray(payload.lines)
      ? payload.lines.filter((line): line is string => typeof line === 'string')
      : [],
    truncated: payload.truncated === true,
    reset: payload.reset === true,
    ...(typeof skippedBytes === 'number' && skippedBytes > 0 ? { skippedBytes } : {}),
  };
}

/**
 * The marker a reply read after `after` (a cursor) calls for: lines skipped (the log grew by more
 * than one read takes, or by more lines than asked for), or the log started over (rotated or cut).
 */
export function markFor(reply: TailReply, after: number | undefined): LogMarkKind | undefined {
  if (after === undefined) return undefined;
  if (reply.reset && reply.skippedBytes === undefined) return 'restarted';
  return reply.truncated ? 'skipped' : undefined;
}

/** Appends to the ring and drops the oldest beyond `max`; returns the new ring and how many fell out. */
export function pushBounded<T>(
  ring: readonly T[],
  added: readonly T[],
  max = MAX_LOG_LINES,
): { ring: T[]; dropped: number } {
  const all = ring.concat(added);
  const dropped = Math.max(0, all.length - max);
  return { ring: dropped ? all.slice(dropped) : all, dropped };
}

/** What the reader filters by: levels shown (all when empty) and text. */
export interface LogFilter {
  levels: ReadonlySet<LogLevel>;
  text: string;
}

/** Whether a line passes the filter; markers always show, so a gap is never hidden. */
export function matchesFilter(line: LogLine, filter: LogFilter): boolean {
  if (line.mark) return true;
  if (filter.levels.size && (!line.level || !filter.levels.has(line.level))) return false;
  const needle = filter.text.trim().toLowerCase();
  if (!needle) return true;
  return `${line.subsystem ?? ''} ${line.message}`.toLowerCase().includes(needle);
}

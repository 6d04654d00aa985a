import { attempt, type Outcome } from '../gateway/outcome';
import { cronJobs } from './cron';
import { request } from './gateway-session';

/** What the add form holds, as typed. */
export interface NewJobInput {
  name: string;
  scheduleKind: 'every' | 'cron' | 'at';
  everyValue: string;
  everyUnit: 'minute' | 'hour' | 'day';
  cronExpr: string;
  timezone: string;
  /** A `datetime-local` value (local time, no zone). */
  at: string;
  /** `agentTurn`: a message to the agent in a session of its own; `systemEvent`: a note to the main session. */
  payloadKind: 'agentTurn' | 'systemEvent';
  message: string;
}

/** Why the form cannot be sent yet: the field and a catalogue key under `add.invalid.`. */
export type Invalid = {
  field: keyof NewJobInput;
  problem: 'name' | 'every' | 'cron' | 'timezone' | 'at' | 'past' | 'message';
};
type Schedule = { kind: string } & Record<string, unknown>;

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
// One cron field: digits, names, and the operators croner reads (`*/,-?LW#+`).
const CRON_FIELD = /^[\d*,/\-?LW#+A-Za-z]+$/;

/** An empty form. */
export function blankJob(): NewJobInput {
  return {
    name: '',
    scheduleKind: 'every',
    everyValue: '60',
    everyUnit: 'minute',
    cronExpr: '0 9 * * *',
    timezone: '',
    at: '',
    payloadKind: 'agentTurn',
    message: '',
  };
}

function schedule(input: NewJobInput, now: number): Schedule | Invalid {
  if (input.scheduleKind === 'every') {
    const n = Number(input.everyValue);
    if (!/^\d+$/.test(input.everyValue.trim()) || n < 1 || n > 10_000)
      return { field: 'everyValue', problem: 'every' };
    return { kind: 'every', everyMs: n * UNIT_MS[input.everyUnit] };
  }
  if (input.scheduleKind === 'cron') {
    const fields = input.cronExpr.trim().split(/\s+/);
    if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f)))
      return { field: 'cronExpr', problem: 'cron' };
    const tz = input.timezone.trim();
    if (tz && !validZone(tz)) return { field: 'timezone', problem: 'timezone' };
    return { kind: 'cron', expr: fields.join(' '), ...(tz ? { tz } : {}) };
  }
  const at = Date.parse(input.at);
  if (!input.at || !Number.isFinite(at)) return { field: 'at', problem: 'at' };
  if (at <= now) return { field: 'at', problem: 'past' };
  return { kind: 'at', at: new Date(at).toISOString() };
}

function isInvalid(value: Schedule | Invalid): value is Invalid {
  return typeof value.problem === 'string' && typeof value.field === 'string';
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The `cron.add` params for a filled form, or the first thing wrong with it. */
export function newJobParams(
  input: NewJobInput,
  now: number,
): { params: Record<string, unknown> } | Invalid {
  const name = input.name.trim();
  if (!name || name.length > 200) return { field: 'name', problem: 'name' };
  const when = schedule(input, now);
  if (isInvalid(when)) return when;
  const message = input.message.trim();
  if (!message) return { field: 'message', problem: 'message' };
  const agentTurn = input.payloadKind === 'agentTurn';
  return {
    params: {
      name,
      schedule: when,
      enabled: true,
      // An agent turn runs in a session of its own; a system event goes to the main session.
      sessionTarget: agentTurn ? 'isolated' : 'main',
      wakeMode: agentTurn ? 'now' : 'next-heartbeat',
      payload: agentTurn ? { kind: 'agentTurn', message } : { kind: 'systemEvent', text: message },
      // Without a channel the gateway's default (announce) fails every run; the run history
      // shows the reply instead.
      ...(agentTurn ? { delivery: { mode: 'none' } } : {}),
      ...(when.kind === 'at' ? { deleteAfterRun: false } : {}),
    },
  };
}

/** Sends a checked new job to the gateway (`cron.add`); a refusal comes back in its words. */
export async function addJob(params: Record<string, unknown>): Promise<Outcome> {
  const outcome = await attempt(() => request('cron.add', params));
  if (outcome.ok) await cronJobs.refresh();
  return outcome;
}

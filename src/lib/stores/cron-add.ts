import { attempt, type Outcome } from '../gateway/outcome';
import { cronJobs, type CronJob } from './cron';
import { isRecord } from './validate';
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

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value for a moment, in the browser's own time zone (what the input shows). */
function localInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The form filled from an existing job, or undefined when this console cannot edit it safely:
 * only agent turns and system events, on `every` (whole minutes), `cron` or `at` schedules.
 */
export function jobToInput(job: CronJob): NewJobInput | undefined {
  const payloadKind = job.payloadKind;
  if (payloadKind !== 'agentTurn' && payloadKind !== 'systemEvent') return undefined;
  const s = isRecord(job.schedule) ? job.schedule : {};
  const input: NewJobInput = {
    ...blankJob(),
    name: job.name,
    payloadKind,
    message: job.message ?? '',
  };
  if (s.kind === 'every' && typeof s.everyMs === 'number') {
    const unit = (['day', 'hour', 'minute'] as const).find(
      (u) => (s.everyMs as number) % UNIT_MS[u] === 0,
    );
    if (!unit) return undefined;
    return { ...input, everyValue: String((s.everyMs as number) / UNIT_MS[unit]), everyUnit: unit };
  }
  if (s.kind === 'cron' && typeof s.expr === 'string')
    return {
      ...input,
      scheduleKind: 'cron',
      cronExpr: s.expr,
      timezone: typeof s.tz === 'string' ? s.tz : '',
    };
  if (s.kind === 'at' && typeof s.at === 'string' && Number.isFinite(Date.parse(s.at)))
    return { ...input, scheduleKind: 'at', at: localInput(Date.parse(s.at)) };
  return undefined;
}

/**
 * Changes a job's name, schedule and message (`cron.update`), only if nobody changed it since it
 * was read (`expectedConfigRevision`); the other settings are left as they are.
 */
export async function editJob(job: CronJob, params: Record<string, unknown>): Promise<Outcome> {
  const payload = params.payload as Record<string, unknown>;
  const outcome = await attempt(() =>
    request('cron.update', {
      id: job.id,
      patch: { name: params.name, schedule: params.schedule, payload },
      ...(job.configRevision ? { expectedConfigRevision: job.configRevision } : {}),
    }),
  );
  await cronJobs.refresh();
  return outcome;
}

import { atom, computed } from 'nanostores';
import { attempt, type Outcome } from '../gateway/outcome';
import { clock } from './clock';
import { gatewayCollection, RELOAD, type EventReducer } from './collection';
import { request } from './gateway-session';
import { cleanRecord, isRecord, uniqueBy } from './validate';

/** A run's outcome as the gateway records it. */
export type RunStatus = 'ok' | 'error' | 'skipped';

/** One scheduled job, as the page shows it (fields from `cron.list`, checked). */
export interface CronJob {
  id: string;
  /** The operator's name for it: `displayName`, else `name`. */
  label: string;
  name: string;
  description?: string;
  enabled: boolean;
  schedule: unknown;
  payloadKind?: string;
  /** What an agent turn says or a system event posts. */
  message?: string;
  /** The gateway's token for this definition: an edit sent with it fails if someone changed the job meanwhile. */
  configRevision?: string;
  sessionTarget?: string;
  agentId?: string;
  nextRunAtMs?: number;
  runningAtMs?: number;
  lastRunAtMs?: number;
  lastRunStatus?: RunStatus;
  lastError?: string;
  lastDurationMs?: number;
  consecutiveErrors: number;
  autoDisabled?: string;
}

/** How long past its next run an idle enabled job may be before it counts as overdue. */
export const OVERDUE_GRACE_MS = 120_000;

const JOB_FIELDS = {
  id: 'string',
  name: 'string',
  displayName: 'string',
  description: 'string',
  enabled: 'boolean',
  schedule: 'object',
  payload: 'object',
  sessionTarget: 'string',
  agentId: 'string',
  state: 'object',
  configRevision: 'string',
} as const;

const STATE_FIELDS = {
  nextRunAtMs: 'number',
  runningAtMs: 'number',
  lastRunAtMs: 'number',
  lastRunStatus: 'string',
  lastStatus: 'string',
  lastError: 'string',
  lastDurationMs: 'number',
  consecutiveErrors: 'number',
  autoDisabled: 'object',
} as const;

const STATUSES = new Set(['ok', 'error', 'skipped']);
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** A job the page can render, or undefined without an id. */
export function readJob(value: unknown): CronJob | undefined {
  const raw = cleanRecord<Record<string, unknown>>(value, JOB_FIELDS, { required: ['id'] });
  if (!raw) return undefined;
  const state = cleanRecord<Record<string, unknown>>(raw.state ?? {}, STATE_FIELDS) ?? {};
  const status = [state.lastRunStatus, state.lastStatus].find((s) => STATUSES.has(s as string));
  const name = text(raw.name) ?? (raw.id as string);
  const reason = isRecord(state.autoDisabled) ? text(state.autoDisabled.reason) : undefined;
  return {
    id: raw.id as string,
    name,
    label: text(raw.displayName) ?? name,
    description: text(raw.description),
    enabled: raw.enabled !== false,
    schedule: raw.schedule,
    payloadKind: isRecord(raw.payload) ? text(raw.payload.kind) : undefined,
    message: isRecord(raw.payload) ? text(raw.payload.message ?? raw.payload.text) : undefined,
    configRevision: text(raw.configRevision),
    sessionTarget: text(raw.sessionTarget),
    agentId: text(raw.agentId),
    nextRunAtMs: state.nextRunAtMs as number | undefined,
    runningAtMs: state.runningAtMs as number | undefined,
    lastRunAtMs: state.lastRunAtMs as number | undefined,
    lastRunStatus: status as RunStatus | undefined,
    lastError: text(state.lastError),
    lastDurationMs: state.lastDurationMs as number | undefined,
    consecutiveErrors: (state.consecutiveErrors as number | undefined) ?? 0,
    autoDisabled: reason,
  };
}

function byId(list: unknown): Map<string, CronJob> {
  return new Map(uniqueBy(list, readJob, (job) => job.id).map((job) => [job.id, job]));
}

/** The most jobs one read asks for (the gateway's own page limit). */
const PAGE = 200;

// A `cron` event carries the whole job after each change: apply it; a removal drops it;
// anything else (no job, an unreadable one) reads the list again.
const applyCronEvent: EventReducer<Map<string, CronJob>> = (current, frame) => {
  const payload = isRecord(frame.payload) ? frame.payload : {};
  const jobId = text(payload.jobId);
  if (payload.action === 'removed' && jobId) {
    if (!current.has(jobId)) return current;
    const next = new Map(current);
    next.delete(jobId);
    return next;
  }
  const job = readJob(payload.job);
  if (!job || (jobId && job.id !== jobId)) return RELOAD;
  return new Map(current).set(job.id, job);
};

/** Every scheduled job (disabled ones too), live through the `cron` event. */
export const cronJobs = gatewayCollection<Map<string, CronJob>>({
  method: 'cron.list',
  initial: new Map(),
  load: async () => {
    const reply = await request<{ jobs?: unknown }>('cron.list', {
      includeDisabled: true,
      limit: PAGE,
    });
    return byId(reply?.jobs);
  },
  events: { cron: applyCronEvent },
});

/** The scheduler's own state: on or off, how many jobs, when it next wakes. */
export interface CronStatus {
  enabled?: boolean;
  jobs?: number;
  nextWakeAtMs?: number;
}

/** The scheduler's status (`cron.status`), re-read when a job changes. */
export const cronStatus = gatewayCollection<CronStatus | undefined>({
  method: 'cron.status',
  initial: undefined,
  load: async () =>
    cleanRecord<CronStatus>(await request('cron.status', {}), {
      enabled: 'boolean',
      jobs: 'number',
      nextWakeAtMs: 'number',
    }),
  events: { cron: 'reload' },
});

/** Why a job wants attention first: its last run failed, or its run is late. */
export type Attention = 'failing' | 'overdue' | undefined;

/** Whether a job needs attention at `now`. */
export function attentionOf(job: CronJob, now: number): Attention {
  if (job.lastRunStatus === 'error' || job.consecutiveErrors > 0 || job.autoDisabled)
    return 'failing';
  const late = job.nextRunAtMs !== undefined && now - job.nextRunAtMs > OVERDUE_GRACE_MS;
  if (job.enabled && late && job.runningAtMs === undefined) return 'overdue';
  return undefined;
}

const RANK = { failing: 0, overdue: 1, enabled: 2, disabled: 3 };

/** Jobs in the order an operator reads them: failing, overdue, then by next run; disabled last. */
export const cronRows = computed([cronJobs, clock], (state, now) =>
  [...state.value.values()]
    .map((job) => ({ job, attention: attentionOf(job, now) }))
    .sort((a, b) => {
      const rank = (row: typeof a) =>
        RANK[row.attention ?? (row.job.enabled ? 'enabled' : 'disabled')];
      const next = (row: typeof a) => row.job.nextRunAtMs ?? Number.MAX_SAFE_INTEGER;
      return rank(a) - rank(b) || next(a) - next(b) || a.job.label.localeCompare(b.job.label);
    }),
);

const $busy = atom<ReadonlySet<string>>(new Set());
const $errors = atom<ReadonlyMap<string, string>>(new Map());
/** Jobs with an action under way (their buttons wait). */
export const cronBusy = computed($busy, (busy) => busy);
/** The last failed action per job, in the gateway's words. */
export const cronErrors = computed($errors, (errors) => errors);

async function act(id: string, action: () => Promise<unknown>): Promise<Outcome> {
  $busy.set(new Set($busy.get()).add(id));
  const outcome = await attempt(action);
  const busy = new Set($busy.get());
  busy.delete(id);
  $busy.set(busy);
  const errors = new Map($errors.get());
  if (outcome.ok) errors.delete(id);
  else errors.set(id, outcome.error);
  $errors.set(errors);
  return outcome;
}

/** Runs a job now, whatever its schedule (`cron.run`, mode force); its outcome arrives as an event. */
export function runJobNow(id: string): Promise<Outcome> {
  return act(id, () => request('cron.run', { id, mode: 'force' }));
}

/** Turns a job on or off (`cron.update`); the list follows from the gateway's reply event. */
export function setJobEnabled(id: string, enabled: boolean): Promise<Outcome> {
  return act(id, async () => {
    await request('cron.update', { id, patch: { enabled } });
    // The event normally brings the change; a read makes sure even if it was dropped as slow.
    await cronJobs.refresh();
  });
}

import { persistentMap } from '@nanostores/persistent';
import { atom, computed, readonlyType } from 'nanostores';
import { describeError } from '../gateway/outcome';
import { announce, type AnnounceKind } from './announce';
import { connectionState } from './connection';
import { can, request } from './gateway-session';
import { activeRuns } from './run-map';
import {
  cancellableTasks,
  enabledJobs,
  readRecord,
  recordAfterResume,
  recordAfterStop,
  runTargets,
  type PausedRecord,
  type ResumeReport,
  type RunTarget,
  type StopReport,
} from './stop-all-plan';

/**
 * "Stop everything" and "Resume" on the connected gateway: abort every run in flight, cancel
 * background tasks, pause heartbeats and turn enabled scheduled jobs off; resume turns back on
 * exactly what was turned off here (remembered per gateway address in localStorage, so a
 * reload keeps it). Runs and tasks cannot be resumed: an aborted run stays aborted.
 */

/** Where the last stop or resume stands. */
export interface StopAllState {
  phase:
    'idle' | 'planning' | 'planned' | 'stopping' | 'stopped' | 'resuming' | 'resumed' | 'failed';
  plan?: StopPlan;
  stop?: StopReport;
  resume?: ResumeReport;
  error?: string;
}

// One JSON record per gateway address; a value that does not read back is dropped.
const $remembered = persistentMap<Record<string, string>>('openclaw-console:paused:', {});
const $state = atom<StopAllState>({ phase: 'idle' });
/** The last stop or resume and what the gateway said. */
export const stopAll = readonlyType($state);

function decode(raw: string | undefined): PausedRecord | undefined {
  try {
    return raw ? readRecord(JSON.parse(raw)) : undefined;
  } catch {
    return undefined;
  }
}

/** What this console paused on the gateway it is connected to, if anything. */
export const pausedHere = computed([$remembered, connectionState], (all, state) =>
  decode(all[state.url]),
);

function remember(url: string, record: PausedRecord | undefined): void {
  $remembered.setKey(url, record ? JSON.stringify(record) : undefined);
}

async function listAll(method: string, key: string, params: object): Promise<unknown[]> {
  const items: unknown[] = [];
  let offset = 0;
  // Pages until the gateway says there is no more (cron.list pages; tasks.list does not).
  for (let page = 0; page < 20; page++) {
    const reply = await request<Record<string, unknown>>(method, { ...params, offset });
    const list = reply?.[key];
    if (Array.isArray(list)) items.push(...list);
    if (reply?.hasMore !== true || typeof reply.nextOffset !== 'number') break;
    offset = reply.nextOffset;
  }
  return items;
}

/** Exactly what a stop will do, read from the gateway just before the user confirms. */
export interface StopPlan {
  runs: RunTarget[];
  tasks: string[];
  heartbeats: boolean;
  jobs: { id: string; name: string }[];
  /** Enabled jobs the gateway owns itself: it refuses to let clients edit them. */
  ownedJobs: string[];
}

/** Reads what a stop would touch now (nothing is changed); each part only where allowed. */
export async function planStop(): Promise<StopPlan | undefined> {
  const allowed = can.get();
  $state.set({ phase: 'planning' });
  try {
    // What a pause touches (heartbeats, enabled jobs), then the runs and tasks a stop adds.
    const plan = await planPause();
    if (allowed('chat.abort')) {
      const list = await request<{ sessions?: unknown }>('sessions.list', { limit: 500 });
      const known = activeRuns.get().map(({ sessionKey, runId }) => ({ sessionKey, runId }));
      plan.runs = runTargets(list?.sessions, known);
    }
    if (allowed('tasks.cancel') && allowed('tasks.list')) {
      plan.tasks = cancellableTasks((await request<{ tasks?: unknown }>('tasks.list', {}))?.tasks);
    }
    $state.set({ phase: 'planned', plan });
    return plan;
  } catch (error) {
    $state.set({ phase: 'failed', error: describeError(error) });
    return undefined;
  }
}

/**
 * What a pause at a spend budget's limit touches: heartbeats and enabled scheduled jobs (each
 * where allowed); runs in flight and tasks are left to finish.
 */
export async function planPause(): Promise<StopPlan> {
  const allowed = can.get();
  const jobs = allowed('cron.update') ? await listAll('cron.list', 'jobs', { limit: 200 }) : [];
  return {
    heartbeats: allowed('set-heartbeats'),
    jobs: enabledJobs(jobs),
    ownedJobs: enabledJobs(jobs, true).map((job) => job.name),
    runs: [],
    tasks: [],
  };
}

/** Carries out a confirmed plan, remembers what it paused and tells the other operators. */
export async function stopEverything(
  plan: StopPlan,
  who: string,
  kind: AnnounceKind = 'stopAll',
): Promise<void> {
  const url = connectionState.get().url;
  $state.set({ phase: 'stopping', plan });
  const report: StopReport = {
    runsAborted: [],
    runsFailed: [],
    tasksCancelled: [],
    tasksRefused: [],
    heartbeats: 'unavailable',
    jobsPaused: [],
    jobsFailed: [],
  };
  // Scheduled jobs and heartbeats first, so nothing new starts while runs are being aborted.
  for (const job of plan.jobs) {
    try {
      await request('cron.update', { id: job.id, patch: { enabled: false } });
      report.jobsPaused.push(job);
    } catch (error) {
      report.jobsFailed.push({ ...job, error: describeError(error) });
    }
  }
  if (plan.heartbeats) {
    report.heartbeats = await request('set-heartbeats', { enabled: false }).then(
      () => 'paused' as const,
      () => 'failed' as const,
    );
  }
  // Remembered before the slower part, so a reload now still knows what to resume.
  remember(url, recordAfterStop(decode($remembered.get()[url]), report, Date.now()));
  for (const target of plan.runs) {
    try {
      let reply = await request<Record<string, unknown>>('chat.abort', target);
      // A run id the gateway does not know (an agent-side id): try its whole session.
      if (reply?.aborted === false && target.runId)
        reply = await request('chat.abort', { sessionKey: target.sessionKey });
      // `aborted: false` means the gateway found no such run (it may have just ended).
      if (reply?.aborted === false) report.runsFailed.push({ target, error: 'no run to abort' });
      else report.runsAborted.push(target);
    } catch (error) {
      report.runsFailed.push({ target, error: describeError(error) });
    }
  }
  for (const id of plan.tasks) {
    const reply = await request<Record<string, unknown>>('tasks.cancel', {
      taskId: id,
      reason: `stopped from the console by ${who}`,
    }).catch((error: unknown) => ({ cancelled: false, reason: describeError(error) }));
    if (reply?.cancelled === true) report.tasksCancelled.push(id);
    else report.tasksRefused.push({ id, reason: String(reply?.reason ?? 'not cancelled') });
  }
  $state.set({ phase: 'stopped', stop: report });
  void announce(kind, who);
}

/** Turns back on exactly what this console paused on the connected gateway. */
export async function resumeEverything(who: string): Promise<void> {
  const url = connectionState.get().url;
  const record = decode($remembered.get()[url]);
  if (!record) return;
  $state.set({ phase: 'resuming' });
  const report: ResumeReport = { heartbeats: 'none', jobsResumed: [], jobsFailed: [] };
  if (record.heartbeats) {
    report.heartbeats = await request('set-heartbeats', { enabled: true }).then(
      () => 'resumed' as const,
      () => 'failed' as const,
    );
  }
  for (const job of record.jobs) {
    try {
      await request('cron.update', { id: job.id, patch: { enabled: true } });
      report.jobsResumed.push(job);
    } catch (error) {
      report.jobsFailed.push({ ...job, error: describeError(error) });
    }
  }
  remember(url, recordAfterResume(record, report));
  $state.set({ phase: 'resumed', resume: report });
  void announce('resume', who);
}

/** Forgets the remembered pause without touching the gateway (e.g. the jobs were deleted). */
export function forgetPaused(): void {
  remember(connectionState.get().url, undefined);
}

/** Clears the last outcome from the screen (the remembered pause stays). */
export function dismissStopAll(): void {
  $state.set({ phase: 'idle' });
}

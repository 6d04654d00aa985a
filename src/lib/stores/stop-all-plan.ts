import { isRecord } from './validate';

/**
 * The bookkeeping of "stop everything" and "resume", kept free of requests so it can be tested
 * alone. The rule: resume restores exactly what this console paused, nothing more; a job the
 * user had off stays off, a job that failed to pause is not "resumed", and a second stop adds
 * to what is remembered instead of replacing it.
 */

/** What this console paused on one gateway, remembered across reloads. */
export interface PausedRecord {
  /** When it was (last) paused. */
  at: number;
  /** Whether this console turned heartbeats off (the gateway cannot say if they were on). */
  heartbeats: boolean;
  /** Scheduled jobs this console turned off: id and name, to say which on screen. */
  jobs: { id: string; name: string }[];
}

/** A run to abort: its session, and its id when known (without it, the session's runs are aborted). */
export interface RunTarget {
  sessionKey: string;
  runId?: string;
}

/** What one stop did, as the gateway reported it. */
export interface StopReport {
  runsAborted: RunTarget[];
  runsFailed: { target: RunTarget; error: string }[];
  tasksCancelled: string[];
  tasksRefused: { id: string; reason: string }[];
  heartbeats: 'paused' | 'failed' | 'unavailable';
  jobsPaused: { id: string; name: string }[];
  jobsFailed: { id: string; name: string; error: string }[];
}

/** What one resume did. */
export interface ResumeReport {
  heartbeats: 'resumed' | 'failed' | 'none';
  jobsResumed: { id: string; name: string }[];
  jobsFailed: { id: string; name: string; error: string }[];
}

const text = (value: unknown, max = 200) =>
  typeof value === 'string' && value.trim() ? value.slice(0, max) : undefined;

/**
 * Runs in flight: every session the gateway marks busy is aborted whole (`chat.abort
 * {sessionKey}` stops all its runs, whatever id they go by), and runs this console saw running
 * in sessions the list does not mark (a list read a moment too early) by their run id.
 */
export function runTargets(
  sessions: unknown,
  knownRuns: readonly { sessionKey: string; runId: string }[],
): RunTarget[] {
  const targets = new Map<string, RunTarget>();
  for (const row of Array.isArray(sessions) ? sessions : []) {
    if (!isRecord(row) || row.hasActiveRun !== true) continue;
    const key = text(row.key, 1000);
    if (key) targets.set(`s:${key}`, { sessionKey: key });
  }
  for (const run of knownRuns) {
    if (!targets.has(`s:${run.sessionKey}`)) targets.set(`r:${run.runId}`, { ...run });
  }
  return [...targets.values()];
}

/** Background tasks that can still be cancelled (queued or running), by id. */
export function cancellableTasks(tasks: unknown): string[] {
  const ids = new Set<string>();
  for (const task of Array.isArray(tasks) ? tasks : []) {
    if (!isRecord(task)) continue;
    const id = text(task.taskId) ?? text(task.id);
    if (id && (task.status === 'queued' || task.status === 'running')) ids.add(id);
  }
  return [...ids];
}

/**
 * Enabled scheduled jobs, the ones a stop turns off; with `owned`, the enabled jobs the gateway
 * declared itself (`declarationKey`), which it refuses to let clients edit (measured on 2026.9.6:
 * "system-owned monitor jobs cannot be edited by cron clients").
 */
export function enabledJobs(jobs: unknown, owned = false): { id: string; name: string }[] {
  const found = new Map<string, { id: string; name: string }>();
  for (const job of Array.isArray(jobs) ? jobs : []) {
    if (!isRecord(job) || job.enabled !== true) continue;
    if ((typeof job.declarationKey === 'string') !== owned) continue;
    const id = text(job.id);
    if (id) found.set(id, { id, name: text(job.name) ?? id });
  }
  return [...found.values()];
}

/** The record after a stop: what was there before plus what this stop paused. */
export function recordAfterStop(
  previous: PausedRecord | undefined,
  report: StopReport,
  now: number,
): PausedRecord | undefined {
  const jobs = new Map((previous?.jobs ?? []).map((job) => [job.id, job]));
  for (const job of report.jobsPaused) jobs.set(job.id, job);
  const heartbeats = (previous?.heartbeats ?? false) || report.heartbeats === 'paused';
  if (!heartbeats && jobs.size === 0) return previous;
  return { at: now, heartbeats, jobs: [...jobs.values()] };
}

/** The record after a resume: only what failed to come back stays remembered. */
export function recordAfterResume(
  record: PausedRecord,
  report: ResumeReport,
): PausedRecord | undefined {
  const failed = new Set(report.jobsFailed.map((job) => job.id));
  const jobs = record.jobs.filter((job) => failed.has(job.id));
  const heartbeats = record.heartbeats && report.heartbeats === 'failed';
  return heartbeats || jobs.length ? { ...record, heartbeats, jobs } : undefined;
}

/** Reads a remembered record back from storage; anything malformed is dropped. */
export function readRecord(value: unknown): PausedRecord | undefined {
  if (!isRecord(value) || typeof value.at !== 'number') return undefined;
  const jobs = (Array.isArray(value.jobs) ? value.jobs : []).flatMap((job) => {
    const id = isRecord(job) ? text(job.id) : undefined;
    return id ? [{ id, name: text((job as Record<string, unknown>).name) ?? id }] : [];
  });
  return { at: value.at, heartbeats: value.heartbeats === true, jobs };
}

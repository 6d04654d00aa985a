import { describe, expect, it } from 'vitest';
import {
  cancellableTasks,
  enabledJobs,
  readRecord,
  recordAfterResume,
  recordAfterStop,
  runTargets,
  type StopReport,
} from './stop-all-plan';

const report = (over: Partial<StopReport> = {}): StopReport => ({
  runsAborted: [],
  runsFailed: [],
  tasksCancelled: [],
  tasksRefused: [],
  heartbeats: 'paused',
  jobsPaused: [],
  jobsFailed: [],
  ...over,
});
const job = (id: string) => ({ id, name: `job ${id}` });

describe('what a stop touches', () => {
  it('aborts busy sessions whole, and runs seen elsewhere by id, each once', () => {
    const sessions = [
      { key: 'a', hasActiveRun: true },
      { key: 'b', hasActiveRun: true },
      { key: 'c', hasActiveRun: false },
      { key: 'b', hasActiveRun: true },
      'junk',
      { hasActiveRun: true },
    ];
    const known = [
      { sessionKey: 'a', runId: 'r1' },
      { sessionKey: 'z', runId: 'r9' },
    ];
    expect(runTargets(sessions, known)).toEqual([
      { sessionKey: 'a' },
      { sessionKey: 'b' },
      { sessionKey: 'z', runId: 'r9' },
    ]);
    expect(runTargets(undefined, [])).toEqual([]);
  });

  it('cancels only queued and running tasks', () => {
    const tasks = [
      { id: 't1', status: 'running' },
      { taskId: 't2', status: 'queued' },
      { id: 't3', status: 'completed' },
      { id: 't1', status: 'running' },
      null,
    ];
    expect(cancellableTasks(tasks)).toEqual(['t1', 't2']);
  });

  it('turns off only jobs that are enabled now', () => {
    const jobs = [
      { id: 'on', name: 'Nightly', enabled: true },
      { id: 'off', name: 'Old', enabled: false },
      { id: 'noname', enabled: true },
      { name: 'no id', enabled: true },
      { id: 'sys', name: 'Gateway review', enabled: true, declarationKey: 'review:main' },
    ];
    expect(enabledJobs(jobs, true)).toEqual([{ id: 'sys', name: 'Gateway review' }]);
    expect(enabledJobs(jobs)).toEqual([
      { id: 'on', name: 'Nightly' },
      { id: 'noname', name: 'noname' },
    ]);
  });
});

describe('resume restores exactly what was paused', () => {
  it('remembers what a stop paused, not what failed to pause', () => {
    const after = recordAfterStop(
      undefined,
      report({ jobsPaused: [job('1')], jobsFailed: [{ ...job('2'), error: 'x' }] }),
      5,
    );
    expect(after).toEqual({ at: 5, heartbeats: true, jobs: [job('1')] });
  });

  it('a stop that paused nothing remembers nothing', () => {
    expect(recordAfterStop(undefined, report({ heartbeats: 'failed' }), 5)).toBeUndefined();
  });

  it('a second stop adds to the first instead of replacing it', () => {
    const first = recordAfterStop(undefined, report({ jobsPaused: [job('1')] }), 5);
    // The second stop found job 1 already off (so did not pause it) and paused job 3.
    const second = recordAfterStop(
      first,
      report({ heartbeats: 'failed', jobsPaused: [job('3')] }),
      9,
    );
    expect(second).toEqual({ at: 9, heartbeats: true, jobs: [job('1'), job('3')] });
  });

  it('forgets what came back and keeps what did not', () => {
    const record = { at: 1, heartbeats: true, jobs: [job('1'), job('2')] };
    const partly = recordAfterResume(record, {
      heartbeats: 'resumed',
      jobsResumed: [job('1')],
      jobsFailed: [{ ...job('2'), error: 'gone' }],
    });
    expect(partly).toEqual({ at: 1, heartbeats: false, jobs: [job('2')] });
    const all = recordAfterResume(record, {
      heartbeats: 'resumed',
      jobsResumed: [job('1'), job('2')],
      jobsFailed: [],
    });
    expect(all).toBeUndefined();
    const hbFailed = recordAfterResume(record, {
      heartbeats: 'failed',
      jobsResumed: record.jobs,
      jobsFailed: [],
    });
    expect(hbFailed).toEqual({ at: 1, heartbeats: true, jobs: [] });
  });

  it('reads a stored record back and drops a malformed one', () => {
    expect(readRecord({ at: 3, heartbeats: true, jobs: [{ id: 'a' }, { name: 'x' }, 7] })).toEqual({
      at: 3,
      heartbeats: true,
      jobs: [{ id: 'a', name: 'a' }],
    });
    expect(readRecord({ heartbeats: true })).toBeUndefined();
    expect(readRecord('x')).toBeUndefined();
  });
});

import { cleanStores } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { fixture } from '../testing/frames';
import { answer, connectLive } from '../testing/live';
import { disconnect } from './connection';
import { attentionOf, cronJobs, cronRows, readJob, runJobNow, setJobEnabled } from './cron';
import { editJob } from './cron-add';
import { cronRuns, toggleRuns } from './cron-runs';

type Rpc<T> = { response: { payload: T } };
type Frame = { event: string; payload: Record<string, unknown> };
const list = () => fixture<Rpc<{ jobs: unknown[] }>>('rpc/cron.list.jobs.json').response.payload;
const events = () => fixture<Frame[]>('events/cron.json');
const ADMIN = (hello: { payload: unknown }) => {
  (hello.payload as { auth: { scopes: string[] } }).auth.scopes = ['operator.admin'];
};

beforeEach(() => {
  useFakePlatform();
  cronRows.listen(() => {});
});
afterEach(() => {
  cleanStores(cronJobs, cronRows, cronRuns);
  disconnect();
});

async function listed() {
  const socket = await connectLive(ADMIN);
  await answer(socket, 'cron.list', list());
  await vi.waitFor(() => expect(cronJobs.get().loaded).toBe(true));
  return socket;
}

describe('scheduled jobs', () => {
  it('asks for disabled jobs too and reads the real cron.list answer', async () => {
    const socket = await listed();
    expect(socket.lastRequest('cron.list').params).toMatchObject({ includeDisabled: true });
    const jobs = [...cronJobs.get().value.values()];
    expect(jobs.map((job) => job.name).sort()).toEqual([
      'e2e-cronexpr',
      'e2e-measure',
      'heartbeat-main',
      'skill-collection-review-main',
    ]);
    const failed = cronJobs.get().value.get(list().jobs.find(isMeasure)!.id)!;
    expect(failed).toMatchObject({ enabled: false, lastRunStatus: 'error', consecutiveErrors: 1 });
    expect(failed.lastError).toContain('Channel is required');
    expect(readJob({ id: 'x', name: 'n', displayName: 'Shown', enabled: true })?.label).toBe(
      'Shown',
    );
  });

  it('puts failing and overdue jobs first, disabled ones last', async () => {
    await listed();
    const names = cronRows.get().map((row) => [row.job.name, row.attention]);
    expect(names[0]).toEqual(['e2e-measure', 'failing']);
    expect(names.at(-1)).toEqual(['heartbeat-main', undefined]);
    const job = readJob({ id: 'o', name: 'o', enabled: true, state: { nextRunAtMs: 1_000 } })!;
    expect(attentionOf(job, 1_000 + 60_000)).toBeUndefined();
    expect(attentionOf(job, 1_000 + 180_000)).toBe('overdue');
    expect(attentionOf({ ...job, runningAtMs: 5 }, 1_000 + 180_000)).toBeUndefined();
    expect(attentionOf({ ...job, enabled: false }, 1_000 + 180_000)).toBeUndefined();
  });

  it('applies the real cron events (each carries the whole job) without reading again', async () => {
    const socket = await listed();
    const reads = socket.sent.filter((f) => f.method === 'cron.list').length;
    const updated = events().find((e) => e.payload.action === 'updated')!;
    socket.receive({ type: 'event', ...updated });
    await vi.waitFor(() =>
      expect(cronJobs.get().value.get(updated.payload.jobId as string)?.enabled).toBe(false),
    );
    socket.receive({
      type: 'event',
      event: 'cron',
      payload: { action: 'removed', jobId: updated.payload.jobId },
    });
    await vi.waitFor(() =>
      expect(cronJobs.get().value.has(updated.payload.jobId as string)).toBe(false),
    );
    expect(socket.sent.filter((f) => f.method === 'cron.list').length).toBe(reads);
    // An event without a readable job reads the list again.
    socket.receive({ type: 'event', event: 'cron', payload: { action: 'started', jobId: 'z' } });
    await vi.waitFor(() =>
      expect(socket.sent.filter((f) => f.method === 'cron.list').length).toBe(reads + 1),
    );
  });

  it('runs now and enables through the gateway, keeping its refusal in words', async () => {
    const socket = await listed();
    const id = list().jobs.find(isMeasure)!.id;
    const run = runJobNow(id);
    await answer(socket, 'cron.run', fixture<Rpc<unknown>>('rpc/cron.run.json').response.payload);
    expect(await run).toEqual({ ok: true });
    expect(socket.lastRequest('cron.run').params).toEqual({ id, mode: 'force' });
    const enable = setJobEnabled(id, true);
    await answer(socket, 'cron.update', null, { code: 'INVALID_REQUEST', message: 'nope' });
    expect(await enable).toEqual({ ok: false, error: 'nope (INVALID_REQUEST)' });
    expect(socket.lastRequest('cron.update').params).toEqual({ id, patch: { enabled: true } });
  });

  it('edits only name, schedule and message, and only the version it read', async () => {
    const socket = await listed();
    const job = cronJobs.get().value.get(list().jobs.find(isMeasure)!.id)!;
    expect(job.configRevision).toMatch(/^sha256:/);
    const edit = editJob(job, {
      name: 'renamed',
      schedule: { kind: 'every', everyMs: 60_000 },
      payload: { kind: 'agentTurn', message: 'new' },
      sessionTarget: 'isolated',
    });
    await answer(socket, 'cron.update', null, {
      code: 'INVALID_REQUEST',
      message: 'config revision mismatch',
    });
    await vi.waitFor(() =>
      expect(socket.sent.filter((f) => f.method === 'cron.list').length).toBe(2),
    );
    await answer(socket, 'cron.list', list());
    expect(await edit).toEqual({ ok: false, error: 'config revision mismatch (INVALID_REQUEST)' });
    expect(socket.lastRequest('cron.update').params).toEqual({
      id: job.id,
      patch: {
        name: 'renamed',
        schedule: { kind: 'every', everyMs: 60_000 },
        payload: { kind: 'agentTurn', message: 'new' },
      },
      expectedConfigRevision: job.configRevision,
    });
  });

  it('shows a job’s recent runs and reads them again when one finishes', async () => {
    const socket = await listed();
    const runs = fixture<Rpc<{ entries: unknown[] }>>('rpc/cron.runs.json').response.payload;
    const id = list().jobs.find(isMeasure)!.id;
    toggleRuns(id);
    await answer(socket, 'cron.runs', runs);
    await vi.waitFor(() => expect(cronRuns.get().get(id)?.runs).toHaveLength(1));
    expect(cronRuns.get().get(id)!.runs[0]).toMatchObject({ status: 'error' });
    expect(cronRuns.get().get(id)!.runs[0]!.error).toContain('Channel is required');
    const finished = events().find(
      (e) => e.payload.action === 'finished' && e.payload.jobId === id,
    )!;
    socket.receive({ type: 'event', ...finished });
    await vi.waitFor(() =>
      expect(socket.sent.filter((f) => f.method === 'cron.runs').length).toBe(2),
    );
    toggleRuns(id);
    expect(cronRuns.get().has(id)).toBe(false);
  });
});

function isMeasure(job: unknown): job is { id: string } {
  return (job as { name?: string }).name === 'e2e-measure';
}

import { atom, onMount, readonlyType } from 'nanostores';
import { describeError } from '../gateway/outcome';
import { onGatewayEvent, request } from './gateway-session';
import { cleanRecord, isRecord, uniqueBy } from './validate';

/** One finished run of a job (`cron.runs` entry, checked). */
export interface CronRun {
  key: string;
  ts: number;
  runAtMs?: number;
  status?: 'ok' | 'error' | 'skipped';
  error?: string;
  summary?: string;
  durationMs?: number;
  deliveryStatus?: string;
  model?: string;
}

/** A job's recent runs as the page shows them. */
export interface RunsState {
  runs: CronRun[];
  loading: boolean;
  error?: string;
}

/** How many recent runs are shown per job. */
export const RUNS_SHOWN = 10;

/** A run entry the page can render, or undefined without its time. */
export function readRun(value: unknown): CronRun | undefined {
  const run = cleanRecord<Omit<CronRun, 'key'> & { runId?: string }>(
    value,
    {
      ts: 'number',
      runAtMs: 'number',
      status: 'string',
      error: 'string',
      summary: 'string',
      durationMs: 'number',
      deliveryStatus: 'string',
      model: 'string',
      runId: 'string',
    },
    { required: ['ts'] },
  );
  if (!run) return undefined;
  const status = ['ok', 'error', 'skipped'].includes(run.status ?? '') ? run.status : undefined;
  return { ...run, status, key: run.runId ?? `${run.ts}:${run.runAtMs ?? ''}` };
}

const $runs = atom<ReadonlyMap<string, RunsState>>(new Map());
/** Recent runs of each job whose history is open, keyed by job id. */
export const cronRuns = readonlyType($runs);

function put(id: string, state: RunsState | undefined) {
  const next = new Map($runs.get());
  if (state) next.set(id, state);
  else next.delete(id);
  $runs.set(next);
}

async function load(id: string): Promise<void> {
  put(id, { runs: $runs.get().get(id)?.runs ?? [], loading: true });
  try {
    const reply = await request<{ entries?: unknown }>('cron.runs', {
      id,
      limit: RUNS_SHOWN,
      sortDir: 'desc',
    });
    // Closed while the read was under way: nobody wants it now.
    if (!$runs.get().has(id)) return;
    put(id, { runs: uniqueBy(reply?.entries, readRun, (run) => run.key), loading: false });
  } catch (error) {
    if ($runs.get().has(id)) put(id, { runs: [], loading: false, error: describeError(error) });
  }
}

/** Opens a job's recent runs (reading them) or closes them. */
export function toggleRuns(id: string): void {
  if ($runs.get().has(id)) put(id, undefined);
  else void load(id);
}

// While any history is shown, a run that finishes for it is read again; leaving closes them all.
onMount($runs, () => {
  const off = onGatewayEvent('cron', (frame) => {
    const payload = isRecord(frame.payload) ? frame.payload : {};
    const id = typeof payload.jobId === 'string' ? payload.jobId : undefined;
    if (id && payload.action === 'finished' && $runs.get().has(id)) void load(id);
  });
  return () => {
    off();
    $runs.set(new Map());
  };
});

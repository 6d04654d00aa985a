import type { RunView } from './runs';

/** How the run map stays bounded on a board left on for days. No stores here. */

/** Runs kept; beyond it ended runs go oldest first. */
export const MAX_RUNS = 500;
/** How many failures are remembered (never dropped while among the newest). */
export const MAX_FAILURES = 20;
/** A running run silent this long is presumed lost and may go when the map is full. */
export const STALE_RUN_MS = 6 * 60 * 60_000;

/**
 * The runs to drop when the map holds more than MAX_RUNS: ended ones oldest first (sparing
 * the newest failures), then running ones silent for STALE_RUN_MS. Down to nine tenths, so
 * a busy board does not sort on every new run.
 */
export function runsToDrop(
  runs: ReadonlyMap<string, RunView>,
  lastEventAt: ReadonlyMap<string, number>,
  now: number,
): string[] {
  if (runs.size <= MAX_RUNS) return [];
  const ended = [...runs.values()].filter((run) => run.state !== 'running');
  const failures = new Set(newestFailures(ended));
  let excess = runs.size - Math.floor(MAX_RUNS * 0.9);
  const drop: string[] = [];
  const take = (run: RunView) => {
    drop.push(run.runId);
    excess -= 1;
  };
  for (const run of ended.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0))) {
    if (excess > 0 && !failures.has(run)) take(run);
  }
  for (const run of runs.values()) {
    const silentSince = lastEventAt.get(run.runId) ?? run.startedAt;
    if (excess > 0 && run.state === 'running' && silentSince < now - STALE_RUN_MS) take(run);
  }
  return drop;
}

/** The newest failures, newest first. */
export function newestFailures(runs: Iterable<RunView>): RunView[] {
  // Reversed first: of two failures in the same millisecond the one heard last counts as newest
  // (the sort is stable); otherwise the second of them never became "the latest" and was not
  // notified.
  return [...runs]
    .filter((run) => run.state === 'error')
    .reverse()
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))
    .slice(0, MAX_FAILURES);
}

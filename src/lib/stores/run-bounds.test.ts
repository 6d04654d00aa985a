import { describe, expect, it } from 'vitest';
import { MAX_FAILURES, MAX_RUNS, newestFailures, runsToDrop, STALE_RUN_MS } from './run-bounds';
import { newRun, type RunView } from './runs';

const ended = (id: string, endedAt: number, state: RunView['state'] = 'final'): RunView => ({
  ...newRun(id, 'agent:main:main', 0),
  state,
  endedAt,
});
const mapOf = (runs: RunView[]) => new Map(runs.map((run) => [run.runId, run]));

describe('runsToDrop', () => {
  it('drops nothing within the bound', () => {
    const runs = mapOf(Array.from({ length: MAX_RUNS }, (_, i) => ended(`r${i}`, i)));
    expect(runsToDrop(runs, new Map(), 0)).toEqual([]);
  });

  it('drops ended runs oldest first down to nine tenths, sparing the newest failures', () => {
    const failures = Array.from({ length: MAX_FAILURES }, (_, i) => ended(`f${i}`, i, 'error'));
    const rest = Array.from({ length: MAX_RUNS }, (_, i) => ended(`r${i}`, 1_000 + i));
    const drop = runsToDrop(mapOf([...failures, ...rest]), new Map(), 0);
    expect(drop).toHaveLength(MAX_RUNS + MAX_FAILURES - Math.floor(MAX_RUNS * 0.9));
    expect(drop[0]).toBe('r0');
    expect(drop.some((id) => id.startsWith('f'))).toBe(false);
  });

  it('drops a running run only when it has been silent for long and the map is still full', () => {
    const now = STALE_RUN_MS * 10;
    const running = Array.from({ length: MAX_RUNS + 1 }, (_, i) => newRun(`s${i}`, 'k', now));
    const lastEventAt = new Map([['s0', now - STALE_RUN_MS - 1]]);
    expect(runsToDrop(mapOf(running), lastEventAt, now)).toEqual(['s0']);
  });

  it('lists the newest failures first', () => {
    const runs = [
      ended('a', 1, 'error'),
      ended('b', 3, 'error'),
      ended('c', 2),
      ended('d', 2, 'error'),
    ];
    expect(newestFailures(runs).map((run) => run.runId)).toEqual(['b', 'd', 'a']);
  });

  it('counts the failure heard last as the newest when two end in the same millisecond', () => {
    const runs = [ended('first', 5, 'error'), ended('second', 5, 'error')];
    expect(newestFailures(runs)[0]?.runId).toBe('second');
  });
});

/** The most runs remembered as started from this page (a day of work, many times over). */
const MAX_MINE = 200;
const mine = new Set<string>();

/** Records a run this page started (its send was accepted), so its end can be told to its sender. */
export function markMine(runId: string): void {
  mine.add(runId);
  if (mine.size > MAX_MINE) mine.delete(mine.values().next().value!);
}

/** The runs this page started, oldest first. */
export function myRuns(): ReadonlySet<string> {
  return mine;
}

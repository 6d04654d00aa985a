import { computed } from 'nanostores';
import { sessionRows, type SessionRow } from './sessions';

/** Sessions the sidebar beside a session lists: enough to switch between, few enough to stay light. */
export const SIDEBAR_LIMIT = 50;

const updated = (row: SessionRow) => row.updatedAt ?? 0;

/**
 * The `limit` most recently updated rows, newest first (ties keep the gateway's order). A bounded
 * insertion instead of sorting every row: the list is recomputed on each `sessions.changed`.
 */
export function mostRecent(rows: readonly SessionRow[], limit = SIDEBAR_LIMIT): SessionRow[] {
  const top: SessionRow[] = [];
  if (limit <= 0) return top;
  for (const row of rows) {
    const at = updated(row);
    if (top.length === limit && at <= updated(top.at(-1)!)) continue;
    // After every row updated at the same time or later, so equal times stay in arrival order.
    let low = 0;
    let high = top.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (updated(top[mid]!) >= at) low = mid + 1;
      else high = mid;
    }
    top.splice(low, 0, row);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** The sidebar's most recent sessions (without the open one's special case, see `withCurrent`). */
export const recentSessions = computed(sessionRows, (rows) => mostRecent(rows));

/** The list to show: the recent ones, and the open session at the end when it is older than those. */
export function withCurrent(
  recent: readonly SessionRow[],
  current: SessionRow | undefined,
): readonly SessionRow[] {
  if (!current || recent.some((row) => row.key === current.key)) return recent;
  return [...recent, current];
}

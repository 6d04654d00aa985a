import type { EventFrame } from '@openclaw/gateway-client/browser';
import { BAD_STATUSES, LEDGER_LAG_MS, readActivityPage, type ActivityItem } from './activity-items';
import { gatewayCollection } from './collection';
import { request } from './gateway-session';

/** How far back the wall's ticker looks. */
export const TICKER_WINDOW_MS = 86_400_000;
/** The most rows the ticker keeps (a wall cannot scroll). */
export const TICKER_ROWS = 8;

async function loadTrouble(now = Date.now()): Promise<ActivityItem[]> {
  // The gateway filters by one status at a time: ask for each kind of trouble, then merge.
  const pages = await Promise.all(
    BAD_STATUSES.map((status) =>
      request('audit.activity.list', { status, after: now - TICKER_WINDOW_MS, limit: TICKER_ROWS }),
    ),
  );
  const byId = new Map<string, ActivityItem>();
  for (const payload of pages)
    for (const item of readActivityPage(payload).items) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => b.at - a.at).slice(0, TICKER_ROWS);
}

let timer: ReturnType<typeof setTimeout> | undefined;
// A run that ended may have gone wrong; its ledger row lands a moment later, so look then.
const later = (frame: EventFrame) => {
  const payload = frame.payload as {
    state?: unknown;
    stream?: unknown;
    data?: { phase?: unknown };
  };
  const ended =
    ['error', 'aborted'].includes(String(payload?.state)) ||
    (payload?.stream === 'lifecycle' && payload.data?.phase === 'error');
  if (ended) {
    clearTimeout(timer);
    timer = setTimeout(() => void troubleTicker.refresh(), LEDGER_LAG_MS);
  }
};

/** Failed, blocked and timed-out work of the last day, newest first (the wall's ticker). */
export const troubleTicker = gatewayCollection<ActivityItem[]>({
  method: 'audit.activity.list',
  initial: [],
  load: () => loadTrouble(),
  events: {
    chat: (current, frame) => (later(frame), current),
    agent: (current, frame) => (later(frame), current),
  },
});

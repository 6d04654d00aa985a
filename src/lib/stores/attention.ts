import { computed } from 'nanostores';
import { pendingApprovals } from './approvals';
import { budgetBadge } from './budget-badge';
import { channelAlarms } from './channel-alarm';
import { clock } from './clock';
import { isLive } from './connection';
import { pendingDevices } from './devices';
import { channels, health, healthVerdict } from './health';
import { recentFailures } from './run-map';
import type { RunView } from './runs';

/** What the overview's attention list can name, most urgent first. */
export type AttentionKind =
  | 'unhealthy'
  | 'approvals'
  | 'channelsDown'
  | 'channelWatch'
  | 'pairing'
  | 'budgetOver'
  | 'failures'
  | 'budgetWarning';

/** One thing that needs the operator on this gateway, and where to deal with it. */
export interface AttentionItem {
  kind: AttentionKind;
  /** How many (approvals, devices, failed runs, channels) or the budget's percent. */
  count: number;
  /** Channel names for `channelsDown` (untrusted text, isolated where shown). */
  names?: readonly string[];
  /** Where the operator deals with it: a page, or a panel of the overview (`#id`). */
  href: string;
}

const RANK: Record<AttentionKind, number> = {
  unhealthy: 0,
  approvals: 1,
  channelsDown: 2,
  channelWatch: 3,
  pairing: 4,
  budgetOver: 5,
  failures: 6,
  budgetWarning: 7,
};

/** How far back a failed run still counts as needing attention. */
export const FAILURE_WINDOW_MS = 60 * 60_000;

/** Failed runs that ended within the window before `now`. */
export function failuresSince(failures: readonly RunView[], now: number): number {
  return failures.filter((run) => (run.endedAt ?? 0) >= now - FAILURE_WINDOW_MS).length;
}

let shown: AttentionItem[] = [];
const signature = (items: readonly AttentionItem[]) =>
  JSON.stringify(items.map((item) => [item.kind, item.count, item.names ?? []]));

/**
 * What needs the operator on the connected gateway, most urgent first; empty when nothing does
 * (or nothing is known: while offline the panels say so themselves). The same array while
 * nothing changed, so the clock's tick re-renders nothing.
 */
export const attention = computed(
  [
    isLive,
    health,
    pendingApprovals,
    channels,
    pendingDevices,
    budgetBadge,
    recentFailures,
    clock,
    channelAlarms,
  ],
  (live, snapshot, approvals, chans, devices, budget, failures, now, alarms): AttentionItem[] => {
    const items: AttentionItem[] = [];
    if (live) {
      if (healthVerdict(snapshot.value) === 'bad')
        items.push({ kind: 'unhealthy', count: 1, href: '#health-heading' });
      if (approvals.length)
        items.push({ kind: 'approvals', count: approvals.length, href: '/approvals' });
      const down = chans.filter((channel) => channel.ok === false).map((channel) => channel.label);
      if (down.length)
        items.push({
          kind: 'channelsDown',
          count: down.length,
          names: down,
          href: '#health-heading',
        });
      // The channel watchdog's alarms (accounts down or quiet), with restart on its panel.
      // A channel the health snapshot already names as down is not named twice.
      const downIds = new Set(chans.filter((c) => c.ok === false).map((c) => c.id));
      const watched = alarms
        .filter((alarm) => alarm.reason !== 'down' || !downIds.has(alarm.channel))
        .map((alarm) => `${alarm.label}/${alarm.accountId}`);
      if (watched.length)
        items.push({
          kind: 'channelWatch',
          count: watched.length,
          names: watched,
          href: '#channels-heading',
        });
      if (devices.length)
        items.push({ kind: 'pairing', count: devices.length, href: '#devices-heading' });
      const failed = failuresSince(failures, now);
      if (failed) items.push({ kind: 'failures', count: failed, href: '/activity?status=failed' });
    }
    if (budget && budget.reached > 0) {
      const percent = Math.floor(budget.percent);
      const kind = budget.reached >= 100 ? 'budgetOver' : 'budgetWarning';
      items.push({ kind, count: percent, href: '/usage' });
    }
    items.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
    return signature(items) === signature(shown) ? shown : (shown = items);
  },
);

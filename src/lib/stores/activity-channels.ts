import { readActivityPage, type ActivityItem } from './activity-items';
import { request } from './gateway-session';

/**
 * The channel watchdog's data from the activity ledger: per channel, when a message last came
 * in and how message handling ended. The gateway records messages only where
 * `logging.audit.messages` is on ("direct" or "all"); with it off there are no rows at all, which
 * is not silence: `recording` says whether any message row was seen.
 */

/** What the ledger says about one channel's messages in the window read. */
export interface ChannelActivity {
  channel: string;
  lastInboundAt?: number;
  lastOutboundAt?: number;
  /** Message rows that failed (inbound processing or outbound delivery). */
  failed: number;
  lastFailureAt?: number;
}

/** Channel activity over a window, and whether the gateway records messages at all. */
export interface ChannelActivityReport {
  channels: Map<string, ChannelActivity>;
  recording: boolean;
  /** The window was longer than the pages read: older rows were not looked at. */
  partial: boolean;
}

/** Folds message rows (any order) into per-channel facts. */
export function summariseChannels(items: readonly ActivityItem[]): Map<string, ChannelActivity> {
  const channels = new Map<string, ChannelActivity>();
  for (const item of items) {
    if (!item.channel || (item.type !== 'inbound_message' && item.type !== 'outbound_message'))
      continue;
    const entry = channels.get(item.channel) ?? { channel: item.channel, failed: 0 };
    const key = item.type === 'inbound_message' ? 'lastInboundAt' : 'lastOutboundAt';
    entry[key] = Math.max(entry[key] ?? -Infinity, item.at);
    if (item.status === 'failed') {
      entry.failed += 1;
      entry.lastFailureAt = Math.max(entry.lastFailureAt ?? -Infinity, item.at);
    }
    channels.set(item.channel, entry);
  }
  return channels;
}

/** Channels (of those named) with no inbound message for `quietMs` before `now`. */
export function quietChannels(
  report: ChannelActivityReport,
  names: readonly string[],
  now: number,
  quietMs: number,
): string[] {
  // Without message recording the ledger cannot tell quiet from unrecorded: accuse nobody.
  if (!report.recording) return [];
  return names.filter(
    (name) => (report.channels.get(name)?.lastInboundAt ?? -Infinity) < now - quietMs,
  );
}

/** Reads message rows since `after` (up to `maxPages` pages of 500) and summarises them. */
export async function readChannelActivity(
  after: number,
  maxPages = 4,
): Promise<ChannelActivityReport> {
  const items: ActivityItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const reply = readActivityPage(
      await request('audit.activity.list', {
        kind: 'message',
        after,
        limit: 500,
        ...(cursor ? { cursor } : {}),
      }),
    );
    items.push(...reply.items);
    cursor = reply.nextCursor;
    if (!cursor) break;
  }
  return { channels: summariseChannels(items), recording: items.length > 0, partial: !!cursor };
}

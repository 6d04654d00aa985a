import { atom } from 'nanostores';

/**
 * The channel watchdog's current alarms, for the attention list. A bare atom, so the first view
 * carries no watchdog code: the lazily loaded watcher (`channel-watchdog.ts`) fills it.
 */

/** One channel account that needs the operator: down, or quiet for longer than allowed. */
export interface ChannelAlarm {
  key: string;
  /** The channel id (`telegram`), as the health snapshot names it too. */
  channel: string;
  label: string;
  accountId: string;
  reason: 'down' | 'quiet';
  /** Since when, as best known (the gateway's own stop time, else when this console saw it). */
  since: number;
}

/** The channel accounts the watchdog is alarmed about now. */
export const channelAlarms = atom<readonly ChannelAlarm[]>([]);

import { computed } from 'nanostores';
import { gatewayHello, request } from './gateway-session';
import { activeProfile } from './profiles';
import { presence } from './presence';

/**
 * Telling the other operators what this console did. The gateway's `system-event` (admin)
 * records a line on the system presence list and broadcasts a `presence` snapshot to every
 * operator (it also queues the line for the main session's agent). Announcements carry the
 * reason `console-action`, so any console can pick them out of presence. The text is English
 * on purpose: it is stored by the gateway and read by other people and the agent.
 */

/** The reason every announcement carries, so consoles can find them among presence entries. */
export const ANNOUNCE_REASON = 'console-action';

const WORDS = {
  restartWhenIdle: 'asked the gateway to restart once it is idle',
  restartNow: 'restarted the gateway now',
  stopAll:
    'stopped everything (runs aborted, tasks cancelled, heartbeats and scheduled jobs paused)',
  resume: 'resumed what they had paused (heartbeats and scheduled jobs)',
  channelRestart: 'restarted a channel account',
  budgetPause:
    'paused heartbeats and scheduled jobs because the spend budget was reached (runs in flight left alone)',
} as const;

/** How other operators read who acted: the profile's name, else this console's device id. */
export const actorName = computed(
  [activeProfile, gatewayHello],
  (profile, hello) => profile?.name ?? `console ${(hello?.deviceId ?? '').slice(0, 8) || '?'}`,
);

/** What can be announced. */
export type AnnounceKind = keyof typeof WORDS;

/** The line another operator reads. */
export function announcementText(kind: AnnounceKind, who: string, detail?: string): string {
  return `${who.trim() || 'An operator'} ${WORDS[kind]}${detail ? `: ${detail}` : ''}`.slice(
    0,
    400,
  );
}

/** Posts an announcement; failures are swallowed (the action itself already happened). */
export async function announce(kind: AnnounceKind, who: string, detail?: string): Promise<boolean> {
  try {
    await request('system-event', {
      text: announcementText(kind, who, detail),
      reason: ANNOUNCE_REASON,
      tags: [ANNOUNCE_REASON],
    });
    return true;
  } catch {
    return false;
  }
}

/** Announcements seen on the presence list, newest first. */
export const announcements = computed(presence, (state) =>
  (state.value ?? [])
    .filter((entry) => entry.reason === ANNOUNCE_REASON && typeof entry.text === 'string')
    .map((entry) => ({ text: String(entry.text), ts: typeof entry.ts === 'number' ? entry.ts : 0 }))
    .sort((a, b) => b.ts - a.ts),
);

/**
 * Sessions this display watches: when any run in one of them ends (started by anyone: this
 * page, another operator, a channel) while the page is hidden, a notification says so and a
 * click on it opens the session (watched-alerts.ts). Kept per display, per gateway URL and
 * session key.
 */
import { persistentAtom } from '@nanostores/persistent';
import { computed, readonlyType } from 'nanostores';
import { connectionState } from './connection';
import type { RunView } from './runs';
import { pageVisible } from './visibility';

/** The most sessions watched on one display; watching one more forgets the oldest. */
export const MAX_WATCHED = 100;
/** Longest gateway URL or session key kept: a hostile key must not fill the storage. */
const MAX_PART = 512;

/** One watched session's key in storage: the gateway's URL and the session key. */
export const watchKey = (url: string, sessionKey: string): string =>
  JSON.stringify([url, sessionKey]);

function readWatched(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed)
      ? parsed.filter((k): k is string => typeof k === 'string').slice(-MAX_WATCHED)
      : [];
  } catch {
    return [];
  }
}

// Oldest first, so the bound drops the session watched longest ago.
const $watched = persistentAtom<string[]>('openclaw-console:watched-sessions', [], {
  encode: JSON.stringify,
  decode: readWatched,
});

/** Every watched session's key (see `watchKey`), oldest first. */
export const watchedSessions = readonlyType($watched);

/** Whether `sessionKey` on the gateway this console is connected to is watched here. */
export function watchedHere(sessionKey: string): boolean {
  return $watched.get().includes(watchKey(connectionState.get().url, sessionKey));
}

/** Whether a session of the current gateway is watched, live (for its toggle). */
export function watching(sessionKey: string) {
  return computed([$watched, connectionState], (list, conn) =>
    list.includes(watchKey(conn.url, sessionKey)),
  );
}

/** Starts or stops watching a session of the current gateway on this display. */
export function setWatched(sessionKey: string, on: boolean): void {
  const url = connectionState.get().url;
  if (!url || url.length > MAX_PART || sessionKey.length > MAX_PART) return;
  const key = watchKey(url, sessionKey);
  const rest = $watched.get().filter((k) => k !== key);
  $watched.set(on ? [...rest, key].slice(-MAX_WATCHED) : rest);
}

/**
 * Whether a watched-session notice tells this failed run (hidden page, watched session), so
 * the general "a run failed" notice can leave it to the one that opens the session.
 */
export function watchedTells(run: Pick<RunView, 'sessionKey'>): boolean {
  return !pageVisible.get() && watchedHere(run.sessionKey);
}

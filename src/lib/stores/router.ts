import { createRouter, openPage } from '@nanostores/router';

/** The console's routes; every view has a URL so it can be bookmarked and shared. */
export const router = createRouter({
  overview: '/',
  connect: '/connect',
  sessions: '/sessions',
  session: '/sessions/:key',
  wall: '/wall',
  fleet: '/fleet',
});

/** Opens one session's view (keys contain colons, so they are URL-encoded). */
export function openSessionPage(key: string): void {
  openPage(router, 'session', { key });
}

/** Opens the session list. */
export function openSessionsPage(): void {
  openPage(router, 'sessions');
}

/** The URL of a session's view, for links. */
export function sessionHref(key: string): string {
  return `/sessions/${encodeURIComponent(key)}`;
}

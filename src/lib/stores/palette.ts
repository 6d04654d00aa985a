import { atom, computed } from 'nanostores';
import { retryNow } from './connection';
import { NAV_PAGES } from './navigation';
import { openSessionPage, router } from './router';
import { sessionRows, sessionTitle } from './sessions';
import { paletteOpen } from './shortcuts';

/** One thing the palette can do: go to a page, open a session, or act. */
export interface PaletteItem {
  id: string;
  kind: 'page' | 'session' | 'action';
  /** A catalogue key (pages and actions) or the session's own title (untrusted text). */
  label: string;
  /** For sessions: the key, shown small beside the title. */
  detail?: string;
  run: () => void;
}

/** The most sessions listed at once: the palette is for jumping, the sessions page for browsing. */
const MAX_SESSIONS = 8;

/** What the operator typed into the palette. */
export const paletteQuery = atom('');

const ACTIONS: PaletteItem[] = [
  { id: 'action:retry', kind: 'action', label: 'palette.retry', run: retryNow },
];

/**
 * The palette's entries: every page and action (the view matches them against their words in the
 * shown language), and the sessions whose title or key holds the query.
 */
export const paletteItems = computed([paletteQuery, sessionRows], (query, rows): PaletteItem[] => {
  const needle = query.trim().toLowerCase();
  const matches = (text: string) => !needle || text.toLowerCase().includes(needle);
  const pages: PaletteItem[] = NAV_PAGES.map((page) => ({
    id: `page:${page.route}`,
    kind: 'page',
    label: page.label,
    run: () => router.open(page.href),
  }));
  const sessions = rows
    .filter((row) => matches(sessionTitle(row)) || matches(row.key))
    .slice(0, MAX_SESSIONS)
    .map((row) => ({
      id: `session:${row.key}`,
      kind: 'session' as const,
      label: sessionTitle(row),
      detail: row.key,
      run: () => openSessionPage(row.key),
    }));
  return [...pages, ...ACTIONS, ...sessions];
});

/** Runs an entry and closes the palette. */
export function runPaletteItem(item: PaletteItem): void {
  paletteOpen.set(false);
  paletteQuery.set('');
  item.run();
}

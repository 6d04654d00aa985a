import { atom, computed } from 'nanostores';
import { sessionChannel, sessionRows, sessionTitle, type SessionRow } from './sessions';

/** How the list is narrowed and ordered. */
export interface SessionFilter {
  search: string;
  agentId: string;
  channel: string;
  activeOnly: boolean;
  sort: 'updated' | 'title' | 'tokens';
}

/** The list's search, filters and sort (not persisted: a view choice). */
export const sessionFilter = atom<SessionFilter>({
  search: '',
  agentId: '',
  channel: '',
  activeOnly: false,
  sort: 'updated',
});

/** The rows after search, filters and sort. */
export const visibleSessions = computed([sessionRows, sessionFilter], (rows, filter) => {
  const needle = filter.search.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (!needle ||
        [row.key, sessionTitle(row), row.lastMessagePreview ?? '', row.model ?? '']
          .join(' ')
          .toLowerCase()
          .includes(needle)) &&
      (!filter.agentId || row.agentId === filter.agentId) &&
      (!filter.channel || sessionChannel(row) === filter.channel) &&
      (!filter.activeOnly || row.hasActiveRun === true),
  );
  const by = {
    updated: (a: SessionRow, b: SessionRow) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0),
    title: (a: SessionRow, b: SessionRow) => sessionTitle(a).localeCompare(sessionTitle(b)),
    tokens: (a: SessionRow, b: SessionRow) => (b.totalTokens ?? 0) - (a.totalTokens ?? 0),
  }[filter.sort];
  return shown.sort(by);
});

/** Rows rendered at a time: a list of hundreds re-laid out on every keystroke made typing lag. */
export const SESSIONS_SHOWN_STEP = 100;
const $shownLimit = atom(SESSIONS_SHOWN_STEP);
// A new search or filter starts from the top again.
sessionFilter.listen(() => $shownLimit.set(SESSIONS_SHOWN_STEP));

/** The first rows of `visibleSessions`, as many as the reader asked to see. */
export const shownSessions = computed([visibleSessions, $shownLimit], (rows, limit) =>
  rows.length > limit ? rows.slice(0, limit) : rows,
);

/** Renders the next step of rows. */
export function showMoreSessions(): void {
  $shownLimit.set($shownLimit.get() + SESSIONS_SHOWN_STEP);
}

/** The agents and channels present, for the filter menus. */
export const sessionFacets = computed(sessionRows, (rows) => ({
  agents: [...new Set(rows.map((r) => r.agentId).filter((a): a is string => !!a))].sort(),
  channels: [...new Set(rows.map(sessionChannel).filter(Boolean))].sort(),
}));

import { computed } from 'nanostores';
import type { PlainKey } from '../../i18n/en';
import { pendingApprovals } from './approvals';
import { activeRuns } from './run-map';

/** A page in the console's navigation: its route, address, label and `g`-shortcut letter. */
export interface NavPage {
  route: string;
  href: string;
  label: PlainKey;
  /** The key pressed after `g` to go there. */
  key: string;
  /** Other routes that count as this page for the nav's "you are here" (a session is in Sessions). */
  also?: readonly string[];
}

/** The nav, in the order operators use it: watching first, operating next, setup last. */
export const NAV_PAGES: readonly NavPage[] = [
  { route: 'overview', href: '/', label: 'nav.overview', key: 'o' },
  { route: 'sessions', href: '/sessions', label: 'nav.sessions', key: 's', also: ['session'] },
  { route: 'approvals', href: '/approvals', label: 'nav.approvals', key: 'a' },
  { route: 'logs', href: '/logs', label: 'nav.logs', key: 'l' },
  { route: 'cron', href: '/cron', label: 'nav.cron', key: 'j' },
  { route: 'usage', href: '/usage', label: 'nav.usage', key: 'u' },
  { route: 'nodes', href: '/nodes', label: 'nav.nodes', key: 'n' },
  { route: 'search', href: '/search', label: 'nav.search', key: 'f' },
  { route: 'activity', href: '/activity', label: 'nav.activity', key: 'y' },
  { route: 'fleet', href: '/fleet', label: 'nav.fleet', key: 'm' },
  { route: 'connect', href: '/connect', label: 'nav.connect', key: 'c' },
];

/** Whether `page` is the one being shown for the current route. */
export function isCurrentPage(page: NavPage, route: string | undefined): boolean {
  return route === page.route || (!!route && !!page.also?.includes(route));
}

/** The page a `g` shortcut letter leads to, if any. */
export function pageForKey(key: string): NavPage | undefined {
  return NAV_PAGES.find((page) => page.key === key);
}

/** Numbers shown beside pages in the nav: approvals waiting, runs in flight. */
export const navCounts = computed(
  [pendingApprovals, activeRuns],
  (approvals, runs): ReadonlyMap<string, number> =>
    new Map([
      ['approvals', approvals.length],
      ['sessions', runs.length],
    ]),
);

import type { PlainKey } from '../../i18n/en';
import type catalogue from '../../i18n/pages/shortcuts';
import { NAV_PAGES } from './navigation';

/** The shortcuts, as the help overlay lists them (loaded with the overlay, on first open). */
export const SHORTCUTS: Array<{
  keys: string;
  label: keyof (typeof catalogue)['en'];
  page?: PlainKey;
}> = [
  ...NAV_PAGES.map((page) => ({
    keys: `g ${page.key}`,
    label: 'keys.goTo' as const,
    page: page.label,
  })),
  { keys: 'Ctrl+K', label: 'keys.palette' },
  { keys: '/', label: 'keys.search' },
  { keys: 'r', label: 'keys.retry' },
  { keys: '?', label: 'keys.help' },
  { keys: 'Esc', label: 'keys.close' },
];

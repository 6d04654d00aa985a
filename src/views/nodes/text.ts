import { computed } from 'nanostores';
import catalogue from '../../i18n/pages/nodes';
import { clock } from '../../lib/stores/clock';
import { formatAgo, pageText, shownLocale } from '../../lib/stores/i18n';

/** The nodes page's own texts, in the language on screen. */
export const pt = pageText(catalogue);

/** A size in bytes in the largest sensible unit (“15.6 GB”), in the language on screen. */
export const formatBytes = computed(shownLocale, (lang) => {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  return (bytes: number): string => {
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return new Intl.NumberFormat(lang, {
      style: 'unit',
      unit: units[unit],
      maximumFractionDigits: 1,
    }).format(value);
  };
});

/** How long ago a moment was, ticking with the clock. */
export const ago = computed(
  [formatAgo, clock],
  (format, now) => (ms: number) => format(Math.max(0, now - ms)),
);

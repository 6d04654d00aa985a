import { computed } from 'nanostores';
import { shownLocale } from './i18n';

/** Money in US dollars, with enough digits that a cent's fraction does not read as zero. */
export const formatCost = computed(shownLocale, (lang) => {
  const cents = new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' });
  const small = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 3,
  });
  return (usd: number) => (usd > 0 && usd < 0.01 ? small.format(usd) : cents.format(usd));
});

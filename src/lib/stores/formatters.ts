/**
 * Times, durations and relative times in the language on screen, from the browser's Intl
 * formatters: a view writes `$formatTime(ms)` and never `toLocaleTimeString()`, whose language
 * is the browser's, not the one the reader chose.
 */
import { computed } from 'nanostores';
import { shownLocale } from './i18n';

type Unit = 'second' | 'minute' | 'hour' | 'day';
const UNITS: Unit[] = ['second', 'minute', 'hour', 'day'];

/** A span of milliseconds in its largest whole unit: 90 s is 1 minute, 36 h is 1 day. */
export function largestUnit(ms: number): { value: number; unit: Unit } {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return { value: s, unit: 'second' };
  if (s < 3600) return { value: Math.floor(s / 60), unit: 'minute' };
  if (s < 86_400) return { value: Math.floor(s / 3600), unit: 'hour' };
  return { value: Math.floor(s / 86_400), unit: 'day' };
}

/** A clock time, with seconds, the way the shown language writes it (“4:06:44 PM”, “16:06:44”). */
export const formatTime = computed(shownLocale, (lang) => {
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'medium' });
  return (ms: number): string => time.format(ms);
});

/** A compact duration in its largest unit (“12 sec”, “3 hr”, “2 days”; “12秒”, “3小时”). */
export const formatDuration = computed(shownLocale, (lang) => {
  const units = new Map(
    UNITS.map((unit) => [
      unit,
      new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }),
    ]),
  );
  return (ms: number): string => {
    const { value, unit } = largestUnit(ms);
    return units.get(unit)!.format(value);
  };
});

/** How long ago something was, given its age (“12 seconds ago”, “12秒钟前”). */
export const formatAgo = computed(shownLocale, (lang) => {
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  return (ageMs: number): string => {
    const { value, unit } = largestUnit(ageMs);
    // -0, not 0: “0 seconds ago” rather than “in 0 seconds”.
    return relative.format(-value, unit);
  };
});

/** How long until something happens, given the time left (“in 5 seconds”, “5秒钟后”). */
export const formatIn = computed(shownLocale, (lang) => {
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  return (leftMs: number): string => {
    const { value, unit } = largestUnit(leftMs);
    return relative.format(value, unit);
  };
});

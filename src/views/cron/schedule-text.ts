import { computed } from 'nanostores';
import catalogue from '../../i18n/pages/cron';
import { scheduleWords, type ScheduleWords } from '../../lib/stores/cron-schedule';
import { pageText, shownLocale } from '../../lib/stores/i18n';
import { isolate } from '../../lib/text/hidden';

/** The cron page's own texts, in the language on screen. */
export const pt = pageText(catalogue);

// 1970-01-04 was a Sunday: day n of the week is that date plus n days.
const SUNDAY = Date.UTC(1970, 0, 4);

/** A date and time the way the shown language writes it (“Dec 2, 2026, 9:00 AM”). */
export const formatWhen = computed(shownLocale, (lang) => {
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (ms: number): string => when.format(ms);
});

/** A job's schedule (untrusted, as the gateway sent it) in words in the language on screen. */
export const scheduleText = computed(
  [pt, shownLocale, formatWhen],
  (translate, lang, when) =>
    (schedule: unknown): string => {
      const words: ScheduleWords = scheduleWords(schedule);
      switch (words.kind) {
        case 'every': {
          if (words.value === 1) return translate(`schedule.everyOne.${words.unit}`);
          const interval = new Intl.NumberFormat(lang, {
            style: 'unit',
            unit: words.unit,
            unitDisplay: 'long',
          }).format(words.value);
          return translate('schedule.every', { interval });
        }
        case 'at':
          return translate('schedule.at', {
            time: words.atMs === undefined ? isolate(words.raw) : when(words.atMs),
          });
        case 'cron': {
          const { shape } = words;
          const day =
            shape.shape === 'weekly'
              ? new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
                  SUNDAY + shape.day * 86_400_000,
                )
              : undefined;
          const text = translate(`schedule.cron.${shape.shape}`, {
            ...shape,
            minute: 'minute' in shape ? String(shape.minute).padStart(2, '0') : '',
            ...(day ? { day } : {}),
            expr: isolate(words.expr),
          });
          return words.tz
            ? translate('schedule.zone', { schedule: text, tz: isolate(words.tz) })
            : text;
        }
        case 'onExit':
          return translate('schedule.onExit', { command: isolate(words.command) });
        case 'stream':
          return translate('schedule.stream');
        default:
          return translate('schedule.unknown');
      }
    },
);

import { persistentAtom } from '@nanostores/persistent';
import { computed } from 'nanostores';
import { en, type CountedKey, type MessageKey, type Messages, type PlainKey } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';

/** Languages the console ships. */
export const LOCALES = { en: 'English', 'zh-CN': '简体中文' } as const;
/** A shipped language tag. */
export type Locale = keyof typeof LOCALES;

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

function browserLocale(): Locale {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  return preferred.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The chosen UI language, remembered on this device. */
export const locale = persistentAtom<Locale>('openclaw-console:locale', browserLocale(), {
  decode: (value) => (value in catalogues ? (value as Locale) : 'en'),
  encode: (value) => value,
});

/** Parameters substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Fills a catalogue entry's placeholders. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Translates a key; a counted key needs `count`, whose plural category picks the form. */
export interface Translate {
  (key: CountedKey, params: MessageParams & { count: number }): string;
  (key: PlainKey, params?: MessageParams): string;
}

function translator(lang: Locale, messages: Messages): Translate {
  const plural = new Intl.PluralRules(lang);
  return (key: MessageKey, params?: MessageParams): string => {
    const entry = messages[key];
    const template =
      typeof entry === 'string'
        ? entry
        : (entry[plural.select(Number(params?.count))] ?? entry.other);
    return format(template, params);
  };
}

/** The translate function for the current language: `$t('key', {param})`. */
export const t = computed(locale, (current) => translator(current, catalogues[current]));

/** Switches the UI language. */
export function setLocale(next: Locale): void {
  locale.set(next);
}

/** A compact human duration (“12 s”, “5 min”, “3 h”, “2 d”) in the current language. */
export const formatDuration = computed(t, (translate) => (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return translate('time.s', { n: s });
  if (s < 3600) return translate('time.m', { n: Math.floor(s / 60) });
  if (s < 86_400) return translate('time.h', { n: Math.floor(s / 3600) });
  return translate('time.d', { n: Math.floor(s / 86_400) });
});

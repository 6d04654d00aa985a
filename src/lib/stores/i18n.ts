import { persistentAtom } from '@nanostores/persistent';
import { atom, computed, onMount, task, type ReadableAtom } from 'nanostores';
import { en, type CountedKey, type Message, type Messages, type PlainKey } from '../../i18n/en';
import { platform } from './platform';

/** Languages the console ships. */
export const LOCALES = { en: 'English', 'zh-CN': '简体中文' } as const;
/** A shipped language tag. */
export type Locale = keyof typeof LOCALES;

// English ships in the first bundle; every other dictionary is fetched when first chosen.
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<Messages>> = {
  'zh-CN': async () => (await import('../../i18n/zh-CN')).zhCN,
};
const loaded = new Map<Locale, Messages>([['en', en]]);

function browserLocale(): Locale {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  return preferred.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The chosen UI language, remembered on this device. */
export const locale = persistentAtom<Locale>('openclaw-console:locale', browserLocale(), {
  decode: (value) => (Object.hasOwn(LOCALES, value) ? (value as Locale) : 'en'),
  encode: (value) => value,
});

// The language on screen and its dictionary: the chosen one once its dictionary is here.
const $shown = atom<{ locale: Locale; messages: Messages }>({ locale: 'en', messages: en });
let wanted: Locale = 'en';

/** Shows `choice` once its dictionary is here (at once if it is), unless another was chosen meanwhile. */
async function show(choice: Locale): Promise<void> {
  wanted = choice;
  let messages = loaded.get(choice);
  if (!messages) {
    try {
      messages = await loaders[choice as Exclude<Locale, 'en'>]();
    } catch {
      return; // Not fetched (offline, a new deploy): keep the language on screen; choosing again retries.
    }
    loaded.set(choice, messages);
  }
  if (wanted === choice) $shown.set({ locale: choice, messages });
}

onMount($shown, () => locale.subscribe((choice) => void task(() => show(choice))));

/** The language the console is shown in: the chosen one once its dictionary has loaded. */
export const shownLocale = computed($shown, (shown) => shown.locale);

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

function translator(lang: Locale, messages: Record<string, Message>): Translate {
  const plural = new Intl.PluralRules(lang);
  return (key: string, params?: MessageParams): string => {
    const entry = messages[key] ?? key;
    const template =
      typeof entry === 'string'
        ? entry
        : (entry[plural.select(Number(params?.count))] ?? entry.other);
    return format(template, params);
  };
}

/** The translate function for the language on screen: `$t('key', {param})`. */
export const t = computed($shown, (shown) => translator(shown.locale, shown.messages));

/**
 * A gateway's own word (a heartbeat's "disabled", a channel's "up", a client's mode) in the
 * language on screen; a word the dictionaries do not know is shown as the gateway sent it.
 */
export const gatewayWord = computed(t, (translate) => (word: string): string => {
  const key = `value.${word}`;
  return Object.hasOwn(en, key) ? translate(key as PlainKey) : word;
});

/**
 * A lazy page's own texts in every shipped language. They travel with the page's code, so the
 * first view does not grow with every page; English defines the keys, the others must match.
 */
export type PageCatalogue<E extends Record<string, Message>> = {
  en: E;
} & Record<Exclude<Locale, 'en'>, Record<keyof E, Message>>;

/** Translates a page catalogue's keys; counted keys (plural forms) need `count`. */
export interface PageTranslate<E extends Record<string, Message>> {
  <K extends keyof E & string>(
    key: K,
    ...params: E[K] extends string
      ? [params?: MessageParams]
      : [params: MessageParams & { count: number }]
  ): string;
}

/** The translate function for a page's own catalogue, in the language on screen: `$pt('key')`. */
export function pageText<E extends Record<string, Message>>(
  catalogue: PageCatalogue<E>,
): ReadableAtom<PageTranslate<E>> {
  return computed($shown, (shown) => {
    const translate = translator(shown.locale, catalogue[shown.locale]);
    return ((key: string, params?: MessageParams) =>
      translate(key as PlainKey, params)) as PageTranslate<E>;
  });
}

/** Writes the note under a message cut for length, for renderMarkdown's `truncatedNote`. */
export const truncationNote = computed(
  t,
  (translate) => (shown: number, total: number) =>
    translate('markdown.truncated', { shown, total }),
);

// While anything shows translated text, the document says which language it is in.
onMount(t, () => shownLocale.subscribe((lang) => platform().setDocumentLanguage(lang)));

/** Switches the UI language (the text follows once the language's dictionary has loaded). */
export function setLocale(next: Locale): void {
  locale.set(next);
}

// Times, durations and relative times in the language on screen, from the browser's Intl
// formatters: a view writes `$formatTime(ms)`, never `toLocaleTimeString()`, whose language is
// the browser's rather than the reader's choice. (Kept in this module: in one of their own,
// imported by the first bundle and the lazy views alike, they made the bundler split the first
// bundle in two.)

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

/**
 * Loads the browser's locale data at a moment the page only waits (the first Intl formatter of a
 * page costs tens of milliseconds), so the first view's times and ages do not pay for it.
 */
export function warmFormatters(): void {
  new Intl.DateTimeFormat(shownLocale.get(), { timeStyle: 'medium' }).format(0);
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

import { allTasks, cleanStores, keepMount } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as I18n from './i18n';
import type { Platform } from './platform';
import fleetText from '../../i18n/pages/fleet';
import sessionsText from '../../i18n/pages/sessions';

// Counts how often the Chinese dictionary module is fetched, and can make the fetch fail.
const zh = { loads: 0, fail: false };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Intl may separate with a narrow no-break space; the tests read any space as one.
const plain = (text: string) => text.replace(/\s/g, ' ');

let i18n: typeof I18n;
let documentLanguage: string[];

beforeEach(async () => {
  // A fresh module per test: nothing loaded, nothing cached from the test before.
  vi.resetModules();
  zh.loads = 0;
  zh.fail = false;
  vi.doMock('../../i18n/zh-CN', async (original) => {
    if (zh.fail) throw new Error('chunk not fetched');
    zh.loads += 1;
    return original();
  });
  documentLanguage = [];
  const { setPlatform } = await import('./platform');
  setPlatform({
    setDocumentLanguage: (lang) => documentLanguage.push(lang),
  } as Partial<Platform> as Platform);
  i18n = await import('./i18n');
  i18n.setLocale('en');
});

afterEach(() =>
  cleanStores(
    i18n.t,
    i18n.shownLocale,
    i18n.formatTime,
    i18n.formatDuration,
    i18n.formatAgo,
    i18n.formatIn,
    i18n.gatewayWord,
  ),
);

async function showLanguage(lang: I18n.Locale) {
  i18n.setLocale(lang);
  await allTasks();
}

describe('t', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    keepMount(i18n.t);
    expect(i18n.t.get()('phase.connected', { url: 'ws://a' })).toBe('Connected to ws://a');
    expect(i18n.t.get()('phase.connected')).toBe('Connected to {url}');
  });

  it('picks the English plural form by count', () => {
    keepMount(i18n.t);
    const translate = i18n.t.get();
    expect(translate('presence.count', { count: 1 })).toBe('1 client');
    expect(translate('presence.count', { count: 0 })).toBe('0 clients');
    expect(translate('presence.count', { count: 2 })).toBe('2 clients');
    const list = i18n.pageText(sessionsText);
    keepMount(list);
    expect(i18n.pageText(fleetText).get()('fleet.runs', { count: 1 })).toBe('1 run in flight');
    expect(list.get()('sessions.count', { shown: 1, count: 1 })).toBe('1 of 1 session');
    expect(list.get()('sessions.count', { shown: 3, count: 40 })).toBe('3 of 40 sessions');
  });

  it('counts in Chinese with the measure word and no plural form', async () => {
    keepMount(i18n.t);
    i18n.setLocale('zh-CN');
    await allTasks();
    const translate = i18n.t.get();
    expect(translate('presence.count', { count: 1 })).toBe('1 个客户端');
    expect(translate('presence.count', { count: 2 })).toBe('2 个客户端');
    expect(i18n.pageText(fleetText).get()('fleet.runs', { count: 1 })).toBe('1 个运行进行中');
    expect(i18n.pageText(sessionsText).get()('sessions.count', { shown: 3, count: 40 })).toBe(
      '共 40 个会话，显示 3 个',
    );
  });
});

describe('gatewayWord', () => {
  it('shows a gateway’s known words in the chosen language and any other word as sent', async () => {
    keepMount(i18n.gatewayWord);
    expect(i18n.gatewayWord.get()('disabled')).toBe('disabled');
    await showLanguage('zh-CN');
    const word = i18n.gatewayWord.get();
    expect(word('disabled')).toBe('已停用');
    expect(word('gateway')).toBe('网关');
    expect(word('15m')).toBe('15m');
    // Words that name object internals are only words.
    expect(word('__proto__')).toBe('__proto__');
    expect(word('constructor')).toBe('constructor');
  });
});

describe('the Chinese dictionary', () => {
  it('is not loaded while English is chosen', async () => {
    keepMount(i18n.t);
    i18n.setLocale('en');
    await allTasks();
    expect(i18n.t.get()('app.title')).toBe('OpenClaw Console');
    expect(zh.loads).toBe(0);
  });

  it('loads when chosen; English shows until it has, then the text switches', async () => {
    keepMount(i18n.t);
    i18n.setLocale('zh-CN');
    expect(i18n.t.get()('app.title')).toBe('OpenClaw Console');
    expect(i18n.shownLocale.get()).toBe('en');
    await allTasks();
    expect(zh.loads).toBe(1);
    expect(i18n.t.get()('app.title')).toBe('OpenClaw 控制台');
    expect(i18n.shownLocale.get()).toBe('zh-CN');
  });

  it('loads for a language remembered from an earlier visit', async () => {
    i18n.setLocale('zh-CN');
    vi.resetModules();
    i18n = await import('./i18n');
    keepMount(i18n.t);
    await allTasks();
    expect(i18n.t.get()('app.title')).toBe('OpenClaw 控制台');
  });

  it('does not replace a language chosen while it was loading', async () => {
    keepMount(i18n.t);
    i18n.setLocale('zh-CN');
    i18n.setLocale('en');
    await allTasks();
    expect(i18n.t.get()('app.title')).toBe('OpenClaw Console');
    // Chosen again, it is already here: the switch is immediate.
    i18n.setLocale('zh-CN');
    expect(i18n.t.get()('app.title')).toBe('OpenClaw 控制台');
  });

  it('keeps the language on screen when it cannot be fetched, and retries when chosen again', async () => {
    keepMount(i18n.t);
    zh.fail = true;
    i18n.setLocale('zh-CN');
    await allTasks();
    expect(i18n.t.get()('app.title')).toBe('OpenClaw Console');
    zh.fail = false;
    i18n.setLocale('en');
    i18n.setLocale('zh-CN');
    await allTasks();
    expect(i18n.t.get()('app.title')).toBe('OpenClaw 控制台');
  });
});

describe('the document language', () => {
  it('follows the language on screen, not the one still loading', async () => {
    keepMount(i18n.t);
    expect(documentLanguage).toEqual(['en']);
    i18n.setLocale('zh-CN');
    expect(documentLanguage).toEqual(['en']);
    await allTasks();
    expect(documentLanguage).toEqual(['en', 'zh-CN']);
    i18n.setLocale('en');
    expect(documentLanguage).toEqual(['en', 'zh-CN', 'en']);
  });
});

describe('largestUnit', () => {
  it('takes the largest whole unit, never a negative span', () => {
    expect(i18n.largestUnit(59_400)).toEqual({ value: 59, unit: 'second' });
    expect(i18n.largestUnit(59_600)).toEqual({ value: 1, unit: 'minute' });
    expect(i18n.largestUnit(HOUR - SECOND)).toEqual({ value: 59, unit: 'minute' });
    expect(i18n.largestUnit(36 * HOUR)).toEqual({ value: 1, unit: 'day' });
    expect(i18n.largestUnit(-5 * SECOND)).toEqual({ value: 0, unit: 'second' });
  });
});

describe('formatTime', () => {
  beforeEach(() => keepMount(i18n.formatTime));
  const afternoon = new Date(2026, 10, 25, 16, 6, 44).getTime();

  it('writes a 12-hour clock in English and a 24-hour clock in Chinese', async () => {
    expect(plain(i18n.formatTime.get()(afternoon))).toBe('4:06:44 PM');
    await showLanguage('zh-CN');
    expect(i18n.formatTime.get()(afternoon)).toBe('16:06:44');
    await showLanguage('en');
    expect(plain(i18n.formatTime.get()(afternoon))).toBe('4:06:44 PM');
  });
});

describe('formatDuration', () => {
  beforeEach(() => keepMount(i18n.formatDuration));
  it('names the unit in the language on screen', async () => {
    const spans = [12 * SECOND, 5 * MINUTE, 3 * HOUR, 2 * DAY];
    expect(spans.map((ms) => plain(i18n.formatDuration.get()(ms)))).toEqual([
      '12 sec',
      '5 min',
      '3 hr',
      '2 days',
    ]);
    await showLanguage('zh-CN');
    expect(spans.map((ms) => i18n.formatDuration.get()(ms))).toEqual([
      '12秒',
      '5分钟',
      '3小时',
      '2天',
    ]);
  });
});

describe('formatAgo and formatIn', () => {
  beforeEach(() => [i18n.formatAgo, i18n.formatIn].forEach((store) => keepMount(store)));
  it('say how long ago, with the plural the count needs', async () => {
    const ago = i18n.formatAgo.get();
    expect(ago(0)).toBe('0 seconds ago');
    expect(ago(1 * SECOND)).toBe('1 second ago');
    expect(ago(12 * SECOND)).toBe('12 seconds ago');
    expect(ago(90 * MINUTE)).toBe('1 hour ago');
    await showLanguage('zh-CN');
    expect(i18n.formatAgo.get()(12 * SECOND)).toBe('12秒钟前');
    expect(i18n.formatAgo.get()(0)).toBe('0秒钟前');
  });

  it('say how long until', async () => {
    expect(i18n.formatIn.get()(1 * SECOND)).toBe('in 1 second');
    expect(i18n.formatIn.get()(5 * SECOND)).toBe('in 5 seconds');
    await showLanguage('zh-CN');
    expect(i18n.formatIn.get()(5 * SECOND)).toBe('5秒钟后');
  });
});

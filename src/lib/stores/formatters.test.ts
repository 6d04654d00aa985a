import { allTasks, cleanStores, keepMount } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatIn, formatTime, largestUnit } from './formatters';
import { setLocale } from './i18n';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Intl may separate with a narrow no-break space; the tests read any space as one.
const plain = (text: string) => text.replace(/\s/g, ' ');
const stores = [formatTime, formatDuration, formatAgo, formatIn];

async function showLanguage(lang: 'en' | 'zh-CN') {
  setLocale(lang);
  await allTasks();
}

beforeEach(async () => {
  stores.forEach((store) => keepMount(store));
  await showLanguage('en');
});
afterEach(() => {
  setLocale('en');
  cleanStores(...stores);
});

describe('largestUnit', () => {
  it('takes the largest whole unit, never a negative span', () => {
    expect(largestUnit(59_400)).toEqual({ value: 59, unit: 'second' });
    expect(largestUnit(59_600)).toEqual({ value: 1, unit: 'minute' });
    expect(largestUnit(HOUR - SECOND)).toEqual({ value: 59, unit: 'minute' });
    expect(largestUnit(36 * HOUR)).toEqual({ value: 1, unit: 'day' });
    expect(largestUnit(-5 * SECOND)).toEqual({ value: 0, unit: 'second' });
  });
});

describe('formatTime', () => {
  const afternoon = new Date(2026, 10, 25, 16, 6, 44).getTime();

  it('writes a 12-hour clock in English and a 24-hour clock in Chinese', async () => {
    expect(plain(formatTime.get()(afternoon))).toBe('4:06:44 PM');
    await showLanguage('zh-CN');
    expect(formatTime.get()(afternoon)).toBe('16:06:44');
    await showLanguage('en');
    expect(plain(formatTime.get()(afternoon))).toBe('4:06:44 PM');
  });
});

describe('formatDuration', () => {
  it('names the unit in the language on screen', async () => {
    const spans = [12 * SECOND, 5 * MINUTE, 3 * HOUR, 2 * DAY];
    expect(spans.map((ms) => plain(formatDuration.get()(ms)))).toEqual([
      '12 sec',
      '5 min',
      '3 hr',
      '2 days',
    ]);
    await showLanguage('zh-CN');
    expect(spans.map((ms) => formatDuration.get()(ms))).toEqual(['12秒', '5分钟', '3小时', '2天']);
  });
});

describe('formatAgo and formatIn', () => {
  it('say how long ago, with the plural the count needs', async () => {
    const ago = formatAgo.get();
    expect(ago(0)).toBe('0 seconds ago');
    expect(ago(1 * SECOND)).toBe('1 second ago');
    expect(ago(12 * SECOND)).toBe('12 seconds ago');
    expect(ago(90 * MINUTE)).toBe('1 hour ago');
    await showLanguage('zh-CN');
    expect(formatAgo.get()(12 * SECOND)).toBe('12秒钟前');
    expect(formatAgo.get()(0)).toBe('0秒钟前');
  });

  it('say how long until', async () => {
    expect(formatIn.get()(1 * SECOND)).toBe('in 1 second');
    expect(formatIn.get()(5 * SECOND)).toBe('in 5 seconds');
    await showLanguage('zh-CN');
    expect(formatIn.get()(5 * SECOND)).toBe('5秒钟后');
  });
});

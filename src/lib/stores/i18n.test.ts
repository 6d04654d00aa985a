import { cleanStores, keepMount } from 'nanostores';
import { afterEach, describe, expect, it } from 'vitest';
import { locale, setLocale, t } from './i18n';

afterEach(() => {
  setLocale('en');
  cleanStores(t);
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    keepMount(t);
    expect(t.get()('phase.connected', { url: 'ws://a' })).toBe('Connected to ws://a');
    expect(t.get()('phase.connected')).toBe('Connected to {url}');
  });

  it('picks the English plural form by count', () => {
    keepMount(t);
    const translate = t.get();
    expect(translate('presence.count', { count: 1 })).toBe('1 client');
    expect(translate('presence.count', { count: 0 })).toBe('0 clients');
    expect(translate('presence.count', { count: 2 })).toBe('2 clients');
    expect(translate('fleet.runs', { count: 1 })).toBe('1 run in flight');
    expect(translate('wall.channelsDown', { count: 1 })).toBe('1 channel down');
    expect(translate('sessions.count', { shown: 1, count: 1 })).toBe('1 of 1 session');
    expect(translate('sessions.count', { shown: 3, count: 40 })).toBe('3 of 40 sessions');
  });

  it('counts in Chinese with the measure word and no plural form', () => {
    setLocale('zh-CN');
    keepMount(t);
    const translate = t.get();
    expect(locale.get()).toBe('zh-CN');
    expect(translate('presence.count', { count: 1 })).toBe('1 个客户端');
    expect(translate('presence.count', { count: 2 })).toBe('2 个客户端');
    expect(translate('fleet.runs', { count: 1 })).toBe('1 个运行进行中');
    expect(translate('sessions.count', { shown: 3, count: 40 })).toBe('共 40 个会话，显示 3 个');
  });
});

// @vitest-environment jsdom
import { allTasks } from 'nanostores';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_SOURCE_CHARS } from '../markdown/render';
import { setLocale } from '../stores/i18n';
import MessageItem from './MessageItem.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  setLocale('en');
  document.body.innerHTML = '';
});

describe('MessageItem', () => {
  it('formats a reply cut for length with the note in the language on screen', async () => {
    const total = MAX_SOURCE_CHARS + 3;
    const component = mount(MessageItem, {
      target: document.body,
      props: { message: { role: 'assistant', content: 'y'.repeat(total) } },
    });
    const note = () => document.querySelector('.md-truncated')?.textContent;
    // Formatting waits for idle time (a timer where the browser has no requestIdleCallback).
    expect(note()).toBeUndefined();
    await vi.runAllTimersAsync();
    flushSync();
    expect(note()).toBe(`Truncated: showing the first ${MAX_SOURCE_CHARS} of ${total} characters.`);

    setLocale('zh-CN');
    await allTasks();
    await vi.runAllTimersAsync();
    flushSync();
    expect(note()).toBe(`已截断：只显示前 ${MAX_SOURCE_CHARS} 个字符（共 ${total} 个）。`);
    unmount(component);
  });
});

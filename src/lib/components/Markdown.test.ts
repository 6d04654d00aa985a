// @vitest-environment jsdom
import { allTasks } from 'nanostores';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SOURCE_CHARS } from '../markdown/render';
import { setLocale } from '../stores/i18n';
import Markdown from './Markdown.svelte';

afterEach(() => {
  setLocale('en');
  document.body.innerHTML = '';
});

describe('Markdown', () => {
  it('notes a source cut for length in the language on screen', async () => {
    const component = mount(Markdown, {
      target: document.body,
      props: { source: 'a'.repeat(MAX_SOURCE_CHARS + 5), copyLabel: 'Copy', copiedLabel: 'Copied' },
    });
    const note = () => document.querySelector('.md-truncated')?.textContent;
    expect(note()).toBe(
      `Truncated: showing the first ${MAX_SOURCE_CHARS} of ${MAX_SOURCE_CHARS + 5} characters.`,
    );
    setLocale('zh-CN');
    await allTasks();
    flushSync();
    expect(note()).toBe(
      `已截断：只显示前 ${MAX_SOURCE_CHARS} 个字符（共 ${MAX_SOURCE_CHARS + 5} 个）。`,
    );
    unmount(component);
  });
});

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

  it('shows a reply too large to format as text, and formats it when the reader asks', () => {
    // 1,500 emphasis pairs (over the 1,000-element budget); measured in Chromium, 3,000 take 340 ms and 30,000 2.8 s.
    const source = '_a_ '.repeat(1_500);
    const component = mount(Markdown, {
      target: document.body,
      props: { source, copyLabel: 'Copy', copiedLabel: 'Copied' },
    });
    expect(document.querySelectorAll('em')).toHaveLength(0);
    expect(document.querySelector('.md-plain')?.textContent).toBe(source);
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'Format anyway',
    );
    expect(document.querySelector('[data-testid="over-budget"]')?.textContent).toContain(
      'Shown as plain text',
    );
    button!.click();
    flushSync();
    expect(document.querySelectorAll('em')).toHaveLength(1_500);
    expect(document.querySelector('[data-testid="over-budget"]')).toBeNull();
    unmount(component);
  });

  it('formats an ordinary reply with lists, a table and code at once', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `| ${i} | **${i * 2}** |`).join('\n');
    const source = `# Plan\n\n- one\n- _two_\n\n| n | 2n |\n|---|---|\n${rows}\n\n\`\`\`ts\nconst a = 1;\n\`\`\``;
    const component = mount(Markdown, {
      target: document.body,
      props: { source, copyLabel: 'Copy', copiedLabel: 'Copied' },
    });
    expect(document.querySelectorAll('tbody tr')).toHaveLength(40);
    expect(document.querySelector('[data-testid="over-budget"]')).toBeNull();
    unmount(component);
  });

  it('cuts a reply shown as text for its size, and says so', () => {
    const source = '_a_ '.repeat(20_000);
    const component = mount(Markdown, {
      target: document.body,
      props: { source, copyLabel: 'Copy', copiedLabel: 'Copied' },
    });
    expect(document.querySelector('.md-plain')?.textContent).toHaveLength(50_000);
    expect(document.querySelector('.md-truncated')?.textContent).toBe(
      'Truncated: showing the first 50000 of 80000 characters.',
    );
    unmount(component);
  });
});

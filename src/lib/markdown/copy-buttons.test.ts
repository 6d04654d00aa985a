// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyButtons } from './copy-buttons';
import { renderMarkdown } from './render';

const labels = { copyLabel: 'Copy', copiedLabel: 'Copied' };
const flushObserver = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('copyButtons', () => {
  let writeText: ReturnType<typeof vi.fn>;
  let container: HTMLDivElement;

  beforeEach(() => {
    writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    container.remove();
    vi.useRealTimers();
  });

  it('adds one real button per code block and copies the code text', async () => {
    container.innerHTML = renderMarkdown('```js\nconst a = "<b>";\n```\n\ntext\n\n```\nplain\n```');
    const action = copyButtons(container, labels);
    const buttons = [...container.querySelectorAll('button')];
    expect(buttons.map((b) => [b.type, b.textContent])).toEqual([
      ['button', 'Copy'],
      ['button', 'Copy'],
    ]);

    buttons[0]?.click();
    await flushObserver();
    expect(writeText).toHaveBeenCalledWith('const a = "<b>";');
    expect(buttons[0]?.textContent).toBe('Copied');
    action.destroy?.();
  });

  it('reverts the label after a moment', async () => {
    vi.useFakeTimers();
    container.innerHTML = renderMarkdown('```\nx\n```');
    const action = copyButtons(container, labels);
    const button = container.querySelector('button');
    button?.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(button?.textContent).toBe('Copied');
    await vi.advanceTimersByTimeAsync(2000);
    expect(button?.textContent).toBe('Copy');
    action.destroy?.();
  });

  it('keeps the label when the clipboard refuses', async () => {
    writeText.mockRejectedValue(new Error('denied'));
    container.innerHTML = renderMarkdown('```\nx\n```');
    const action = copyButtons(container, labels);
    container.querySelector('button')?.click();
    await flushObserver();
    expect(container.querySelector('button')?.textContent).toBe('Copy');
    action.destroy?.();
  });

  it('decorates new content after a re-render, once per block', async () => {
    container.innerHTML = renderMarkdown('```\na\n```');
    const action = copyButtons(container, labels);
    container.innerHTML = renderMarkdown('```\na\n```\n\n```\nb\n```');
    await flushObserver();
    expect(container.querySelectorAll('button')).toHaveLength(2);
    await flushObserver();
    expect(container.querySelectorAll('pre > button')).toHaveLength(2);
    action.destroy?.();
  });

  it('relabels buttons when the labels change', () => {
    container.innerHTML = renderMarkdown('```\na\n```');
    const action = copyButtons(container, labels);
    action.update?.({ copyLabel: '复制', copiedLabel: '已复制' });
    expect(container.querySelector('button')?.textContent).toBe('复制');
    action.destroy?.();
  });

  it('stops observing after destroy', async () => {
    const action = copyButtons(container, labels);
    action.destroy?.();
    container.innerHTML = renderMarkdown('```\na\n```');
    await flushObserver();
    expect(container.querySelector('button')).toBeNull();
  });

  it('copies exactly what is shown and warns on a block with hidden characters', async () => {
    container.innerHTML = renderMarkdown('```\nrm -rf ~/\u202Etxt.exe\n```');
    const action = copyButtons(container, { ...labels, hiddenLabel: 'Hidden characters shown' });
    const note = container.querySelector('pre .md-hidden-note');
    expect(note?.textContent).toBe('Hidden characters shown');
    container.querySelector('button')?.click();
    await flushObserver();
    expect(writeText).toHaveBeenCalledWith('rm -rf ~/⟨U+202E⟩txt.exe');
    action.destroy?.();
  });
});

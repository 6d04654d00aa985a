// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newRun } from '../stores/runs';
import type { TranscriptItem } from '../stores/transcript-entries';
import { render, stubLayout } from '../testing/dom';
import Transcript from './Transcript.svelte';

// Every item is 100 px tall and the transcript 600 px (see stubLayout).
const messages = (count: number, from = 0): TranscriptItem[] =>
  Array.from({ length: count }, (_, i) => ({
    key: `m${from + i}`,
    message: { role: i % 2 ? 'assistant' : 'user', content: `message ${from + i}` },
  }));

let view: ReturnType<typeof render> | undefined;
beforeEach(() => stubLayout(100, 600));
afterEach(() => {
  view?.destroy();
  view = undefined;
  vi.unstubAllGlobals();
});

const scroller = () => view!.target.querySelector<HTMLElement>('.transcript')!;
const renderedKeys = () =>
  [...view!.target.querySelectorAll<HTMLElement>('.transcript-item')].map((el) => el.dataset.key);

function scrollTo(top: number) {
  scroller().scrollTop = top;
  scroller().dispatchEvent(new Event('scroll'));
  flushSync();
}

describe('Transcript', () => {
  it('opens at a target message, paging older history in until it is there', async () => {
    const withIds = (count: number, from: number): TranscriptItem[] =>
      messages(count, from).map((item, i) => ({
        ...item,
        message: { ...item.message!, __openclaw: { id: `id${from + i}` } },
      }));
    const onNearTop = vi.fn();
    const props = $state({
      items: withIds(100, 100),
      canLoadOlder: true,
      onNearTop,
      target: 'id50',
    });
    view = render(Transcript, props);
    await vi.waitFor(() => expect(onNearTop).toHaveBeenCalled());
    props.items = [...withIds(100, 0), ...props.items];
    flushSync();
    await vi.waitFor(() =>
      expect(view!.target.querySelector<HTMLElement>('[data-target]')?.dataset.key).toBe('m50'),
    );
    expect(scroller().scrollTop).toBe(50 * 100);
  });

  it('renders only a window of a 1,000-item transcript, at its end, and moves the window on scroll', async () => {
    const props = $state({ items: messages(1000), canLoadOlder: false, onNearTop: vi.fn() });
    view = render(Transcript, props);
    await vi.waitFor(() => expect(renderedKeys().at(-1)).toBe('m999'));
    expect(renderedKeys().length).toBeLessThan(30);
    expect(scroller().scrollTop).toBe(1000 * 100 - 600);

    scrollTo(50_000);
    expect(renderedKeys()).toContain('m500');
    expect(renderedKeys()).not.toContain('m999');
    expect(renderedKeys().length).toBeLessThan(30);

    // A streaming run's card is an item like any other.
    const run = { ...newRun('r1', 'agent:main:main', 0), text: 'streaming' };
    props.items = [...props.items, { key: 'run-r1', run }];
    flushSync();
    scrollTo(1e9);
    await vi.waitFor(() =>
      expect(view!.target.querySelector('[data-testid="run"]')).not.toBeNull(),
    );
  });

  it('redraws a streaming run without laying the page out: only its text changes, not the list', async () => {
    const run = { ...newRun('r1', 'agent:main:main', 0), text: 'word1' };
    const props = $state({
      items: [...messages(20), { key: 'run-r1', run }] as TranscriptItem[],
      canLoadOlder: false,
      onNearTop: vi.fn(),
    });
    view = render(Transcript, props);
    await vi.waitFor(() => expect(renderedKeys().at(-1)).toBe('run-r1'));
    // Reading either makes a browser lay the page out; a delta per event must not.
    const reads = vi.fn();
    const proto = Object.getOwnPropertyDescriptors(HTMLElement.prototype);
    for (const name of ['scrollTop', 'scrollHeight'] as const) {
      const { get, set } = proto[name]!;
      Object.defineProperty(HTMLElement.prototype, name, {
        configurable: true,
        get(this: HTMLElement) {
          reads(name);
          return get!.call(this);
        },
        set,
      });
    }
    for (let i = 2; i <= 5; i++) {
      props.items = [
        ...props.items.slice(0, -1),
        { key: 'run-r1', run: { ...run, text: `word${i}` } },
      ];
      flushSync();
    }
    expect(view.target.querySelector('[data-testid="run-text"]')?.textContent).toContain('word5');
    expect(reads).not.toHaveBeenCalled();
    // A new item is a change of the list: the window lays out and follows the end again.
    props.items = [...props.items, ...messages(1, 20)];
    flushSync();
    expect(reads).toHaveBeenCalled();
    await vi.waitFor(() => expect(renderedKeys().at(-1)).toBe('m20'));
  });

  it('asks for older history near the top, and keeps the reader on the same message when it arrives', async () => {
    const onNearTop = vi.fn();
    const props = $state({ items: messages(300, 100), canLoadOlder: true, onNearTop });
    view = render(Transcript, props);
    await vi.waitFor(() => expect(renderedKeys().at(-1)).toBe('m399'));
    expect(onNearTop).not.toHaveBeenCalled();

    scrollTo(2_000);
    expect(onNearTop).not.toHaveBeenCalled();
    scrollTo(150);
    expect(onNearTop).toHaveBeenCalledTimes(1);
    expect(renderedKeys()[0]).toBe('m100');

    // The page arrives: a hundred older messages in front; m101 stays where the reader saw it.
    props.items = [...messages(100), ...props.items];
    props.canLoadOlder = false;
    flushSync();
    await vi.waitFor(() => expect(scroller().scrollTop).toBe(101 * 100 + 50));
    expect(renderedKeys()).toContain('m101');
    expect(renderedKeys()).not.toContain('m0');
  });
});

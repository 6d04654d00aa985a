// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_SOURCE_CHARS, renderMarkdown } from '../markdown/render';
import { formattedBefore, formatWhenIdle } from './idle-format';

type IdleCallback = (deadline: { timeRemaining: () => number }) => void;

/** A fake requestIdleCallback: idle slices run when the test says, with the time it says. */
function fakeIdle() {
  // The slice's own clock stands still: only the idle deadline given below ends a slice.
  vi.spyOn(performance, 'now').mockReturnValue(0);
  const pending: IdleCallback[] = [];
  vi.stubGlobal('requestIdleCallback', (cb: IdleCallback) => pending.push(cb));
  return {
    slice(ms: number) {
      pending.shift()?.({ timeRemaining: () => ms });
    },
    get waiting() {
      return pending.length;
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('formatWhenIdle', () => {
  it('formats only in idle time, newest request first, and remembers the result', () => {
    const idle = fakeIdle();
    const done: string[] = [];
    formatWhenIdle('**first**', (html) => done.push(html));
    formatWhenIdle('_second_', (html) => done.push(html));
    expect(done).toEqual([]);
    idle.slice(50);
    expect(done).toEqual([renderMarkdown('_second_'), renderMarkdown('**first**')]);
    expect(formattedBefore('**first**')).toBe(done[1]);
  });

  it('calls back at once for a source formatted before', () => {
    const idle = fakeIdle();
    formatWhenIdle('`again`', () => {});
    idle.slice(50);
    const done = vi.fn();
    formatWhenIdle('`again`', done);
    expect(done).toHaveBeenCalledWith(renderMarkdown('`again`'));
    expect(idle.waiting).toBe(0);
  });

  it('leaves work for a later slice when the idle time runs out', () => {
    const idle = fakeIdle();
    const done = vi.fn();
    formatWhenIdle('later one', done);
    idle.slice(0);
    expect(done).not.toHaveBeenCalled();
    expect(idle.waiting).toBe(1);
    idle.slice(50);
    expect(done).toHaveBeenCalledOnce();
  });

  it('drops a cancelled request', () => {
    const idle = fakeIdle();
    const done = vi.fn();
    formatWhenIdle('cancelled one', done)();
    idle.slice(50);
    expect(done).not.toHaveBeenCalled();
    expect(formattedBefore('cancelled one')).toBeUndefined();
  });

  it('formats a source cut for length again for another note, a shorter one only once', () => {
    const idle = fakeIdle();
    const english = (shown: number, total: number) => `first ${shown} of ${total}`;
    const chinese = (shown: number, total: number) => `前 ${shown} 个（共 ${total} 个）`;
    const long = 'x'.repeat(MAX_SOURCE_CHARS + 1);
    const done = vi.fn();
    formatWhenIdle(long, done, english);
    formatWhenIdle('short', done, english);
    idle.slice(1_000);
    expect(done).toHaveBeenCalledTimes(2);
    expect(formattedBefore(long, english)).toContain(`first ${MAX_SOURCE_CHARS} of`);
    expect(formattedBefore(long, chinese)).toBeUndefined();
    expect(formattedBefore('short', chinese)).toBe(formattedBefore('short', english));

    formatWhenIdle(long, done, chinese);
    idle.slice(1_000);
    expect(done).toHaveBeenLastCalledWith(expect.stringContaining(`前 ${MAX_SOURCE_CHARS} 个`));
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIRM_WINDOW_MS, twoStep } from './confirm';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('twoStep', () => {
  it('runs the action only on a second press within the window', () => {
    const step = twoStep();
    const action = vi.fn();
    step.press('a', action);
    expect(action).not.toHaveBeenCalled();
    expect(step.armed.get()).toBe('a');
    step.press('a', action);
    expect(action).toHaveBeenCalledOnce();
    expect(step.armed.get()).toBeUndefined();
  });

  it('disarms after the window, so a late second press only arms again', () => {
    const step = twoStep();
    const action = vi.fn();
    step.press('a', action);
    vi.advanceTimersByTime(CONFIRM_WINDOW_MS + 1);
    expect(step.armed.get()).toBeUndefined();
    step.press('a', action);
    expect(action).not.toHaveBeenCalled();
    expect(step.armed.get()).toBe('a');
  });

  it('arming another item disarms the first: a press never confirms a different item', () => {
    const step = twoStep();
    const action = vi.fn();
    step.press('a', action);
    step.press('b', action);
    expect(action).not.toHaveBeenCalled();
    expect(step.armed.get()).toBe('b');
    step.cancel();
    expect(step.armed.get()).toBeUndefined();
  });
});

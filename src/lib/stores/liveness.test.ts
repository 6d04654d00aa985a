import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIVENESS_CHECK_MS, watchLiveness } from './liveness';
import { setPlatform, type Platform } from './platform';

const listeners = new Map<string, () => void>();
let visible = true;

beforeEach(() => {
  vi.useFakeTimers();
  listeners.clear();
  visible = true;
  setPlatform({
    listen: (_target, type, handler) => {
      listeners.set(type, handler);
      return () => listeners.delete(type);
    },
    isVisible: () => visible,
  } as Partial<Platform> as Platform);
});
afterEach(() => vi.useRealTimers());

function watch(state: { connected: boolean; waiting: boolean; lastFrameAt: number }) {
  const reconnect = vi.fn();
  const stop = watchLiveness({
    tickIntervalMs: () => 30_000,
    lastFrameAt: () => state.lastFrameAt,
    isConnected: () => state.connected,
    isWaiting: () => state.waiting,
    reconnect,
  });
  return { reconnect, stop };
}

describe('watchLiveness', () => {
  it('drops a connected socket after about two silent ticks, not before', () => {
    const { reconnect, stop } = watch({ connected: true, waiting: false, lastFrameAt: Date.now() });
    vi.advanceTimersByTime(60_000 - LIVENESS_CHECK_MS);
    expect(reconnect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3 * LIVENESS_CHECK_MS);
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
  });

  it('stays quiet while frames keep arriving', () => {
    const state = { connected: true, waiting: false, lastFrameAt: Date.now() };
    const { reconnect, stop } = watch(state);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(30_000);
      state.lastFrameAt = Date.now();
    }
    expect(reconnect).not.toHaveBeenCalled();
    stop();
  });

  it('reconnects at once when the browser comes back online', () => {
    const { reconnect, stop } = watch({ connected: false, waiting: true, lastFrameAt: 0 });
    listeners.get('online')?.();
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
    expect(listeners.size).toBe(0);
  });

  it('reconnects when the machine wakes while waiting to retry', () => {
    const { reconnect, stop } = watch({ connected: false, waiting: true, lastFrameAt: 0 });
    // A suspended machine runs no timers: the clock jumps and the next check is late.
    vi.setSystemTime(Date.now() + 5 * 60_000);
    vi.advanceTimersByTime(LIVENESS_CHECK_MS);
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
  });

  it('retries at once when a hidden tab that was waiting becomes visible', () => {
    const { reconnect, stop } = watch({ connected: false, waiting: true, lastFrameAt: 0 });
    visible = true;
    listeners.get('visibilitychange')?.();
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
  });
});

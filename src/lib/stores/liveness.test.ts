import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakePage, useFakePlatform } from '../testing/fake-platform';
import { LIVENESS_CHECK_MS, watchLiveness } from './liveness';

let page: FakePage;

beforeEach(() => {
  vi.useFakeTimers();
  page = useFakePlatform();
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

  it('reconnects at once when the browser comes back online, unless it is connected', () => {
    const state = { connected: true, waiting: false, lastFrameAt: Date.now() };
    const { reconnect, stop } = watch(state);
    page.fire('window', 'online');
    expect(reconnect).not.toHaveBeenCalled();
    state.connected = false;
    state.waiting = true;
    page.fire('window', 'online');
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
    expect(page.listenerCount()).toBe(0);
  });

  it('reconnects when the machine wakes while waiting to retry', () => {
    const { reconnect, stop } = watch({ connected: false, waiting: true, lastFrameAt: 0 });
    // A suspended machine runs no timers: the clock jumps and the next check is late.
    vi.setSystemTime(Date.now() + 5 * 60_000);
    vi.advanceTimersByTime(LIVENESS_CHECK_MS);
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
  });

  it('keeps a socket whose ticks still arrive across a late timer (a throttled hidden tab)', () => {
    const state = { connected: true, waiting: false, lastFrameAt: Date.now() };
    const { reconnect, stop } = watch(state);
    vi.setSystemTime(Date.now() + 40_000);
    state.lastFrameAt = Date.now() - 5_000;
    vi.advanceTimersByTime(LIVENESS_CHECK_MS);
    expect(reconnect).not.toHaveBeenCalled();
    stop();
  });

  it('drops a socket that missed a tick across a timer jump, before two ticks have passed', () => {
    const { reconnect, stop } = watch({ connected: true, waiting: false, lastFrameAt: Date.now() });
    // 40 s of silence: over one tick, so presumed dead after a jump, but under the usual two.
    vi.setSystemTime(Date.now() + 40_000);
    vi.advanceTimersByTime(LIVENESS_CHECK_MS);
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
  });

  it('retries at once when a hidden tab that was waiting becomes visible, not when it hides', () => {
    const { reconnect, stop } = watch({ connected: false, waiting: true, lastFrameAt: 0 });
    page.setVisible(false);
    expect(reconnect).not.toHaveBeenCalled();
    page.setVisible(true);
    expect(reconnect).toHaveBeenCalledOnce();
    stop();
    page.setVisible(false);
    page.setVisible(true);
    expect(reconnect).toHaveBeenCalledOnce();
  });

  it('leaves a shown tab alone when it is not waiting to retry', () => {
    const { reconnect, stop } = watch({ connected: true, waiting: false, lastFrameAt: Date.now() });
    page.setVisible(false);
    page.setVisible(true);
    expect(reconnect).not.toHaveBeenCalled();
    stop();
  });
});

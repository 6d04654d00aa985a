import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakePage, useFakePlatform } from '../testing/fake-platform';
import { LIVENESS_CHECK_MS, PROBE_AFTER_MS, watchLiveness } from './liveness';

let page: FakePage;

beforeEach(() => {
  vi.useFakeTimers();
  page = useFakePlatform();
});
afterEach(() => vi.useRealTimers());

function watch(
  state: { connected: boolean; waiting: boolean; lastFrameAt: number },
  // The gateway's answer to the probe: by default it answers at once, like a live gateway.
  probe: () => Promise<boolean> = async () => true,
) {
  const reconnect = vi.fn();
  const stalled = vi.fn();
  const probes = vi.fn(probe);
  const stop = watchLiveness({
    tickIntervalMs: () => 30_000,
    lastFrameAt: () => state.lastFrameAt,
    isConnected: () => state.connected,
    isWaiting: () => state.waiting,
    reconnect,
    probe: probes,
    stalled,
  });
  return { reconnect, stop, stalled, probes };
}

describe('watchLiveness', () => {
  it('with the real 30 s tick, finds a gateway that stopped answering within about 10 s', async () => {
    // The probe is never answered: the socket is open but nothing comes back.
    const { stalled, probes, stop } = watch(
      { connected: true, waiting: false, lastFrameAt: Date.now() },
      () => new Promise<boolean>(() => {}),
    );
    await vi.advanceTimersByTimeAsync(PROBE_AFTER_MS - 1);
    expect(probes).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000 - PROBE_AFTER_MS);
    expect(probes).toHaveBeenCalledOnce();
    expect(stalled).toHaveBeenCalledOnce();
    stop();
  });

  it('a probe the gateway answers in time (a refusal too) proves it is alive', async () => {
    const { stalled, reconnect, probes, stop } = watch(
      { connected: true, waiting: false, lastFrameAt: Date.now() },
      async () => true,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes.mock.calls.length).toBeGreaterThan(3);
    expect(stalled).not.toHaveBeenCalled();
    expect(reconnect).not.toHaveBeenCalled();
    stop();
  });

  it('a probe that comes back unanswered is a stall, reported once per silence', async () => {
    const { stalled, stop } = watch(
      { connected: true, waiting: false, lastFrameAt: Date.now() },
      async () => false,
    );
    await vi.advanceTimersByTimeAsync(20_000);
    expect(stalled).toHaveBeenCalledOnce();
    stop();
  });

  it('does not probe while frames keep arriving', () => {
    const state = { connected: true, waiting: false, lastFrameAt: Date.now() };
    const { probes, stop } = watch(state);
    for (let i = 0; i < 200; i++) {
      vi.advanceTimersByTime(1_000);
      state.lastFrameAt = Date.now();
    }
    expect(probes).not.toHaveBeenCalled();
    stop();
  });

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

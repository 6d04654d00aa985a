import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as LazyWatch from './lazy-watch';
import type * as Connection from './connection';
import type * as Live from '../testing/live';

let lazy: typeof LazyWatch;
let connection: typeof Connection;
let live: typeof Live;

beforeEach(async () => {
  // A fresh module per test: "the first view has shown" is remembered for the page's life.
  vi.resetModules();
  const { useFakePlatform } = await import('../testing/fake-platform');
  useFakePlatform();
  lazy = await import('./lazy-watch');
  connection = await import('./connection');
  live = await import('../testing/live');
});
afterEach(() => {
  connection.disconnect();
  vi.useRealTimers();
});

const settledYet = async (promise: Promise<unknown>) => {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  return settled;
};

describe('work deferred past the first view', () => {
  it('waits for the connection, then starts, and stays started', async () => {
    const shown = lazy.afterFirstView();
    expect(await settledYet(shown)).toBe(false);
    await live.connectLive();
    await shown;
    expect(await settledYet(lazy.afterFirstView())).toBe(true);
  });

  it('after connecting, waits for an idle moment, not only a frame', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    try {
      const shown = lazy.afterFirstView();
      await live.connectLive();
      await vi.waitFor(() => expect(idle).toHaveLength(1));
      // Frames have passed; the main thread has not yet been idle.
      expect(await settledYet(shown)).toBe(false);
      idle[0]!();
      await shown;
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('starts anyway when no connection comes within the wait', async () => {
    vi.useFakeTimers();
    const shown = lazy.afterFirstView();
    let settled = false;
    void shown.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(lazy.FIRST_VIEW_WAIT_MS - 10);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(settled).toBe(true);
  });

  it('loads a lazy watcher only after the first view, and never once stopped before that', async () => {
    const load = vi.fn(async () => () => () => {});
    const stopEarly = lazy.startLazily(load);
    stopEarly();
    const started = vi.fn(() => () => {});
    lazy.startLazily(async () => started);
    expect(load).not.toHaveBeenCalled();
    await live.connectLive();
    await lazy.afterFirstView();
    await vi.waitFor(() => expect(started).toHaveBeenCalledTimes(1));
    expect(load).not.toHaveBeenCalled();
  });
});

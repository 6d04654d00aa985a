// @vitest-environment jsdom
import { atom, STORE_UNMOUNT_DELAY, type WritableAtom } from 'nanostores';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionState, type ConnectionState } from '../stores/connection';
import ConnectionStatus from './ConnectionStatus.svelte';

// The view reads the connection from the store; the test sets it directly.
vi.mock('../stores/connection', async (original) => ({
  ...(await original<typeof import('../stores/connection')>()),
  connectionState: atom<ConnectionState>({ phase: 'idle', url: '', since: 0 }),
  gatewayHello: atom(undefined),
}));
const state = connectionState as WritableAtom<ConnectionState>;
const URL = 'ws://gateway.test:18789';

let component: ReturnType<typeof mount>;
const liveRegion = () => document.querySelector('[role="status"][aria-live="polite"]')!;
const countdown = () => document.querySelector('[data-testid="reconnect-countdown"]');

beforeEach(() => {
  vi.useFakeTimers();
  state.set({ phase: 'connected', url: URL, since: Date.now() });
  component = mount(ConnectionStatus, { target: document.body });
  flushSync();
});

afterEach(() => {
  unmount(component);
  // Let the stores the view used (the ticking clock) unmount before the fake time goes away.
  vi.advanceTimersByTime(STORE_UNMOUNT_DELAY);
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('ConnectionStatus', () => {
  it('keeps the reconnect countdown out of the live region', () => {
    state.set({ phase: 'reconnecting', url: URL, since: Date.now(), retryAt: Date.now() + 5_000 });
    flushSync();
    expect(liveRegion().textContent).toContain(`Reconnecting to ${URL}…`);
    expect(countdown()?.textContent?.trim()).toBe('Trying again in 5 seconds');
    expect(liveRegion().contains(countdown())).toBe(false);
    expect(countdown()?.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
  });

  it('counts down every second without touching the live region', () => {
    state.set({ phase: 'reconnecting', url: URL, since: Date.now(), retryAt: Date.now() + 5_000 });
    flushSync();
    const changes = new MutationObserver(() => {});
    changes.observe(liveRegion(), { subtree: true, childList: true, characterData: true });
    const announced = liveRegion().textContent;

    vi.advanceTimersByTime(1_000);
    flushSync();
    expect(countdown()?.textContent?.trim()).toBe('Trying again in 4 seconds');
    vi.advanceTimersByTime(3_000);
    flushSync();
    expect(countdown()?.textContent?.trim()).toBe('Trying again in 1 second');

    expect(changes.takeRecords()).toEqual([]);
    expect(liveRegion().textContent).toBe(announced);
    changes.disconnect();
  });

  it('announces a change of state and drops the countdown when the attempt starts', () => {
    state.set({ phase: 'reconnecting', url: URL, since: Date.now(), retryAt: Date.now() + 1_000 });
    flushSync();
    vi.advanceTimersByTime(1_000);
    flushSync();
    expect(countdown()).toBeNull();
    state.set({ phase: 'connected', url: URL, since: Date.now() });
    flushSync();
    expect(liveRegion().textContent).toContain(`Connected to ${URL}`);
  });
});

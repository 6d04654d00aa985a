import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('starts under a second and grows by the multiplier per attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(DEFAULT_BACKOFF, attempt, middle))).toEqual([
      800, 800, 1440, 2592,
    ]);
  });

  it('never waits more than the cap, however many attempts failed', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 20, middle)).toBe(30_000);
    expect(backoffDelay(DEFAULT_BACKOFF, 20, () => 0.999)).toBe(30_000);
    expect(backoffDelay(DEFAULT_BACKOFF, 20, () => 0)).toBe(21_000);
  });

  it('spreads each delay by the jitter fraction either way', () => {
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0)).toBe(560);
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0.75)).toBe(920);
    expect(backoffDelay(DEFAULT_BACKOFF, 1, () => 0.999)).toBe(1040);
  });

  it('rounds to whole milliseconds and never goes below zero', () => {
    const policy = { initialMs: 333, multiplier: 1.5, maxMs: 10_000, jitter: 0 };
    expect(backoffDelay(policy, 2, middle)).toBe(500);
    expect(backoffDelay({ ...policy, jitter: 2 }, 1, () => 0)).toBe(0);
  });
});

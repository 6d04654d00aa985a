import { describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { keepScreenAwake } from './wall';

describe('keepScreenAwake', () => {
  it('holds a wake lock while mounted and lets it go when stopped', async () => {
    const dom = useFakePlatform();
    const stop = keepScreenAwake();
    await vi.waitFor(() => expect(dom.wakeLocks).toBe(1));
    stop();
    expect(dom.wakeLocks).toBe(0);
  });

  it('releases a lock granted only after it was stopped', async () => {
    const dom = useFakePlatform();
    const stop = keepScreenAwake();
    stop();
    await Promise.resolve();
    await Promise.resolve();
    expect(dom.wakeLocks).toBe(0);
  });

  it('carries on without a lock when the browser refuses one', async () => {
    const dom = useFakePlatform();
    dom.grantWakeLock = false;
    const stop = keepScreenAwake();
    await Promise.resolve();
    expect(dom.wakeLocks).toBe(0);
    stop();
  });
});

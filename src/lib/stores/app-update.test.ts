import { cleanStores } from 'nanostores';
import { afterEach, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { applyUpdate, dismissUpdate, updateWaiting, watchForUpdates } from './app-update';

afterEach(() => cleanStores(updateWaiting));

describe('a new build of the console', () => {
  it('is offered once the service worker has it waiting, and switched to only when chosen', () => {
    const page = useFakePlatform();
    watchForUpdates();
    expect(updateWaiting.get()).toBe(false);
    page.newBuildWaiting();
    expect(updateWaiting.get()).toBe(true);
    expect(page.updatesApplied).toBe(0);
    applyUpdate();
    expect(page.updatesApplied).toBe(1);
  });

  it('can be put off until the next build', () => {
    const page = useFakePlatform();
    watchForUpdates();
    page.newBuildWaiting();
    dismissUpdate();
    expect(updateWaiting.get()).toBe(false);
    applyUpdate();
    expect(page.updatesApplied).toBe(0);
  });
});

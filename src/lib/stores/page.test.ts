import { cleanStores } from 'nanostores';
import { afterEach, describe, expect, it } from 'vitest';
import { createPage } from './page';
import { openSessionPage, openSessionsPage, router } from './router';

const log: string[] = [];
const page = createPage('session', ({ key }) => {
  log.push(`enter ${key}`);
  return { key, exit: () => log.push(`exit ${key}`) };
});

afterEach(() => {
  cleanStores(page);
  log.length = 0;
});

describe('createPage', () => {
  it('builds the page when its route is entered, rebuilds it for other params, and exits it when left', () => {
    openSessionsPage();
    const off = page.listen(() => {});
    expect(page.get()).toBeUndefined();
    openSessionPage('agent:main:a');
    expect(page.get()?.key).toBe('agent:main:a');
    openSessionPage('agent:main:a');
    openSessionPage('agent:main:b');
    expect(page.get()?.key).toBe('agent:main:b');
    openSessionsPage();
    expect(page.get()).toBeUndefined();
    expect(log).toEqual([
      'enter agent:main:a',
      'exit agent:main:a',
      'enter agent:main:b',
      'exit agent:main:b',
    ]);
    off();
  });

  it('builds nothing while unobserved, and exits when nobody observes it any more', () => {
    openSessionPage('agent:main:c');
    expect(log).toEqual([]);
    page.listen(() => {});
    expect(router.get()?.route).toBe('session');
    expect(log).toEqual(['enter agent:main:c']);
    cleanStores(page);
    expect(log).toEqual(['enter agent:main:c', 'exit agent:main:c']);
  });
});

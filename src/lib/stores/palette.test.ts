import { cleanStores } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { answer, connectLive } from '../testing/live';
import { disconnect } from './connection';
import { paletteItems, paletteQuery, runPaletteItem } from './palette';
import { router } from './router';
import { paletteOpen } from './shortcuts';

afterEach(() => {
  cleanStores(paletteItems, router);
  paletteQuery.set('');
  disconnect();
});

describe('the command palette', () => {
  it('lists every page, and the sessions whose title or key holds the query', async () => {
    useFakePlatform();
    const socket = await connectLive();
    const off = paletteItems.listen(() => {});
    await answer(socket, 'sessions.list', {
      sessions: [{ key: 'agent:main:alpha', label: 'Billing bot' }, { key: 'agent:main:beta' }],
    });
    await vi.waitFor(() =>
      expect(paletteItems.get().filter((item) => item.kind === 'session')).toHaveLength(2),
    );
    paletteQuery.set('billing');
    const sessions = paletteItems.get().filter((item) => item.kind === 'session');
    expect(sessions.map((item) => item.label)).toEqual(['Billing bot']);
    paletteQuery.set('BETA');
    expect(paletteItems.get().filter((item) => item.kind === 'session')[0]?.detail).toBe(
      'agent:main:beta',
    );
    expect(paletteItems.get().some((item) => item.id === 'page:approvals')).toBe(true);
    off();
  });

  it('runs an entry and closes', () => {
    useFakePlatform();
    paletteOpen.set(true);
    const page = paletteItems.get().find((item) => item.id === 'page:logs')!;
    runPaletteItem(page);
    expect(router.get()?.route).toBe('logs');
    expect(paletteOpen.get()).toBe(false);
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { alertPrefs, watchAlerts } from './alerts';
import { recentFailures } from './chat';
import { newRun } from './runs';
import { pageVisible } from './visibility';

describe('alerts', () => {
  it('badges the title and icon for a failure seen while hidden, and clears when shown', () => {
    document.head.innerHTML = '<link rel="icon" href="/favicon.svg">';
    alertPrefs.setKey('badge', 'yes');
    const stop = watchAlerts();
    expect(document.title).toBe('OpenClaw Console');

    pageVisible.set(false);
    const failed = {
      ...newRun('r1', 'agent:main:main', 0),
      state: 'error' as const,
      error: { message: 'boom' },
    };
    recentFailures.set([failed]);
    expect(document.title).toBe('(1) OpenClaw Console');
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toMatch(
      /^data:image\/svg\+xml,.*cf222e/,
    );

    pageVisible.set(true);
    expect(document.title).toBe('OpenClaw Console');
    expect(document.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('/favicon.svg');
    stop();
  });

  it('leaves the title alone when this display turned the badge off', () => {
    alertPrefs.setKey('badge', '');
    const stop = watchAlerts();
    pageVisible.set(false);
    recentFailures.set([{ ...newRun('r2', 'agent:main:main', 0), state: 'error' }]);
    expect(document.title).toBe('OpenClaw Console');
    stop();
    pageVisible.set(true);
  });
});

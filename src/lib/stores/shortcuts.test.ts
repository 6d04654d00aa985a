import { describe, expect, it } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { handleShortcut, shortcutHelpOpen } from './shortcuts';

function key(
  k: string,
  target: Partial<HTMLElement> = { tagName: 'BODY' },
  mods: Partial<KeyboardEvent> = {},
) {
  return {
    key: k,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  } as unknown as KeyboardEvent;
}

describe('keyboard shortcuts', () => {
  it('toggles the help with ? and closes it with Escape', () => {
    expect(handleShortcut(key('?'))).toBe(true);
    expect(shortcutHelpOpen.get()).toBe(true);
    expect(handleShortcut(key('Escape'))).toBe(true);
    expect(shortcutHelpOpen.get()).toBe(false);
  });

  it('leaves keys alone while the user types in a field or uses a modifier', () => {
    expect(handleShortcut(key('?', { tagName: 'TEXTAREA' }))).toBe(false);
    expect(handleShortcut(key('?', { tagName: 'BODY' }, { ctrlKey: true }))).toBe(false);
    expect(shortcutHelpOpen.get()).toBe(false);
  });

  it('treats g followed by an unknown key as nothing', () => {
    expect(handleShortcut(key('g'), 1_000)).toBe(true);
    expect(handleShortcut(key('x'), 1_100)).toBe(false);
  });
});

describe('the search shortcut', () => {
  it('focuses the search field where the page has one, and lets the key through where not', () => {
    const dom = useFakePlatform();
    expect(handleShortcut(key('/'))).toBe(false);
    dom.present.add('input[type="search"]');
    expect(handleShortcut(key('/'))).toBe(true);
    expect(dom.focused).toEqual(['input[type="search"]']);
  });
});

describe('the go-to shortcuts', () => {
  it('open every page in the nav with g and its letter', async () => {
    const { router } = await import('./router');
    const { NAV_PAGES } = await import('./navigation');
    for (const [i, page] of NAV_PAGES.entries()) {
      expect(handleShortcut(key('g'), 10_000 * i)).toBe(true);
      expect(handleShortcut(key(page.key), 10_000 * i + 100)).toBe(true);
      expect(router.get()?.route).toBe(page.route);
    }
  });

  it('give each page a letter of its own', async () => {
    const { NAV_PAGES } = await import('./navigation');
    expect(new Set(NAV_PAGES.map((page) => page.key)).size).toBe(NAV_PAGES.length);
  });
});

describe('the command palette shortcut', () => {
  it('opens and closes with Ctrl+K or ⌘K, even from a text field', async () => {
    const { paletteOpen } = await import('./shortcuts');
    expect(handleShortcut(key('k', { tagName: 'TEXTAREA' }, { ctrlKey: true }))).toBe(true);
    expect(paletteOpen.get()).toBe(true);
    expect(handleShortcut(key('k', { tagName: 'BODY' }, { metaKey: true }))).toBe(true);
    expect(paletteOpen.get()).toBe(false);
    expect(handleShortcut(key('k'))).toBe(false);
  });
});

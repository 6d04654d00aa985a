import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { router, sessionHref } from './router';

/** Where a link leads once the browser has parsed it, as the router sees it. */
function openedKey(href: string): string | undefined {
  // The browser's URL parser normalises the path (percent-encodes, resolves dot segments).
  const { pathname } = new URL(href, 'http://console.test');
  router.open(pathname);
  const page = router.get();
  return page?.route === 'session' ? page.params.key : undefined;
}

// Any UTF-16 code unit, lone surrogates included (the gateway accepts them in session keys).
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const anyKey = fc.string({ unit: fc.oneof(anyUnit, fc.constantFrom('~', '%', '/', '.', '#')) });

describe('session URLs', () => {
  it('round-trip keys with lone surrogates, slashes, dots and escapes', () => {
    for (const key of [
      'agent:main:x-\ud800-y',
      'agent:main:\udc00',
      'a/b',
      '..',
      '.',
      '',
      '~',
      '~D800',
      '%41',
      '%E0',
      'a?b#c',
      '\\',
      '😀',
    ]) {
      expect(openedKey(sessionHref(key))).toBe(key);
    }
  });

  it('round-trip any string', () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        expect(openedKey(sessionHref(key))).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('a hand-edited, malformed path opens a session instead of throwing', () => {
    expect(openedKey('/sessions/%E0%A4')).toBe('%E0%A4');
  });
});

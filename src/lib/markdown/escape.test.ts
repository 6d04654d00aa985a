import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape';

describe('escapeHtml', () => {
  it('escapes every HTML-significant character and leaves the rest', () => {
    expect(escapeHtml(`<a href="x">'&'</a> ok`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; ok',
    );
  });
});

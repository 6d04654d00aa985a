// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { HOSTILE_CORPUS } from './hostile-corpus';
import { sanitizeHtml } from './sanitize';

// The renderer never passes raw HTML through, so this exercises the second layer on its own:
// even if marked emitted a payload verbatim, DOMPurify must still neutralise it.
describe('sanitizeHtml on raw hostile HTML', () => {
  it.each(HOSTILE_CORPUS)('neutralises $name', ({ payload }) => {
    // null would mean "no DOM, escape it yourself": under jsdom the sanitiser must run.
    const html = sanitizeHtml(payload);
    if (html === null) expect.fail('sanitizeHtml found no DOM');
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    expect(
      body.querySelectorAll(
        'script, style, iframe, object, embed, form, input, svg, math, img, link, meta, base, video, audio',
      ),
    ).toHaveLength(0);
    for (const element of body.querySelectorAll('*')) {
      for (const name of element.getAttributeNames()) {
        expect(name.startsWith('on')).toBe(false);
        expect(['src', 'srcset', 'style', 'id', 'name']).not.toContain(name);
      }
      const href = element.getAttribute('href');
      if (href !== null) expect(href).toMatch(/^(?:https?:|mailto:)/);
    }
  });

  it('drops unsafe hrefs but keeps the text, and marks safe links', () => {
    const html = sanitizeHtml(
      '<a href="java&#x09;script:alert(1)">a</a><a href="HTTPS://Example.com/x" onclick="x()">b</a>',
    );
    const body = new DOMParser().parseFromString(html ?? '', 'text/html').body;
    const [first, second] = body.querySelectorAll('a');
    expect(first?.hasAttribute('href')).toBe(false);
    expect(first?.textContent).toBe('a');
    expect(second?.getAttribute('href')).toBe('https://example.com/x');
    expect(second?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(second?.getAttribute('target')).toBe('_blank');
  });

  it('keeps only classes the renderer uses', () => {
    const html = sanitizeHtml(
      '<span class="tok-kw evil">x</span><code class="language-js x">y</code>',
    );
    expect(html).toBe('<span class="tok-kw">x</span><code class="language-js">y</code>');
  });
});

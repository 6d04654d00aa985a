import { describe, expect, it } from 'vitest';
import { highlight } from './highlight';

const SPAN = /<span class="tok-(?:kw|str|com|num)">|<\/span>/g;
const ENTITY: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

/** The text a browser would show, after checking that our spans are the only markup. */
function shownText(html: string): string {
  const withoutSpans = html.replace(SPAN, '');
  expect(withoutSpans).not.toMatch(/[<>]/);
  return withoutSpans.replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITY[entity] ?? entity);
}

// Small deterministic PRNG so a failure is reproducible.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const LANGUAGES = ['js', 'ts', 'json', 'python', 'bash', 'sh', 'rust', 'c', 'sql', 'text', ''];
const ALPHABET = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '/',
  '*',
  '#',
  '\\',
  '\n',
  ' ',
  '1',
  'x',
  'if',
  '$',
  '{',
];

describe('highlight', () => {
  it.each(LANGUAGES)('never produces markup from random input (%s)', (lang) => {
    const next = random(lang.length + 7);
    for (let round = 0; round < 300; round += 1) {
      let code = '';
      for (let i = 0; i < 40; i += 1) code += ALPHABET[Math.floor(next() * ALPHABET.length)];
      expect(shownText(highlight(code, lang))).toBe(code);
    }
  });

  it('wraps keywords, strings, comments and numbers', () => {
    expect(highlight('if (x) return "a" // c\n0x1F', 'js')).toBe(
      '<span class="tok-kw">if</span> (x) <span class="tok-kw">return</span> ' +
        '<span class="tok-str">&quot;a&quot;</span> <span class="tok-com">// c</span>\n' +
        '<span class="tok-num">0x1F</span>',
    );
  });

  it('knows language-specific comments and strings', () => {
    expect(highlight('# c\ns = """a\nb"""', 'python')).toBe(
      '<span class="tok-com"># c</span>\ns = <span class="tok-str">&quot;&quot;&quot;a\nb&quot;&quot;&quot;</span>',
    );
    expect(highlight('echo a#b # c', 'bash')).toBe('echo a#b <span class="tok-com"># c</span>');
  });

  it('does not treat URLs or lifetimes as comments or strings', () => {
    expect(highlight('url: https://example.com', 'yaml')).not.toContain('tok-com');
    expect(highlight("impl<'a> S<'a> { const C: char = '\\''; }", 'rust')).toBe(
      '<span class="tok-kw">impl</span>&lt;&#39;a&gt; S&lt;&#39;a&gt; { <span class="tok-kw">const</span> ' +
        'C: char = <span class="tok-str">&#39;\\&#39;&#39;</span>; }',
    );
    expect(highlight("WHERE name = it's", 'sql')).not.toContain('tok-str');
    expect(highlight("WHERE name = 'x'", 'sql')).toContain(
      '<span class="tok-str">&#39;x&#39;</span>',
    );
  });

  it('escapes everything for plain-text languages', () => {
    expect(highlight('<b>if</b>', 'text')).toBe('&lt;b&gt;if&lt;/b&gt;');
  });

  it('handles pathological input and still emits only its own spans', () => {
    for (const [code, lang] of [
      ["'\\".repeat(100_000), 'rust'],
      ['/*'.repeat(100_000), 'js'],
      ['"""'.repeat(60_000), 'python'],
    ] as const) {
      expect(highlight(code, lang)).not.toMatch(/<(?!\/?span[ >])/);
    }
  });
});

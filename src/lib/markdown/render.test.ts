// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { HOSTILE_CORPUS } from './hostile-corpus';
import { MAX_SOURCE_CHARS, renderMarkdown } from './render';

const FORBIDDEN_ELEMENTS =
  'script, style, iframe, object, embed, form, input, svg, math, img, link, meta, base, video, audio, source, button, textarea, select, template, noscript';
const FORBIDDEN_ATTRIBUTES = ['src', 'srcset', 'style', 'id', 'name', 'srcdoc', 'formaction'];

function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
}

function allElements(root: HTMLElement): Element[] {
  return [...root.querySelectorAll('*')];
}

describe('renderMarkdown with hostile input', () => {
  it('has a corpus of at least 50 payloads', () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(HOSTILE_CORPUS)('neutralises $name', ({ payload }) => {
    const body = parse(renderMarkdown(payload));
    expect(body.querySelectorAll(FORBIDDEN_ELEMENTS)).toHaveLength(0);
    for (const element of allElements(body)) {
      for (const attribute of element.getAttributeNames()) {
        expect(attribute.toLowerCase().startsWith('on'), `${element.tagName} ${attribute}`).toBe(
          false,
        );
        expect(FORBIDDEN_ATTRIBUTES).not.toContain(attribute.toLowerCase());
      }
      const href = element.getAttribute('href');
      if (href !== null) expect(href).toMatch(/^(?:https?:|mailto:)/);
    }
    for (const link of body.querySelectorAll('a[href]')) {
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('href')).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/);
    }
  });
});

describe('renderMarkdown links and images', () => {
  it('keeps the text of refused links', () => {
    const body = parse(renderMarkdown('[click me](javascript:alert(1)) and <javascript:alert(2)>'));
    expect(body.querySelectorAll('a')).toHaveLength(0);
    expect(body.textContent).toContain('click me');
    expect(body.textContent).toContain('javascript:alert(2)');
  });

  it('adds rel and target to safe links', () => {
    const body = parse(renderMarkdown('[a](https://example.com/x) <mailto:me@example.com>'));
    const links = [...body.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/x',
      'mailto:me@example.com',
    ]);
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  it('links GFM bare URLs', () => {
    const body = parse(renderMarkdown('see www.example.com'));
    expect(body.querySelector('a')?.getAttribute('href')).toBe('http://www.example.com/');
  });

  it('strips invisible characters from URLs but keeps link text', () => {
    const body = parse(renderMarkdown('[a\u200Bb](https://ex\u200Bample.com/\u202Ex)'));
    const a = body.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com/x');
    expect(a?.textContent).toBe('a\u200Bb');
  });

  it('turns images into links without loading them', () => {
    const body = parse(renderMarkdown('![a cat](https://example.com/cat.png)'));
    expect(body.querySelector('img')).toBeNull();
    const a = body.querySelector('a.md-image');
    expect(a?.textContent).toBe('[image: a cat]');
    expect(a?.getAttribute('href')).toBe('https://example.com/cat.png');
  });

  it('shows images with unsafe URLs as text only', () => {
    const body = parse(renderMarkdown('![x](javascript:alert(1))'));
    expect(body.querySelector('a')).toBeNull();
    expect(body.textContent?.trim()).toBe('[image: x](javascript:alert(1))');
  });

  it('shows raw HTML as text', () => {
    const body = parse(renderMarkdown('use <b>bold</b> here'));
    expect(body.querySelector('b')).toBeNull();
    expect(body.textContent?.trim()).toBe('use <b>bold</b> here');
  });
});

describe('renderMarkdown structure', () => {
  it('renders headings without ids', () => {
    const body = parse(renderMarkdown('# One\n\n## Two'));
    expect(body.querySelector('h1')?.textContent).toBe('One');
    expect(body.querySelector('h2')?.textContent).toBe('Two');
    expect(body.querySelector('[id]')).toBeNull();
  });

  it('renders nested and ordered lists', () => {
    const body = parse(renderMarkdown('- a\n  - b\n\n3. c\n4. d'));
    expect(body.querySelectorAll('ul ul li')).toHaveLength(1);
    expect(body.querySelector('ol')?.getAttribute('start')).toBe('3');
  });

  it('renders task lists without form controls', () => {
    const body = parse(renderMarkdown('- [x] done\n- [ ] todo'));
    expect(body.querySelector('input')).toBeNull();
    expect(body.querySelectorAll('.md-task')).toHaveLength(2);
  });

  it('renders GFM tables', () => {
    const body = parse(renderMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |'));
    expect([...body.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['a', 'b']);
    expect(body.querySelector('td')?.getAttribute('align')).toBe('left');
  });

  it('renders emphasis, strikethrough, code spans and blockquotes', () => {
    const body = parse(renderMarkdown('> *a* **b** ~~c~~ `<d>`'));
    expect(body.querySelector('blockquote em')?.textContent).toBe('a');
    expect(body.querySelector('strong')?.textContent).toBe('b');
    expect(body.querySelector('del')?.textContent).toBe('c');
    expect(body.querySelector('code')?.textContent).toBe('<d>');
  });
});

describe('renderMarkdown code blocks', () => {
  it('adds a language class and highlight spans', () => {
    const body = parse(
      renderMarkdown('```js\n// note\nconst a = "s" + 42;\n```\n\n```python\ndef f(): pass\n```'),
    );
    const code = body.querySelector('pre > code.language-js');
    expect(code?.querySelector('.tok-com')?.textContent).toBe('// note');
    expect(code?.querySelector('.tok-kw')?.textContent).toBe('const');
    expect(code?.querySelector('.tok-str')?.textContent).toBe('"s"');
    expect(code?.querySelector('.tok-num')?.textContent).toBe('42');
    expect(code?.textContent).toBe('// note\nconst a = "s" + 42;');
    expect(body.querySelector('code.language-python .tok-kw')?.textContent).toBe('def');
  });

  it('sanitises the language name', () => {
    const body = parse(renderMarkdown('```C#" onclick="x\nx\n```\n\n```Ts {1}\ny\n```'));
    const classes = [...body.querySelectorAll('code')].map((c) => c.className);
    expect(classes).toEqual(['language-csharp', 'language-ts']);
  });

  it('cannot inject markup through highlighting', () => {
    const source = '```js\nconst a = "<img src=x onerror=alert(1)>"; // </span><script>\n```';
    const body = parse(renderMarkdown(source));
    expect(body.querySelector('img, script')).toBeNull();
    expect(body.querySelector('code')?.textContent).toBe(
      'const a = "<img src=x onerror=alert(1)>"; // </span><script>',
    );
    for (const span of body.querySelectorAll('code span')) {
      expect(span.className).toMatch(/^tok-(kw|str|com|num)$/);
      expect(span.children).toHaveLength(0);
    }
  });

  it('keeps the exact text of every highlighted language', () => {
    const code = 'x = \'a\\\'b\' # c\n"""doc\n""" 0x1F `t ${1}` /* d */ \'open';
    for (const lang of ['js', 'json', 'python', 'bash', 'rust', 'text', '']) {
      const body = parse(renderMarkdown(`\`\`\`${lang}\n${code}\n\`\`\``));
      expect(body.querySelector('code')?.textContent).toBe(code);
    }
  });

  it('does not highlight keywords inside identifiers or strings', () => {
    const body = parse(renderMarkdown('```js\nformat("if")\n```'));
    expect(body.querySelectorAll('.tok-kw')).toHaveLength(0);
  });
});

describe('renderMarkdown limits', () => {
  it('truncates long input with a visible note', () => {
    const source = 'a'.repeat(MAX_SOURCE_CHARS + 10);
    const body = parse(
      renderMarkdown(source, { truncatedNote: (shown, total) => `<cut> ${shown} of ${total}` }),
    );
    expect(body.querySelector('.md-truncated')?.textContent).toBe(
      `<cut> ${MAX_SOURCE_CHARS} of ${MAX_SOURCE_CHARS + 10}`,
    );
    expect(body.querySelector('p')?.textContent).toHaveLength(MAX_SOURCE_CHARS);
  });

  it('still shows the numbers when no note is given, in no particular language', () => {
    const body = parse(renderMarkdown('b'.repeat(MAX_SOURCE_CHARS + 1)));
    expect(body.querySelector('.md-truncated')?.textContent).toBe(
      `… ${MAX_SOURCE_CHARS} / ${MAX_SOURCE_CHARS + 1}`,
    );
  });

  it('adds no note to a source that was not cut', () => {
    const note = vi.fn(() => 'cut');
    const body = parse(renderMarkdown('b'.repeat(MAX_SOURCE_CHARS), { truncatedNote: note }));
    expect(body.querySelector('.md-truncated')).toBeNull();
    expect(note).not.toHaveBeenCalled();
  });

  it.each([
    ['blockquotes', '>'.repeat(10_000) + ' deep'],
    ['lists', '- '.repeat(10_000) + 'deep'],
    ['mixed containers', '> 1. '.repeat(5_000) + 'deep'],
    ['indentation', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i * 2)}- deep`).join('\n')],
  ])('renders 10,000-level %s as plain text', (_name, source) => {
    const body = parse(renderMarkdown(source));
    expect(body.querySelector('pre.md-plain')?.textContent).toBe(source);
    expect(body.querySelector('blockquote, ul, ol')).toBeNull();
  });

  it.each([
    ['nested emphasis', '*a '.repeat(5_000) + 'x' + ' a*'.repeat(5_000)],
    ['nested strong', '**'.repeat(5_000) + 'x' + '**'.repeat(5_000)],
    ['nested strikethrough', '~~a '.repeat(5_000) + 'x' + ' a~~'.repeat(5_000)],
    ['intraword underscores', 'a_'.repeat(50_000)],
    ['star runs', '**a'.repeat(30_000)],
  ])('survives pathological %s', (_name, source) => {
    const body = parse(renderMarkdown(source));
    expect(body.textContent?.length).toBeGreaterThan(0);
  });

  it('allows moderate nesting', () => {
    const body = parse(renderMarkdown('> > > - - quote'));
    expect(body.querySelectorAll('blockquote')).toHaveLength(3);
    expect(body.querySelectorAll('ul')).toHaveLength(2);
  });
});

describe('hidden characters in code', () => {
  it('shows bidi and invisible characters in code blocks and inline code as visible markers', () => {
    const body = parse(
      renderMarkdown('```sh\nrm -rf ~/\u202Etxt.exe\n```\n\nrun `curl x\u200B.sh` now'),
    );
    const block = body.querySelector('pre code');
    expect(block?.textContent).toBe('rm -rf ~/⟨U+202E⟩txt.exe');
    expect(block?.querySelector('.md-hidden')?.textContent).toBe('⟨U+202E⟩');
    expect(body.querySelector('p code')?.textContent).toBe('curl x⟨U+200B⟩.sh');
    expect(body.innerHTML).not.toMatch(/[\u202E\u200B]/);
  });
});

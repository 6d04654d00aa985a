/**
 * Markdown → HTML for untrusted model output. Layers: size and nesting guards, a marked
 * instance that never emits raw HTML, media or unsafe links, then a strict DOMPurify pass.
 */
import { Marked, Tokenizer, type RendererObject, type TokenizerObject } from 'marked';
import { escapeHtml } from './escape';
import { highlight } from './highlight';
import { estimateElements, exceedsBlockLimits, exceedsInlineBudget } from './limits';
import { LINK_REL, sanitizeHtml } from './sanitize';
import { IMAGE_SCHEMES, LINK_SCHEMES, safeUrl, stripInvisible } from './urls';
import { hasHidden, revealHidden } from '../text/hidden';

/** Longer input is cut here; rendering even this much takes marked a couple of hundred ms. */
export const MAX_SOURCE_CHARS = 200_000;
/**
 * A reply that could make more elements than this is shown as text, with a choice to format it
 * anyway: past it, one reply's formatting becomes a long task (see estimateElements).
 */
export const MAX_ELEMENTS = 1_000;
/**
 * A reply shown as text for its size is cut here: laying out 200,000 characters of wrapped text
 * is itself a long task on a slow machine.
 */
export const MAX_PLAIN_CHARS = 50_000;
/** Starts the HTML of a reply shown as text because it was over MAX_ELEMENTS. */
export const OVER_BUDGET_MARK = '<!--over-element-budget-->';
/** Deeper blockquote/list nesting is not rendered as markdown. */
const MAX_NESTING_DEPTH = 50;
// Each emphasis level rescans the rest of the paragraph; nobody nests emphasis this deep.
const MAX_INLINE_DEPTH = 10;
// Roughly 50 ms worth of marked's quadratic paths (see limits.ts).
const INLINE_SCAN_BUDGET = 20_000_000;
const QUOTE_COST_BUDGET = 4_000_000;
// Image URLs are shown as text; a 100 kB data: URL would only bury the message.
const MAX_SHOWN_URL = 200;

/** Options for renderMarkdown. */
export interface RenderOptions {
  /**
   * Writes the visible note appended when the source was cut at MAX_SOURCE_CHARS, in the
   * reader's language (the caller translates; without it the note is only the two numbers).
   */
  truncatedNote?: (shown: number, total: number) => string;
  /** The element budget (MAX_ELEMENTS by default; Infinity when the reader chose to format). */
  maxElements?: number;
}

function linkAttrs(href: string, title?: string | null): string {
  const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
  return `href="${escapeHtml(href)}"${titleAttr} rel="${LINK_REL}" target="_blank"`;
}

function shownUrl(href: string): string {
  const visible = stripInvisible(href);
  return visible.length > MAX_SHOWN_URL ? `${visible.slice(0, MAX_SHOWN_URL)}…` : visible;
}

/** Language tag as a class-safe word: `C#` → `csharp`, `ts {1,3}` → `ts`. */
function languageOf(info: string | undefined): string {
  const word = (info ?? '').trim().split(/\s+/, 1)[0] ?? '';
  return word
    .toLowerCase()
    .replace(/#/g, 'sharp')
    .replace(/[^a-z0-9+-]/g, '')
    .slice(0, 32);
}

const MARKER = /⟨U\+[0-9A-F]{4,6}⟩/g;

/**
 * Code with bidi controls or invisible characters can read differently from what it
 * runs (a reversed file name, a hidden argument): show each as a ⟨U+XXXX⟩ marker, so
 * what is read, and what the copy button copies, is what is there. Not highlighted.
 */
function revealedCode(text: string): string {
  const shown = revealHidden(text);
  let html = '';
  let last = 0;
  for (const match of shown.matchAll(MARKER)) {
    html += `${escapeHtml(shown.slice(last, match.index))}<span class="md-hidden">${match[0]}</span>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(shown.slice(last));
}

const renderer: RendererObject = {
  // Raw HTML in model output is shown, never interpreted: "<b>" in prose stays visible text.
  html({ text, block }) {
    const escaped = escapeHtml(block ? text.trim() : text);
    return block ? `<p>${escaped}</p>\n` : escaped;
  },
  code({ text, lang }) {
    const language = languageOf(lang);
    const cls = language ? ` class="language-${language}"` : '';
    const body = hasHidden(text) ? revealedCode(text) : highlight(text, language);
    return `<pre><code${cls}>${body}</code></pre>\n`;
  },
  codespan({ text }) {
    return `<code>${hasHidden(text) ? revealedCode(text) : escapeHtml(text)}</code>`;
  },
  link({ href, title, tokens }) {
    const inner = this.parser.parseInline(tokens);
    const safe = safeUrl(href, LINK_SCHEMES);
    return safe ? `<a ${linkAttrs(safe, title)}>${inner}</a>` : inner;
  },
  // Images are never loaded (a request would tell a third party the message was viewed),
  // only offered as a link the user may choose to open.
  image({ href, text }) {
    const label = escapeHtml(`[image: ${text}]`);
    const safe = safeUrl(href, IMAGE_SCHEMES);
    if (safe) return `<a class="md-image" ${linkAttrs(safe, safe)}>${label}</a>`;
    return `${label}(${escapeHtml(shownUrl(href))})`;
  },
  // GFM task lists would emit <input>; a glyph says the same without a form control.
  checkbox({ checked }) {
    return `<span class="md-task">${checked ? '☑' : '☐'}</span> `;
  },
};

// Emphasis and strikethrough recurse once per nesting level ("*a *a *a … a* a* a*" overflows
// the stack at ~2,000 levels after seconds of work). Past the limit we decline the token and
// marked's text tokenizer takes the delimiter as a literal character.
let inlineDepth = 0;

function nested<T>(run: () => T): T | undefined {
  if (inlineDepth >= MAX_INLINE_DEPTH) return undefined;
  inlineDepth += 1;
  try {
    return run();
  } finally {
    inlineDepth -= 1;
  }
}

const tokenizer: TokenizerObject = {
  emStrong(src, maskedSrc, prevChar) {
    return nested(() => Tokenizer.prototype.emStrong.call(this, src, maskedSrc, prevChar));
  },
  del(src, maskedSrc, prevChar) {
    return nested(() => Tokenizer.prototype.del.call(this, src, maskedSrc, prevChar));
  },
};

// A private instance: the global `marked` may be configured differently by other code.
const markdown = new Marked({ gfm: true, breaks: false, async: false, renderer, tokenizer });

function plainBlock(text: string): string {
  return `<pre class="md-plain">${escapeHtml(text)}</pre>`;
}

/** The first `limit` characters of a text, never half of a surrogate pair, with an ellipsis. */
export function clipText(text: string, limit: number): string {
  return `${truncate(text, limit)}…`;
}

function truncate(source: string, limit: number): string {
  let end = limit;
  // Do not leave half of a surrogate pair behind.
  const last = source.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return source.slice(0, end);
}

function toHtml(source: string): string {
  if (
    exceedsBlockLimits(source, { depth: MAX_NESTING_DEPTH, quoteCost: QUOTE_COST_BUDGET }) ||
    exceedsInlineBudget(source, INLINE_SCAN_BUDGET)
  ) {
    return plainBlock(source);
  }
  try {
    inlineDepth = 0;
    return markdown.parse(source, { async: false });
  } catch {
    // Anything marked chokes on (e.g. a stack overflow we did not foresee) is still readable.
    return plainBlock(source);
  }
}

/** Renders untrusted markdown to sanitised HTML that is safe to pass to {@html}. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  const formattable =
    source.length > MAX_SOURCE_CHARS ? truncate(source, MAX_SOURCE_CHARS) : source;
  const over = estimateElements(formattable) > (options.maxElements ?? MAX_ELEMENTS);
  const text =
    over && source.length > MAX_PLAIN_CHARS ? truncate(source, MAX_PLAIN_CHARS) : formattable;
  const note =
    text.length < source.length
      ? `<p class="md-truncated">${escapeHtml(
          options.truncatedNote?.(text.length, source.length) ??
            `… ${text.length} / ${source.length}`,
        )}</p>`
      : '';
  // Escaped text and our own note need no sanitising; the mark lets the view offer to format.
  if (over) return OVER_BUDGET_MARK + plainBlock(text) + note;
  // Without a DOM there is nothing to sanitise with: fall back to text, never to unchecked HTML.
  return sanitizeHtml(toHtml(text) + note) ?? plainBlock(text);
}

/**
 * A deliberately tiny syntax highlighter for code blocks (no dependency, no regex backtracking).
 *
 * Safety: the input is cut into pieces and every piece goes through escapeHtml; the only markup
 * ever emitted is one of four fixed `<span class="tok-…">` wrappers, so no input can create a tag.
 */
import { escapeHtml } from './escape';

type TokenKind = 'kw' | 'str' | 'com' | 'num';

interface StringRule {
  /** Sticky pattern; group 1, where present, is the closing quote. */
  re: RegExp;
  /** Unterminated matches are not strings (e.g. a Rust lifetime `'a`): show the quote as plain text. */
  mustClose?: boolean;
}

interface Grammar {
  keywords: ReadonlySet<string>;
  comments: readonly RegExp[];
  strings: readonly StringRule[];
  /** Shell-style `#` comments only start a comment at the beginning of a word. */
  hashNeedsBoundary?: boolean;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

// All patterns are sticky (/y) and written so they always succeed once the first character
// matches (optional closers, `$` fallbacks): a failed attempt never rescans the rest of the input.
const LINE_SLASH = /\/\/[^\n]*/y;
const LINE_HASH = /#[^\n]*/y;
const BLOCK_C = /\/\*[\s\S]*?(?:\*\/|$)/y;
const DQ_LINE = /"(?:[^"\\\n]|\\[\s\S])*"?/y;
const SQ_LINE = /'(?:[^'\\\n]|\\[\s\S])*(')?/y;
const BACKTICK = /`(?:[^`\\]|\\[\s\S])*`?/y;
const DQ_MULTI = /"(?:[^"\\]|\\[\s\S])*"?/y;
const SQ_RAW = /'[^']*'?/y;
// Rust char literal: one character or one escape; a lone quote is a lifetime (`'a`).
const CHAR_LITERAL = /'(?:[^'\\\n]|\\(?:u\{[\da-fA-F]{1,6}\}|x[\da-fA-F]{2}|.))'/y;
const TRIPLE_DQ = /"""[\s\S]*?(?:"""|$)/y;
const TRIPLE_SQ = /'''[\s\S]*?(?:'''|$)/y;
const NUMBER =
  /(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)n?/y;
const IDENTIFIER = /[A-Za-z_$][\w$]*/y;

const JS: Grammar = {
  keywords: words(`
    abstract as async await break case catch class const continue debugger declare default
    delete do else enum export extends false finally for from function get if implements import
    in instanceof interface keyof let new null of private protected public readonly return
    satisfies set static super switch this throw true try type typeof undefined var void while
    with yield`),
  comments: [LINE_SLASH, BLOCK_C],
  strings: [{ re: DQ_LINE }, { re: SQ_LINE }, { re: BACKTICK }],
};

const JSON_GRAMMAR: Grammar = {
  keywords: words('true false null'),
  comments: [LINE_SLASH, BLOCK_C], // jsonc/json5; never matches inside valid JSON
  strings: [{ re: DQ_LINE }],
};

const PYTHON: Grammar = {
  keywords: words(`
    False None True and as assert async await break class continue def del elif else except
    finally for from global if import in is lambda match case nonlocal not or pass raise return
    try while with yield`),
  comments: [LINE_HASH],
  strings: [{ re: TRIPLE_DQ }, { re: TRIPLE_SQ }, { re: DQ_LINE }, { re: SQ_LINE }],
};

const SHELL: Grammar = {
  keywords: words(`
    if then else elif fi for while until do done case esac in function return local export
    declare readonly select exit break continue source alias unset shift`),
  comments: [LINE_HASH],
  strings: [{ re: DQ_MULTI }, { re: SQ_RAW }],
  hashNeedsBoundary: true,
};

const RUST: Grammar = {
  keywords: words(`
    as async await break const continue crate dyn else enum extern false fn for if impl in let
    loop match mod move mut pub ref return self Self static struct super trait true type unsafe
    use where while`),
  comments: [LINE_SLASH, BLOCK_C],
  strings: [{ re: DQ_MULTI }, { re: CHAR_LITERAL }],
};

// Unknown languages: C-like comments, both quote styles, and keywords most languages share.
const GENERIC: Grammar = {
  keywords: words(`
    if else elif for while do return break continue function fn func def class struct enum impl
    trait interface import from export package use pub let const var mut static public private
    protected new delete true false null nil None True False this self try catch except finally
    throw raise switch case default match async await yield void`),
  comments: [LINE_SLASH, BLOCK_C, LINE_HASH],
  strings: [{ re: DQ_LINE }, { re: SQ_LINE, mustClose: true }],
  hashNeedsBoundary: true,
};

const aliases = (grammar: Grammar | null, names: string): [string, Grammar | null][] =>
  names.split(' ').map((name) => [name, grammar]);

const GRAMMARS = new Map<string, Grammar | null>([
  ...aliases(JS, 'js javascript jsx mjs cjs ts typescript tsx mts cts'),
  ...aliases(JSON_GRAMMAR, 'json jsonc json5 jsonl'),
  ...aliases(PYTHON, 'py python python3'),
  ...aliases(SHELL, 'sh bash shell zsh ksh console shellsession'),
  ...aliases(RUST, 'rs rust'),
  // Prose-like blocks: colouring words there would only be noise.
  ...aliases(null, ' text txt plain plaintext md markdown log'),
]);

function grammarFor(lang: string): Grammar | null {
  const grammar = GRAMMARS.get(lang);
  return grammar === undefined ? GENERIC : grammar;
}

function stickyExec(re: RegExp, code: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(code);
}

function stickyMatch(re: RegExp, code: string, at: number): string | null {
  return stickyExec(re, code, at)?.[0] ?? null;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$]/.test(ch);
}

/** Highlights `code` for `lang` (already sanitised, lower-case); returns escaped HTML. */
export function highlight(code: string, lang: string): string {
  const grammar = grammarFor(lang);
  if (!grammar) return escapeHtml(code);

  const out: string[] = [];
  let plainStart = 0;
  // For strings that must close: index before which we already know no closing quote exists.
  const noCloseBefore = new Map<StringRule, number>();

  const emit = (start: number, end: number, kind: TokenKind): void => {
    if (start > plainStart) out.push(escapeHtml(code.slice(plainStart, start)));
    out.push(`<span class="tok-${kind}">${escapeHtml(code.slice(start, end))}</span>`);
    plainStart = end;
  };

  let i = 0;
  scan: while (i < code.length) {
    const ch = code[i];

    for (const re of grammar.comments) {
      if (re === LINE_HASH && grammar.hashNeedsBoundary && i > 0 && !/\s/.test(code[i - 1] ?? ''))
        continue;
      if (re === LINE_SLASH && code[i - 1] === ':') continue; // a URL, not a comment
      const text = stickyMatch(re, code, i);
      if (text) {
        emit(i, i + text.length, 'com');
        i += text.length;
        continue scan;
      }
    }

    for (const rule of grammar.strings) {
      if ((noCloseBefore.get(rule) ?? -1) > i) continue;
      const match = stickyExec(rule.re, code, i);
      const text = match?.[0];
      if (!match || !text) continue;
      if (rule.mustClose && match[1] === undefined) {
        // No closing quote on this line, and none can appear for a later quote either.
        noCloseBefore.set(rule, i + text.length);
        continue;
      }
      emit(i, i + text.length, 'str');
      i += text.length;
      continue scan;
    }

    if (ch !== undefined && ch >= '0' && ch <= '9' && !isWordChar(code[i - 1])) {
      const text = stickyMatch(NUMBER, code, i) ?? ch;
      emit(i, i + text.length, 'num');
      i += text.length;
      continue;
    }

    const word = stickyMatch(IDENTIFIER, code, i);
    if (word) {
      // Whole identifiers are consumed so `format` never highlights its `for`.
      if (grammar.keywords.has(word)) emit(i, i + word.length, 'kw');
      i += word.length;
      continue;
    }

    i += 1;
  }
  if (plainStart < code.length) out.push(escapeHtml(code.slice(plainStart)));
  return out.join('');
}

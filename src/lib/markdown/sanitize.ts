/** The DOMPurify pass: the real security boundary, whatever marked emitted. */
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { LINK_SCHEMES, safeUrl } from './urls';

// Everything our renderer emits, nothing more: no media, forms, SVG/MathML, styles or scripts.
const ALLOWED_TAGS = [
  'a',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
];
// No id/name (DOM clobbering), style, src/srcset or event handlers.
const ALLOWED_ATTR = ['align', 'class', 'href', 'start', 'title'];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  // With a strict URI pattern DOMPurify checks every non-"URI-safe" value against it.
  ADD_URI_SAFE_ATTR: ['align', 'start'],
  KEEP_CONTENT: true,
};

// Classes the renderer adds; anything else (there should be nothing else) is dropped.
const OUR_CLASSES = new Set([
  'md-hidden',
  'md-image',
  'md-plain',
  'md-task',
  'md-truncated',
  'tok-com',
  'tok-kw',
  'tok-num',
  'tok-str',
]);
const LANGUAGE_CLASS = /^language-[a-z0-9+-]{1,32}$/;

/** rel/target every rendered link gets: no opener access, no referrer leak, no SEO endorsement. */
export const LINK_REL = 'noopener noreferrer nofollow';

function enforce(node: Element): void {
  const classes = node.getAttribute('class');
  if (classes !== null) {
    const kept = classes.split(/\s+/).filter((c) => OUR_CLASSES.has(c) || LANGUAGE_CLASS.test(c));
    if (kept.length > 0) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
  }
  if (node.tagName === 'A') {
    const href = node.getAttribute('href');
    const safe = href === null ? null : safeUrl(href, LINK_SCHEMES);
    if (safe === null) {
      // An <a> without href is inert: the link text stays readable.
      node.removeAttribute('href');
      node.removeAttribute('title');
    } else {
      node.setAttribute('href', safe);
      node.setAttribute('rel', LINK_REL);
      node.setAttribute('target', '_blank');
    }
  }
}

// A dedicated instance, so our hook never leaks into other DOMPurify users. Created lazily
// because the DOM it needs (browser window, or jsdom in tests) may not exist at import time.
let purifier: DOMPurify | null | undefined;

function getPurifier(): DOMPurify | null {
  if (purifier === undefined) {
    const instance = typeof window === 'undefined' ? null : createDOMPurify(window);
    purifier = instance?.isSupported ? instance : null;
    purifier?.addHook('afterSanitizeAttributes', enforce);
  }
  return purifier;
}

/** Sanitises HTML to the renderer's allowlist; null when there is no DOM (caller must escape instead). */
export function sanitizeHtml(html: string): string | null {
  const instance = getPurifier();
  return instance ? instance.sanitize(html, CONFIG) : null;
}

/**
 * A growing reply, rendered block by block: the blocks before the last blank line outside a code
 * fence are final while the model streams, so each is rendered once and kept; per delta only the
 * tail (and any block just completed) is rendered again, not the whole text.
 */
import { escapeHtml } from './escape';
import { estimateElements } from './limits';
import { MAX_ELEMENTS, MAX_SOURCE_CHARS, renderMarkdown, type RenderOptions } from './render';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The complete blocks of `text` (split at blank lines outside fences) and the unfinished tail. */
export function splitBlocks(text: string): { blocks: string[]; tail: string } {
  const blocks: string[] = [];
  let fence: string | undefined;
  let start = 0;
  let at = 0;
  while (at <= text.length) {
    const end = text.indexOf('\n', at);
    const lineEnd = end === -1 ? text.length : end;
    const line = text.slice(at, lineEnd);
    const open = FENCE.exec(line)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length) fence = undefined;
    } else if (open) fence = open;
    else if (end !== -1 && line.trim() === '') {
      // The block ends before the newline that precedes this blank line.
      const block = text.slice(start, Math.max(start, at - 1));
      if (block.trim() !== '') blocks.push(block);
      start = lineEnd + 1;
    }
    if (end === -1) break;
    at = end + 1;
  }
  return { blocks, tail: text.slice(start) };
}

// One line of prose that markdown leaves as it is: starts with a letter (no list marker, no
// number, no indented code), and holds only letters, digits, spaces and punctuation with no
// markdown meaning after the first character (no `*_~`[]<>&#|\\/@=+`, no newline); "www." would
// become a link.
const PLAIN_PROSE = /^\p{L}[\p{L}\p{N} ,.;:!?'"()%\-–—…‘’“”，。、；：！？（）]*$/u;

/** Whether `text` renders as one paragraph of its own characters (no marked, no sanitiser). */
export function isPlainProse(text: string): boolean {
  return PLAIN_PROSE.test(text) && !/www\./i.test(text);
}

/** The paragraph marked and the sanitiser make of plain prose (see isPlainProse). */
export function plainParagraph(text: string): string {
  // Escaped all the same, in case the pattern above ever lets more through; the sanitiser
  // writes quotes in text back as themselves.
  return `<p>${escapeHtml(text).replaceAll('&#39;', "'").replaceAll('&quot;', '"')}</p>\n`;
}

/** Makes a renderer for one streaming reply; `render` is injectable for tests. */
export function streamingRenderer(render = renderMarkdown) {
  let kept: Array<{ source: string; html: string }> = [];
  return (text: string, options: RenderOptions = {}): string => {
    // Too big to format, or to be cut for length: the whole-text path decides (cheaply).
    if (text.length > MAX_SOURCE_CHARS || estimateElements(text) > MAX_ELEMENTS) {
      kept = [];
      return render(text, options);
    }
    const { blocks, tail } = splitBlocks(text);
    kept = blocks.map((source, i) =>
      kept[i]?.source === source ? kept[i]! : { source, html: render(source, options) },
    );
    // The growing paragraph is re-rendered every frame while the model writes; most of the time
    // it is plain prose, which needs neither marked nor DOMPurify.
    const tailHtml = !tail.trim()
      ? ''
      : isPlainProse(tail)
        ? plainParagraph(tail)
        : render(tail, options);
    return kept.map((block) => block.html).join('') + tailHtml;
  };
}

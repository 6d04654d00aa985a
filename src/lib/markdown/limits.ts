/** Cheap pre-checks that keep hostile input away from marked's slow or recursive paths. */

const SPACE = 0x20;
const TAB = 0x09;
const GT = 0x3e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

function isBullet(code: number): boolean {
  return code === 0x2d || code === 0x2b || code === 0x2a; // - + *
}

function isMarkerEnd(text: string, index: number, lineEnd: number): boolean {
  if (index >= lineEnd) return true;
  const code = text.charCodeAt(index);
  return code === SPACE || code === TAB;
}

interface LineShape {
  /** Estimated container depth (see lineShape). */
  depth: number;
  /** Number of `>` markers (0: not quoted, or a lazy continuation line). */
  quotes: number;
  /** Nothing but whitespace: ends a paragraph, and with it any lazy blockquote continuation. */
  blank: boolean;
}

/**
 * Container prefix of one line: explicit `>` / list markers, or, for lists nested purely by
 * indentation, half the prefix width (each nested level needs at least two columns).
 */
function lineShape(text: string, start: number, end: number): LineShape {
  let markers = 0;
  let width = 0;
  let quotes = 0;
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === SPACE) {
      width += 1;
      i += 1;
    } else if (code === TAB) {
      width += 4;
      i += 1;
    } else if (code === GT) {
      quotes += 1;
      markers += 1;
      width += 1;
      i += 1;
    } else if (isBullet(code) && isMarkerEnd(text, i + 1, end)) {
      markers += 1;
      width += 1;
      i += 1;
    } else if (code >= DIGIT_0 && code <= DIGIT_9) {
      let j = i;
      while (
        j < end &&
        j - i < 9 &&
        text.charCodeAt(j) >= DIGIT_0 &&
        text.charCodeAt(j) <= DIGIT_9
      ) {
        j += 1;
      }
      const delimiter = text.charCodeAt(j);
      if ((delimiter !== 0x2e && delimiter !== 0x29) || !isMarkerEnd(text, j + 1, end)) break;
      markers += 1;
      width += j + 1 - i;
      i = j + 1;
    } else {
      break;
    }
  }
  const blank = i >= end && markers === 0;
  return { depth: Math.max(markers, Math.floor(width / 2)), quotes, blank };
}

/** Limits for exceedsBlockLimits. */
export interface BlockLimits {
  /** Deepest allowed blockquote/list nesting. */
  depth: number;
  /** Allowed sum, over blank-line-separated regions, of blockquote shape changes × lines. */
  quoteCost: number;
}

/**
 * True when the block structure would send marked down a slow or recursive path:
 * - nesting: marked recurses once per level, so 10,000 `>` overflow the stack after seconds;
 * - long blockquotes that keep changing shape (lazy continuation lines, nesting depth):
 *   marked re-lexes the remaining lines at every change, which is quadratic.
 * Fenced code is deliberately not skipped: an attacker could desynchronise our idea of where a
 * fence ends from marked's. The price is that code with >100 columns of indentation, or a
 * multi-thousand-line quote, is shown as plain text.
 */
export function exceedsBlockLimits(source: string, limits: BlockLimits): boolean {
  let cost = 0;
  let lines = 0;
  let changes = 0;
  let previousQuotes = 0;
  let start = 0;
  while (start <= source.length) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    const shape = lineShape(source, start, end);
    if (shape.depth > limits.depth) return true;
    if (shape.blank) {
      cost += changes * lines;
      lines = 0;
      changes = 0;
      previousQuotes = 0;
    } else {
      lines += 1;
      if (shape.quotes > 0 && shape.quotes !== previousQuotes) changes += 1;
      previousQuotes = shape.quotes;
    }
    if (cost + changes * lines > limits.quoteCost) return true;
    start = end + 1;
  }
  return false;
}

// Characters marked's GFM e-mail look-ahead scans over, and the ones where its inline text
// tokenizer stops inside such a run. Each stop rescans the rest of the run for an "@", so a
// long run like "a_a_a_…" costs run length × stops (100,000 of them take ~40 s).
const EMAIL_RUN = /[A-Za-z0-9.!#$%&'*+/=?_`{|}~-]+/g;
const RUN_STOP = /[*_~`!]|https?|ftp:\/\/|www\./gi;
const SHORT_RUN = 32;

/** True when marked's inline scanning of `source` would be quadratic beyond `budget` steps. */
export function exceedsInlineBudget(source: string, budget: number): boolean {
  let cost = 0;
  for (const match of source.matchAll(EMAIL_RUN)) {
    const run = match[0];
    if (run.length < SHORT_RUN) continue; // words: negligible, and the common case
    const stops = run.match(RUN_STOP)?.length ?? 0;
    cost += run.length * stops;
    if (cost > budget) return true;
  }
  return false;
}

/**
 * An upper bound on the elements markdown could make of `source`: one per delimiter pair, table
 * cell, link and line. Past a few thousand, marked and DOMPurify alone take longer than a frame
 * budget can hide (measured in Chromium: 3,000 emphasis pairs 340 ms, 30,000 of them 2.8 s).
 */
export function estimateElements(source: string): number {
  let marks = 0;
  let others = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    // * _ ~ ` open and close in pairs
    if (code === 0x2a || code === 0x5f || code === 0x7e || code === 0x60) marks += 1;
    // | a table cell, [ a link, a line break a paragraph or list item
    else if (code === 0x7c || code === 0x5b || code === 0x0a) others += 1;
  }
  return marks / 2 + others;
}

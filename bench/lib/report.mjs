// Turns figure rows into the printed table and the Markdown of docs/BENCHMARKS.md.
import { kb, mb, ms, pct, ratio } from './stats.mjs';

// A row is { figure, ours, theirs, unit: ms|bytes|mb|pct|count|text, target?:
// { text, ratioMax? | max? | below? }, theirsNa?: reason }. `ratioMax` compares
// ours/theirs; `max` (≤) and `below` (<) compare ours alone, since those targets
// are absolute (16 ms, 200 ms, 1 s, 5 MB) whatever the Control UI does.

/** One cell's text for a value in the row's unit. */
export function formatValue(value, unit) {
  if (value === undefined || value === null) return 'n/a';
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'ms':
      return ms(value);
    case 'bytes':
      return kb(value);
    case 'mb':
      return mb(value);
    case 'pct':
      return pct(value);
    case 'count':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    default:
      return String(value);
  }
}

/** Whether a row meets its target: 'met', 'MISSED', or '' when it has none or lacks data. */
export function verdict(row) {
  const t = row.target;
  if (!t) return '';
  const { ours, theirs } = row;
  if (typeof ours !== 'number') return 'n/a';
  if (t.ratioMax !== undefined) {
    if (typeof theirs !== 'number' || theirs === 0) return 'n/a';
    return ours / theirs <= t.ratioMax ? 'met' : 'MISSED';
  }
  if (t.max !== undefined) return ours <= t.max ? 'met' : 'MISSED';
  if (t.below !== undefined) return ours < t.below ? 'met' : 'MISSED';
  return '';
}

function cells(row) {
  const theirs =
    row.theirsNa !== undefined ? `n/a (${row.theirsNa})` : formatValue(row.theirs, row.unit);
  const r =
    typeof row.ours === 'number' && typeof row.theirs === 'number' && row.unit !== 'text'
      ? ratio(row.ours, row.theirs)
      : '';
  return [
    row.figure,
    formatValue(row.ours, row.unit),
    theirs,
    r,
    row.target?.text ?? '',
    verdict(row),
  ];
}

// The third column is the Control UI, unless the row names what it compares with (the floor).
const HEAD = ['figure', 'ours', 'Control UI (or as named)', 'ratio', 'target', 'met?'];

/** A fixed-width text table for the terminal. */
export function textTable(rows) {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** A Markdown table. */
export function markdownTable(rows) {
  const esc = (s) => s.replace(/\|/g, '\\|');
  const body = rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`);
  return [`| ${HEAD.join(' | ')} |`, `|${HEAD.map(() => '---').join('|')}|`, ...body].join('\n');
}

/** The rows that have a target and missed it. */
export function missed(rows) {
  return rows.filter((r) => verdict(r) === 'MISSED');
}

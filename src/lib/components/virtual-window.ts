/**
 * Windowing maths for a long list of variable-height items in one scroll container:
 * which items to render for a scroll position, and where to scroll so the item the
 * reader is looking at stays put when heights above it change. No DOM, no Svelte.
 */

/** The items to render, [start, end), and the space the others take above and below. */
export interface WindowRange {
  start: number;
  end: number;
  before: number;
  after: number;
}

/** The item at the top of the viewport and how far the viewport has scrolled into it. */
export interface Anchor {
  key: string;
  offset: number;
}

/** Measured heights per item key; unmeasured items count as the mean of the measured ones. */
export class HeightCache {
  private readonly heights = new Map<string, number>();
  private sum = 0;

  constructor(private readonly fallback: number) {}

  /** Records a measured height; true when it changed (the layout must be recomputed). */
  set(key: string, height: number): boolean {
    const old = this.heights.get(key);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    this.sum += height - (old ?? 0);
    this.heights.set(key, height);
    return true;
  }

  /** The height to assume for an item not measured yet. */
  estimate(): number {
    return this.heights.size ? this.sum / this.heights.size : this.fallback;
  }

  /** Top of every item from the list's start, plus the list's total height as the last entry. */
  tops(keys: readonly string[]): number[] {
    const estimate = this.estimate();
    const tops = new Array<number>(keys.length + 1);
    let y = 0;
    for (let i = 0; i < keys.length; i++) {
      tops[i] = y;
      y += this.heights.get(keys[i]!) ?? estimate;
    }
    tops[keys.length] = y;
    return tops;
  }
}

/** Index of the item covering `y` (the last item whose top is at or above it). */
function indexAt(tops: readonly number[], y: number): number {
  const count = tops.length - 1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The items overlapping the viewport widened by `overscan` px on each side. */
export function visibleRange(
  tops: readonly number[],
  scrollTop: number,
  viewport: number,
  overscan: number,
): WindowRange {
  const count = tops.length - 1;
  const total = tops[count] ?? 0;
  if (count <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const start = indexAt(tops, Math.max(0, scrollTop - overscan));
  const end = Math.min(count, indexAt(tops, scrollTop + viewport + overscan) + 1);
  return { start, end, before: tops[start]!, after: total - tops[end]! };
}

/** The scroll position that shows the end of the list. */
export function bottomOf(tops: readonly number[], viewport: number): number {
  return Math.max(0, (tops[tops.length - 1] ?? 0) - viewport);
}

/** The anchor for a scroll position: the item at the viewport's top edge. */
export function anchorAt(
  keys: readonly string[],
  tops: readonly number[],
  scrollTop: number,
): Anchor | undefined {
  if (!keys.length) return undefined;
  const index = indexAt(tops, scrollTop);
  return { key: keys[index]!, offset: scrollTop - tops[index]! };
}

/** Where to scroll so the anchor item sits where it sat; undefined when it is gone. */
export function scrollTopFor(
  anchor: Anchor,
  keys: readonly string[],
  tops: readonly number[],
): number | undefined {
  const index = keys.indexOf(anchor.key);
  return index < 0 ? undefined : Math.max(0, tops[index]! + anchor.offset);
}

/** Whether a scroll position is at the end of the list, give or take `slack` px. */
export function atBottom(
  scrollTop: number,
  viewport: number,
  scrollHeight: number,
  slack: number,
): boolean {
  return scrollHeight - scrollTop - viewport <= slack;
}

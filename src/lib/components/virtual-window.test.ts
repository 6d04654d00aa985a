import { describe, expect, it } from 'vitest';
import {
  anchorAt,
  atBottom,
  bottomOf,
  HeightCache,
  scrollTopFor,
  visibleRange,
} from './virtual-window';

const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('HeightCache', () => {
  it('places unmeasured items at the fallback height until something is measured', () => {
    const cache = new HeightCache(100);
    expect(cache.tops(keys(3))).toEqual([0, 100, 200, 300]);
  });

  it('estimates unmeasured items as the mean of the measured ones', () => {
    const cache = new HeightCache(100);
    cache.set('k0', 40);
    cache.set('k1', 60);
    expect(cache.estimate()).toBe(50);
    expect(cache.tops(keys(4))).toEqual([0, 40, 100, 150, 200]);
  });

  it('reports whether a measurement changed anything', () => {
    const cache = new HeightCache(100);
    expect(cache.set('k0', 40)).toBe(true);
    expect(cache.set('k0', 40.2)).toBe(false);
    expect(cache.set('k0', 80)).toBe(true);
    expect(cache.estimate()).toBe(80);
  });
});

describe('visibleRange', () => {
  const tops = new HeightCache(100).tops(keys(1000));

  it('renders the viewport plus overscan and spaces out the rest', () => {
    const range = visibleRange(tops, 50_000, 400, 200);
    expect(range).toEqual({ start: 498, end: 507, before: 49_800, after: 100_000 - 50_700 });
  });

  it('starts at the first item at the top and ends at the last at the bottom', () => {
    expect(visibleRange(tops, 0, 400, 200)).toMatchObject({ start: 0, end: 7, before: 0 });
    const bottom = visibleRange(tops, bottomOf(tops, 400), 400, 200);
    expect(bottom).toMatchObject({ start: 994, end: 1000, after: 0 });
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRange([0], 0, 400, 200)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('keeps before + rendered + after equal to the total height', () => {
    const cache = new HeightCache(80);
    const list = keys(50);
    list.forEach((key, i) => cache.set(key, 30 + ((i * 17) % 90)));
    const varied = cache.tops(list);
    for (const scrollTop of [0, 333, 1234, 2500, varied[50]!]) {
      const r = visibleRange(varied, scrollTop, 300, 100);
      expect(r.before + (varied[r.end]! - varied[r.start]!) + r.after).toBe(varied[50]);
    }
  });
});

describe('anchor keeping', () => {
  it('keeps the item at the top where it was when items above grow', () => {
    const cache = new HeightCache(100);
    const list = keys(20);
    list.forEach((key) => cache.set(key, 100));
    const anchor = anchorAt(list, cache.tops(list), 1030)!;
    expect(anchor).toEqual({ key: 'k10', offset: 30 });
    cache.set('k2', 300);
    expect(scrollTopFor(anchor, list, cache.tops(list))).toBe(1230);
  });

  it('keeps the item at the top where it was when an older page is prepended', () => {
    const cache = new HeightCache(100);
    const list = keys(20);
    const anchor = anchorAt(list, cache.tops(list), 250)!;
    const longer = [...keys(5, 'old'), ...list];
    expect(scrollTopFor(anchor, longer, cache.tops(longer))).toBe(750);
  });

  it('gives up when the anchor item is gone', () => {
    const cache = new HeightCache(100);
    expect(scrollTopFor({ key: 'gone', offset: 0 }, keys(3), cache.tops(keys(3)))).toBeUndefined();
    expect(anchorAt([], [0], 0)).toBeUndefined();
  });
});

describe('atBottom', () => {
  it('is true within the slack of the end', () => {
    expect(atBottom(600, 400, 1000, 8)).toBe(true);
    expect(atBottom(594, 400, 1000, 8)).toBe(true);
    expect(atBottom(500, 400, 1000, 8)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { estimateElements, exceedsBlockLimits, exceedsInlineBudget } from './limits';

const limits = { depth: 50, quoteCost: 4_000_000 };

describe('exceedsBlockLimits', () => {
  it.each([
    ['quote markers', '>'.repeat(51) + ' x'],
    ['spaced quote markers', '> '.repeat(51) + 'x'],
    ['bullets', '- '.repeat(51) + 'x'],
    ['ordered markers', '1) '.repeat(51) + 'x'],
    ['indentation', ' '.repeat(102) + '- x'],
    ['tabs', '\t'.repeat(26) + '- x'],
    ['lazy blockquote', '> a\nb\n'.repeat(5_000)],
    ['alternating quote depth', '> a\n> > b\n'.repeat(5_000)],
  ])('flags %s', (_name, source) => {
    expect(exceedsBlockLimits(source, limits)).toBe(true);
  });

  it.each([
    [
      'ordinary markdown',
      '# t\n\n> quote\n> > nested\n\n- a\n  - b\n    1. c\n\n```\n    code\n```',
    ],
    ['50 levels', '>'.repeat(50) + ' x'],
    ['a long simple quote', '> line\n'.repeat(20_000)],
    ['many short lazy quotes', '> a\nb\n\n'.repeat(20_000)],
    ['thematic breaks', '* * * * *\n- - -\n'],
    ['numbers that are not markers', '1234567890. x\n2024.\n'],
  ])('accepts %s', (_name, source) => {
    expect(exceedsBlockLimits(source, limits)).toBe(false);
  });
});

describe('exceedsInlineBudget', () => {
  it('flags long delimiter-dense runs', () => {
    expect(exceedsInlineBudget('a_'.repeat(10_000), 20_000_000)).toBe(true);
  });

  it('accepts prose, identifiers and long plain tokens', () => {
    const prose = 'some_snake_case words and *emphasis* here '.repeat(4_000);
    expect(exceedsInlineBudget(prose, 20_000_000)).toBe(false);
    expect(exceedsInlineBudget('A'.repeat(200_000), 20_000_000)).toBe(false);
  });
});

describe('estimateElements', () => {
  it('counts delimiter pairs, cells, links and lines, and nothing for plain words', () => {
    expect(estimateElements('plain words only, no marks at all')).toBe(0);
    expect(estimateElements('_a_ **b**')).toBe(3);
    expect(estimateElements('| a | b |\n[x](y)')).toBe(5);
    expect(estimateElements('_a_ '.repeat(30_000))).toBe(30_000);
  });
});

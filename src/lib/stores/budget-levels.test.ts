import { describe, expect, it } from 'vitest';
import { budgetLevels, burnRate, cleanThresholds, readBudget, worstLevel } from './budget-levels';

describe('budget levels', () => {
  it('reaches the highest threshold passed, per period', () => {
    const levels = budgetLevels(
      { daily: 10, monthly: 100, thresholds: [50, 80, 100] },
      { today: 8, month: 49.99 },
    );
    expect(levels.map((l) => [l.period, l.reached])).toEqual([
      ['daily', 80],
      ['monthly', 0],
    ]);
    expect(worstLevel(levels)?.period).toBe('daily');
    const over = budgetLevels({ daily: 1, thresholds: [50, 80, 100] }, { today: 1, month: 1 });
    expect(over[0]?.reached).toBe(100);
  });

  it('has no level without a limit and none below the first threshold', () => {
    expect(budgetLevels({ thresholds: [50] }, { today: 1e9, month: 1e9 })).toEqual([]);
    expect(
      worstLevel(budgetLevels({ daily: 10, thresholds: [50] }, { today: 4.9, month: 0 })),
    ).toBeUndefined();
  });

  it('reads stored budgets and thresholds whatever storage holds', () => {
    expect(
      readBudget({ daily: -1, monthly: 'x', thresholds: [100, 50, 50, 'a', -3, 2000] }),
    ).toEqual({
      thresholds: [50, 100],
    });
    expect(readBudget(null)).toEqual({ thresholds: [50, 80, 100] });
    expect(cleanThresholds([NaN, Infinity])).toEqual([50, 80, 100]);
    expect(budgetLevels({ daily: 1, thresholds: [50] }, { today: NaN, month: -5 })[0]?.spent).toBe(
      0,
    );
  });

  it('burns at the rate of the last hour when runs were seen, else today spread over the day', () => {
    const now = 10 * 3_600_000;
    expect(
      burnRate(
        [
          { at: now - 60_000, cost: 0.5 },
          { at: now - 7_200_000, cost: 9 },
        ],
        { today: 3, month: 3 },
        now,
        0,
      ),
    ).toBe(0.5);
    expect(burnRate([], { today: 5, month: 5 }, now, 0)).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/frames';
import { diagnostics } from './diagnostics';
import {
  chartSummary,
  datesBetween,
  lastHourOf,
  readSessionsUsage,
  readUsageCost,
  todayOf,
  topSessions,
} from './usage-report';
import { rangeEndingToday, usageParams, utcOffsetText } from './usage-params';

const sessionsUsage = fixture<{ response: { payload: Record<string, unknown> } }>(
  'rpc/sessions.usage.json',
).response.payload;
const usageCost = fixture<{ response: { payload: Record<string, unknown> } }>('rpc/usage.cost.json')
  .response.payload;

describe('readSessionsUsage on a real 2026.9.6 reply', () => {
  const report = readSessionsUsage(sessionsUsage, 'x', 'y');

  it('fills every day of the range and puts the runs on today', () => {
    expect(report.days.map((d) => d.date)).toEqual(datesBetween('2026-11-25', '2026-12-01'));
    expect(report.days.slice(0, 6).every((d) => d.tokens === 0 && d.cost === 0)).toBe(true);
    expect(todayOf(report)).toEqual({ date: '2026-12-01', tokens: 62, cost: 0.000594 });
    expect(report.totals).toEqual({ tokens: 62, cost: 0.000594, input: 28, output: 34 });
  });

  it('reads the breakdowns by agent, model and session', () => {
    expect(report.byAgent).toEqual([{ id: 'main', tokens: 62, cost: 0.000594 }]);
    expect(report.byModel).toEqual([{ id: 'fake/fake-model', tokens: 62, cost: 0.000594 }]);
    expect(report.bySession.map((s) => [s.id, s.tokens])).toEqual([
      ['agent:main:usage-b', 14],
      ['agent:main:usage-a', 48],
    ]);
    expect(topSessions(report.bySession)[0]!.id).toBe('agent:main:usage-a');
    expect(report.source).toBe('sessions.usage');
    expect(report.complete).toBe(true);
  });

  it('sums the quarter-hours that began within the hour before the gateway’s time', () => {
    expect(report.lastHour).toEqual({ tokens: 62, cost: 0.000594 });
    const sessions = sessionsUsage.sessions as unknown[];
    // Two hours later the same quarter-hours are outside the hour.
    expect(lastHourOf(sessions, (sessionsUsage.updatedAt as number) + 7_200_000)).toEqual({
      tokens: 0,
      cost: 0,
    });
    // A gateway that does not report quarter-hours has no "last hour" at all.
    expect(lastHourOf([{ key: 'a', usage: {} }], 0)).toBeUndefined();
    // No session with use is no use, not "not reported".
    expect(lastHourOf([], 0)).toEqual({ tokens: 0, cost: 0 });
    expect(lastHourOf([{ key: 'a', usage: null }], 0)).toEqual({ tokens: 0, cost: 0 });
  });
});

describe('readUsageCost', () => {
  it('reads a reply given while the gateway was still counting as incomplete, days filled', () => {
    const report = readUsageCost(usageCost, '2026-11-25', '2026-12-01');
    expect(report.complete).toBe(false);
    expect(report.days).toHaveLength(7);
    expect(report.byAgent).toEqual([]);
    expect(report.lastHour).toBeUndefined();
  });
});

describe('hostile replies', () => {
  it('turn odd numbers into zero and drop rows without a key, counting them', () => {
    const before = diagnostics.get().unreadableItems;
    const report = readSessionsUsage(
      {
        updatedAt: 'soon',
        totals: { totalTokens: -5, totalCost: Number.NaN },
        aggregates: {
          daily: [{ date: '2026-01-02', tokens: 1e3, cost: Infinity }, { tokens: 5 }, null],
          byAgent: [{ totals: {} }, { agentId: 'a', totals: { totalTokens: '9' } }],
          byModel: 'many',
        },
        sessions: [{ key: 'k', label: '\u202eevil', usage: { totalTokens: 3 } }, { key: 7 }],
      },
      '2026-01-01',
      '2026-01-03',
    );
    expect(report.days).toEqual([
      { date: '2026-01-01', tokens: 0, cost: 0 },
      { date: '2026-01-02', tokens: 1000, cost: 0 },
      { date: '2026-01-03', tokens: 0, cost: 0 },
    ]);
    expect(report.totals).toEqual({ tokens: 0, cost: 0, input: 0, output: 0 });
    expect(report.byAgent).toEqual([{ id: 'a', tokens: 0, cost: 0 }]);
    expect(report.byModel).toEqual([]);
    expect(report.bySession).toEqual([{ id: 'k', label: '\u202eevil', tokens: 3, cost: 0 }]);
    expect(diagnostics.get().unreadableItems).toBeGreaterThan(before);
    expect(readSessionsUsage(null, '2026-01-01', '2026-01-01').days).toHaveLength(1);
  });

  it('never lists more than 400 days, nor a backwards range', () => {
    expect(datesBetween('2000-01-01', '2030-01-01')).toHaveLength(400);
    expect(datesBetween('2026-02-01', '2026-01-01')).toEqual([]);
    expect(datesBetween('nope', '2026-01-01')).toEqual([]);
  });
});

describe('chartSummary', () => {
  it('names the highest day and the sum', () => {
    const days = [
      { date: 'a', tokens: 1, cost: 0.5 },
      { date: 'b', tokens: 9, cost: 0.25 },
    ];
    expect(chartSummary(days, 'cost')).toEqual({
      first: 'a',
      last: 'b',
      peak: 0.5,
      peakDay: 'a',
      total: 0.75,
    });
    expect(chartSummary(days, 'tokens').peakDay).toBe('b');
  });
});

describe('usage params', () => {
  it('asks for the last N days ending today in the operator’s calendar', () => {
    // 23:30 UTC is already tomorrow in UTC+2 and still today in UTC-5.
    const now = Date.UTC(2026, 0, 31, 23, 30);
    expect(rangeEndingToday(7, now, 120)).toEqual({
      startDate: '2026-01-26',
      endDate: '2026-02-01',
    });
    expect(rangeEndingToday(30, now, -300)).toEqual({
      startDate: '2026-01-02',
      endDate: '2026-01-31',
    });
  });

  it('writes offsets the way the gateway’s pattern wants', () => {
    expect(utcOffsetText(0)).toBe('UTC+0');
    expect(utcOffsetText(330)).toBe('UTC+5:30');
    expect(utcOffsetText(-240)).toBe('UTC-4');
  });

  it('leaves out what 2026.4.29 refuses when asked for the legacy shape', () => {
    const range = { startDate: '2026-01-01', endDate: '2026-01-07' };
    const zone = { timeZone: 'Asia/Shanghai', offsetMinutes: 480 };
    expect(usageParams(range, zone, false)).toEqual({
      ...range,
      mode: 'specific',
      utcOffset: 'UTC+8',
      agentScope: 'all',
      timeZone: 'Asia/Shanghai',
    });
    expect(usageParams(range, zone, true)).toEqual({
      ...range,
      mode: 'specific',
      utcOffset: 'UTC+8',
    });
  });
});

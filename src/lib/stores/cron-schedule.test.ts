import { describe, expect, it } from 'vitest';
import { cronShape, intervalWords, scheduleWords } from './cron-schedule';

describe('schedule words', () => {
  it('says an interval in the largest unit that divides it', () => {
    expect(intervalWords(604_800_000)).toEqual({ value: 7, unit: 'day' });
    expect(intervalWords(5_400_000)).toEqual({ value: 90, unit: 'minute' });
    expect(intervalWords(3_600_000)).toEqual({ value: 1, unit: 'hour' });
    expect(intervalWords(1_500)).toEqual({ value: 1500, unit: 'millisecond' });
  });

  it('reads the everyday cron shapes and leaves the rest as written', () => {
    expect(cronShape('* * * * *')).toEqual({ shape: 'everyMinute' });
    expect(cronShape('*/5 * * * *')).toEqual({ shape: 'everyNMinutes', n: 5 });
    expect(cronShape('7 * * * *')).toEqual({ shape: 'hourly', minute: 7 });
    expect(cronShape('0 */6 * * *')).toEqual({ shape: 'everyNHours', n: 6, minute: 0 });
    expect(cronShape('30 9 * * *')).toEqual({ shape: 'daily', time: '09:30' });
    expect(cronShape('0 9 * * 1-5')).toEqual({ shape: 'weekdays', time: '09:00' });
    expect(cronShape('0 18 * * 7')).toEqual({ shape: 'weekly', day: 0, time: '18:00' });
    expect(cronShape('0 8 15 * *')).toEqual({ shape: 'monthly', day: 15, time: '08:00' });
    // Both day fields set is an OR in croner: not a sentence we can say simply.
    expect(cronShape('0 9 15 * 1')).toEqual({ shape: 'raw' });
    expect(cronShape('0 9 * 1 *')).toEqual({ shape: 'raw' });
    expect(cronShape('0 0 9 * * *')).toEqual({ shape: 'raw' });
    expect(cronShape('99 9 * * *')).toEqual({ shape: 'raw' });
  });

  it('takes each schedule kind the gateway sends, and nothing odd', () => {
    expect(scheduleWords({ kind: 'every', everyMs: 604_800_000, anchorMs: 1 })).toEqual({
      kind: 'every',
      value: 7,
      unit: 'day',
    });
    expect(scheduleWords({ kind: 'cron', expr: '*/5 * * * *', tz: 'Asia/Shanghai' })).toEqual({
      kind: 'cron',
      expr: '*/5 * * * *',
      tz: 'Asia/Shanghai',
      shape: { shape: 'everyNMinutes', n: 5 },
    });
    expect(scheduleWords({ kind: 'at', at: '2026-12-02T09:00:00.000Z' })).toEqual({
      kind: 'at',
      raw: '2026-12-02T09:00:00.000Z',
      atMs: Date.UTC(2026, 11, 2, 9),
    });
    expect(scheduleWords({ kind: 'at', at: 'soon' })).toEqual({ kind: 'at', raw: 'soon' });
    expect(scheduleWords({ kind: 'on-exit', command: './x' })).toEqual({
      kind: 'onExit',
      command: './x',
    });
    expect(scheduleWords({ kind: 'stream', command: ['x'] })).toEqual({ kind: 'stream' });
    expect(scheduleWords({ kind: 'every', everyMs: -1 })).toEqual({ kind: 'unknown' });
    expect(scheduleWords('0 9 * * *')).toEqual({ kind: 'unknown' });
  });
});

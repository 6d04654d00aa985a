import { describe, expect, it } from 'vitest';
import { readJob } from './cron';
import { blankJob, jobToInput, newJobParams } from './cron-add';

const NOW = Date.UTC(2026, 11, 1, 12);
const filled = (patch: Partial<ReturnType<typeof blankJob>>) => ({
  ...blankJob(),
  name: 'Morning note',
  message: 'Say good morning',
  ...patch,
});

describe('a new job', () => {
  it('becomes the cron.add params the gateway takes', () => {
    expect(newJobParams(filled({ everyValue: '15' }), NOW)).toEqual({
      params: {
        name: 'Morning note',
        enabled: true,
        schedule: { kind: 'every', everyMs: 900_000 },
        sessionTarget: 'isolated',
        wakeMode: 'now',
        payload: { kind: 'agentTurn', message: 'Say good morning' },
        delivery: { mode: 'none' },
      },
    });
    const note = newJobParams(
      filled({ scheduleKind: 'cron', cronExpr: ' 0  9 * * 1-5 ', payloadKind: 'systemEvent' }),
      NOW,
    );
    expect(note).toMatchObject({
      params: {
        schedule: { kind: 'cron', expr: '0 9 * * 1-5' },
        sessionTarget: 'main',
        payload: { kind: 'systemEvent', text: 'Say good morning' },
      },
    });
    expect(note).not.toHaveProperty('params.delivery');
    expect(newJobParams(filled({ scheduleKind: 'at', at: '2026-12-24T18:00' }), NOW)).toMatchObject(
      { params: { schedule: { kind: 'at' }, deleteAfterRun: false } },
    );
  });

  it('is refused before sending when a field is wrong, naming the field', () => {
    const problem = (patch: Partial<ReturnType<typeof blankJob>>) => {
      const result = newJobParams(filled(patch), NOW);
      return 'problem' in result ? [result.field, result.problem] : undefined;
    };
    expect(problem({ name: '  ' })).toEqual(['name', 'name']);
    expect(problem({ everyValue: '0' })).toEqual(['everyValue', 'every']);
    expect(problem({ everyValue: '1.5' })).toEqual(['everyValue', 'every']);
    expect(problem({ scheduleKind: 'cron', cronExpr: 'nope' })).toEqual(['cronExpr', 'cron']);
    expect(problem({ scheduleKind: 'cron', cronExpr: '0 9 * * * * *' })).toEqual([
      'cronExpr',
      'cron',
    ]);
    expect(problem({ scheduleKind: 'cron', timezone: 'Mars/Olympus' })).toEqual([
      'timezone',
      'timezone',
    ]);
    expect(problem({ scheduleKind: 'at', at: '' })).toEqual(['at', 'at']);
    expect(problem({ scheduleKind: 'at', at: '2020-01-01T00:00' })).toEqual(['at', 'past']);
    expect(problem({ message: '' })).toEqual(['message', 'message']);
    expect(problem({})).toBeUndefined();
  });
});

describe('an existing job in the form', () => {
  const job = (schedule: unknown, payloadKind = 'agentTurn') =>
    readJob({
      id: 'j',
      name: 'Nightly',
      enabled: true,
      schedule,
      payload: { kind: payloadKind, message: 'hi' },
    })!;

  it('fills the form from what the job is, so saving unchanged sends the same schedule', () => {
    expect(jobToInput(job({ kind: 'every', everyMs: 7_200_000 }))).toMatchObject({
      name: 'Nightly',
      scheduleKind: 'every',
      everyValue: '2',
      everyUnit: 'hour',
      message: 'hi',
    });
    const cron = jobToInput(job({ kind: 'cron', expr: '0 3 * * *', tz: 'UTC' }))!;
    expect(cron).toMatchObject({ scheduleKind: 'cron', cronExpr: '0 3 * * *', timezone: 'UTC' });
    expect(newJobParams(cron, NOW)).toMatchObject({
      params: { schedule: { kind: 'cron', expr: '0 3 * * *', tz: 'UTC' } },
    });
    const at = jobToInput(job({ kind: 'at', at: '2026-12-24T18:00:00.000Z' }))!;
    expect(Date.parse(at.at)).toBe(Date.UTC(2026, 11, 24, 18));
  });

  it('refuses what it cannot edit safely', () => {
    expect(jobToInput(job({ kind: 'every', everyMs: 90_000 }))).toBeUndefined();
    expect(jobToInput(job({ kind: 'stream', command: ['x'] }))).toBeUndefined();
    expect(jobToInput(job({ kind: 'every', everyMs: 60_000 }, 'command'))).toBeUndefined();
    expect(jobToInput(job({ kind: 'every', everyMs: 60_000 }, 'heartbeat'))).toBeUndefined();
  });
});

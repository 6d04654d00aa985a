import { describe, expect, it } from 'vitest';
import { budgetLevels, finalCost, readSpend, worstLevel } from './budget-levels';
import { emptyFleetState, FAILED_RUN_WINDOW_MS, signalsOf, triage } from './fleet-signals';
import {
  readAsks,
  readChannelsDown,
  readCronAttention,
  readNodesOffline,
  readUpdate,
} from './fleet-readers';

const NOW = 1_800_000_000_000;

describe('fleet signals', () => {
  it('ranks across gateways: approvals, channels, spend over, failed runs, jobs, nodes, overdue, warnings, updates', () => {
    const a = {
      ...emptyFleetState(),
      asks: new Map([['exec:1', { id: '1', summary: 'rm -rf /', createdAt: NOW - 5_000 }]]),
      cron: new Map([
        ['j1', { name: 'nightly', attention: 'overdue' as const }],
        ['j2', { name: 'hourly', attention: 'failing' as const }],
      ]),
      update: '2026.10.1',
    };
    const b = {
      ...emptyFleetState(),
      asks: new Map([['question:9', { id: '9', summary: 'which?', createdAt: NOW - 60_000 }]]),
      channelsDown: new Map([['tg:default', { label: 'Telegram (default)', since: NOW - 1_000 }]]),
      failedRuns: new Map([['r1', { at: NOW - 10, sessionKey: 'agent:main:x' }]]),
      nodesOffline: new Map([['n1', { name: 'mac' }]]),
    };
    const over = worstLevel(
      budgetLevels({ daily: 1, thresholds: [50, 100] }, { today: 2, month: 2 }),
    );
    const warn = worstLevel(
      budgetLevels({ monthly: 10, thresholds: [50] }, { today: 1, month: 6 }),
    );
    const strip = triage([
      ...signalsOf('a', a, NOW, warn),
      ...signalsOf('b', b, NOW),
      ...signalsOf('c', emptyFleetState(), NOW, over),
    ]);
    expect(strip.map((s) => `${s.profileId}:${s.kind}`)).toEqual([
      'b:approval', // waiting longer than a's
      'a:approval',
      'b:channelDown',
      'c:budgetOver',
      'b:failedRun',
      'a:cronFailing',
      'b:nodeOffline',
      'a:cronOverdue',
      'a:budgetWarn',
      'a:update',
    ]);
    expect(strip[0]?.href).toBe('/approvals?id=9');
    expect(new Set(strip.map((s) => s.key)).size).toBe(strip.length);
  });

  it('forgets failed runs after an hour and gives no signal for nothing', () => {
    const state = {
      ...emptyFleetState(),
      failedRuns: new Map([['old', { at: NOW - FAILED_RUN_WINDOW_MS - 1 }]]),
    };
    expect(signalsOf('a', state, NOW)).toEqual([]);
  });

  it('keeps a hostile name short and an odd id escaped in the link', () => {
    const state = {
      ...emptyFleetState(),
      asks: new Map([['exec:a&b?c', { id: 'a&b?c', summary: 'x'.repeat(5000) }]]),
    };
    const [signal] = signalsOf('p', state, NOW);
    expect(signal?.href).toBe('/approvals?id=a%26b%3Fc');
    expect(signal!.detail.length).toBeLessThan(100);
  });
});

describe('fleet readers on hostile replies', () => {
  it('reads waiting asks and skips items without ids or not pending', () => {
    const asks = readAsks({
      exec: [{ id: 'e1', request: { command: 'ls' }, createdAtMs: 5 }, { request: {} }, null, 'x'],
      plugin: { not: 'a list' },
      question: { questions: [{ id: 'q1', status: 'answered', questions: [] }] },
    });
    expect([...asks.keys()]).toEqual(['exec:e1']);
  });

  it('reads channels down from accounts or summaries, and keeps the first since', () => {
    const reply = {
      channelLabels: { tg: 'Telegram', __proto__: 'x' },
      channelAccounts: {
        tg: [
          { accountId: 'a', enabled: true, running: false, lastStopAt: 100 },
          { accountId: 'b', connected: true, running: true },
          { accountId: 'off', enabled: false, running: false },
          'garbage',
        ],
        odd: 'not a list',
      },
      channels: { slack: { ok: false }, tg: { ok: false }, weird: null },
    };
    const down = readChannelsDown(reply, NOW, new Map([['slack:*', { label: 'slack', since: 7 }]]));
    expect([...down.entries()]).toEqual([
      ['tg:a', { label: 'Telegram (a)', since: 100 }],
      ['slack:*', { label: 'slack', since: 7 }],
    ]);
    expect(readChannelsDown('nonsense', NOW, new Map()).size).toBe(0);
  });

  it('reads failing and overdue jobs, offline paired nodes, spend, updates and run costs', () => {
    const cron = readCronAttention(
      {
        jobs: [
          {
            id: 'f',
            name: 'fails',
            enabled: true,
            schedule: { kind: 'every', everyMs: 1 },
            state: { lastRunStatus: 'error' },
          },
          {
            id: 'o',
            name: 'late',
            enabled: true,
            schedule: { kind: 'every', everyMs: 1 },
            state: { nextRunAtMs: NOW - 600_000 },
          },
          {
            id: 'k',
            name: 'fine',
            enabled: true,
            schedule: { kind: 'every', everyMs: 1 },
            state: {},
          },
          { name: 'no id' },
        ],
      },
      NOW,
    );
    expect([...cron.entries()].map(([id, j]) => `${id}:${j.attention}`)).toEqual([
      'f:failing',
      'o:overdue',
    ]);
    const nodes = readNodesOffline({
      nodes: [
        { nodeId: 'n1', displayName: 'mac', paired: true, connected: false },
        { nodeId: 'n2', paired: true, connected: true },
        { nodeId: 'n3', paired: false, connected: false },
        { displayName: 'no id' },
      ],
    });
    expect([...nodes.keys()]).toEqual(['n1']);
    const spend = readSpend(
      {
        daily: [
          { date: '2026-12-01', totalCost: 1.5 },
          { date: '2026-12-02', totalCost: 0.25 },
          { date: 'bad', totalCost: 'x' },
        ],
      },
      '2026-12-01',
      '2026-12-02',
    );
    expect(spend).toEqual({ today: 0.25, month: 1.75, complete: true });
    expect(readUpdate({ updateAvailable: { latestVersion: '2026.10.1' } })).toBe('2026.10.1');
    expect(readUpdate({ updateAvailable: null })).toBeUndefined();
    expect(finalCost({ message: { usage: { cost: { total: 0.01 } } } })).toBe(0.01);
    expect(finalCost({ usage: { cost: -1 } })).toBeUndefined();
  });
});

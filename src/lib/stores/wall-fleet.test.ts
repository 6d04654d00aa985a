import { describe, expect, it } from 'vitest';
import type { FleetCard } from './fleet';
import { emptyFleetState, type Signal } from './fleet-signals';
import { fleetOption } from './wall';
import { wallFleetRows, WALL_SIGNALS } from './wall-fleet';

const card = (id: string, name: string): FleetCard => ({
  profile: { id, name, url: `ws://${id}`, colour: '#123456' },
  phase: 'connected',
  runs: 0,
  updatedAt: 0,
  triage: emptyFleetState(),
  recent: [],
});
const signal = (profileId: string, n: number): Signal => ({
  kind: 'failedRun',
  profileId,
  key: `${profileId}|${n}`,
  count: 1,
  detail: '',
  href: '/activity',
});

describe('the fleet a wall shows', () => {
  it('reads ?fleet= as all, a list of profile names, or nothing', () => {
    expect(fleetOption(undefined)).toBeUndefined();
    expect(fleetOption('0')).toBeUndefined();
    expect(fleetOption('')).toBe('all');
    expect(fleetOption('1')).toBe('all');
    expect(fleetOption('all')).toBe('all');
    expect(fleetOption(' beta, alpha ,beta,')).toEqual(['beta', 'alpha']);
    expect(fleetOption(Array.from({ length: 80 }, (_, i) => `g${i}`).join(','))).toHaveLength(50);
  });

  it('lists the gateways named, in the order asked, and says which are not saved', () => {
    const cards = [card('a', 'alpha'), card('b', 'beta'), card('c', 'gamma')];
    const { rows, missing } = wallFleetRows(cards, new Map(), ['gamma', 'nope', 'alpha']);
    expect(rows.map((row) => row.card.profile.name)).toEqual(['gamma', 'alpha']);
    expect(missing).toEqual(['nope']);
    expect(wallFleetRows(cards, new Map(), 'all').rows).toHaveLength(3);
  });

  it('keeps the most urgent signals of a row and counts the rest', () => {
    const signals = Array.from({ length: WALL_SIGNALS + 2 }, (_, i) => signal('a', i));
    const [row] = wallFleetRows([card('a', 'alpha')], new Map([['a', signals]]), 'all').rows;
    expect(row!.signals).toEqual(signals.slice(0, WALL_SIGNALS));
    expect(row!.more).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { mostRecent, SIDEBAR_LIMIT, withCurrent } from './session-sidebar';
import type { SessionRow } from './sessions';

const row = (key: string, updatedAt?: number): SessionRow => ({ key, updatedAt });
const keys = (rows: readonly SessionRow[]) => rows.map((r) => r.key);

describe('the session sidebar list', () => {
  it('keeps the most recently updated sessions, newest first', () => {
    const rows = [row('a', 5), row('b', 9), row('c', 1), row('d', 7), row('e')];
    expect(keys(mostRecent(rows, 3))).toEqual(['b', 'd', 'a']);
    expect(keys(mostRecent(rows, 10))).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(mostRecent(rows, 0)).toEqual([]);
  });

  it('keeps the gateway order between sessions updated at the same time', () => {
    const rows = [row('x', 2), row('y', 2), row('z', 3), row('w', 2)];
    expect(keys(mostRecent(rows, 3))).toEqual(['z', 'x', 'y']);
  });

  it('shows 50 of 5,000 sessions, the same 50 a full sort would', () => {
    // Times shuffled, some repeated, so neither the input order nor uniqueness helps.
    const rows = Array.from({ length: 5000 }, (_, i) => row(`s${i}`, (i * 7919) % 3001));
    const sorted = [...rows].sort((a, b) => b.updatedAt! - a.updatedAt!);
    const shown = mostRecent(rows);
    expect(shown).toHaveLength(SIDEBAR_LIMIT);
    expect(keys(shown)).toEqual(keys(sorted.slice(0, SIDEBAR_LIMIT)));
  });

  it('adds the open session at the end when it is not among the recent ones, once', () => {
    const recent = [row('a', 3), row('b', 2)];
    expect(keys(withCurrent(recent, row('old', 1)))).toEqual(['a', 'b', 'old']);
    expect(withCurrent(recent, row('b', 2))).toBe(recent);
    expect(withCurrent(recent, undefined)).toBe(recent);
  });
});

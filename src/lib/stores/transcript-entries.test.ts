import { describe, expect, it } from 'vitest';
import type { RunView } from './runs';
import { entryKey, joinRuns, toEntries } from './transcript-entries';

const run = (runId: string): RunView => ({
  runId,
  sessionKey: 's',
  state: 'running',
  text: '',
  lastSeq: 0,
  tools: [],
  startedAt: 0,
});

describe('transcript keys', () => {
  it('keep a run card when another client names its message after the run', () => {
    const hostile = toEntries(
      [
        { role: 'user', content: 'a', idempotencyKey: entryKey.run('r1') },
        { role: 'user', content: 'b', idempotencyKey: 'run-r1' },
        { role: 'user', content: 'c', __openclaw: { id: 'r:r1' } },
      ],
      'h',
    );
    const items = joinRuns(
      [...hostile, { key: entryKey.run('r1'), runId: 'r1' }],
      new Map([['r1', run('r1')]]),
      [],
    );
    expect(items.map((item) => item.run?.runId ?? item.message?.content)).toEqual([
      'a',
      'b',
      'c',
      'r1',
    ]);
  });

  it('keep two messages whose id and idempotency key are the same text', () => {
    const entries = toEntries(
      [
        { role: 'user', content: 'mine', idempotencyKey: 'same' },
        { role: 'user', content: 'theirs', __openclaw: { id: 'same' } },
        { role: 'user', content: 'placed' },
      ],
      'same',
    );
    expect(new Set(entries.map((entry) => entry.key)).size).toBe(3);
    expect(joinRuns(entries, new Map(), [])).toHaveLength(3);
  });

  it('still merge one message seen twice under its idempotency key', () => {
    const entries = toEntries(
      [
        { role: 'user', content: 'once', idempotencyKey: 'k1' },
        { role: 'user', content: 'again', __openclaw: { idempotencyKey: 'k1' } },
      ],
      'h',
    );
    expect(entries[0]!.key).toBe(entries[1]!.key);
  });
});

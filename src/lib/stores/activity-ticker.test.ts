import { cleanStores, keepMount } from 'nanostores';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { connectLive } from '../testing/live';
import { troubleTicker } from './activity-ticker';
import { disconnect } from './connection';
import { router } from './router';
import { wallOptions } from './wall';

const row = (id: string, status: string, at: number) => ({
  schemaVersion: 1,
  eventType: 'tool_action',
  eventId: id,
  sequence: at,
  occurredAt: at,
  kind: 'tool_action',
  action: 'tool.action.finished',
  status,
  agentId: 'main',
  runId: 'r',
  toolName: 'exec',
  errorCode: `tool_${status}`,
});

beforeEach(() => void useFakePlatform());
afterEach(() => {
  cleanStores(troubleTicker, wallOptions);
  disconnect();
});

describe('wall ticker', () => {
  it('asks for each kind of trouble of the last day and merges them newest first', async () => {
    const socket = await connectLive();
    keepMount(troubleTicker);
    await vi.waitFor(() =>
      expect(socket.sent.filter((f) => f.method === 'audit.activity.list')).toHaveLength(3),
    );
    const asks = socket.sent.filter((f) => f.method === 'audit.activity.list');
    expect(asks.map((f) => (f.params as { status: string }).status)).toEqual([
      'failed',
      'timed_out',
      'blocked',
    ]);
    const replies = [
      [row('a', 'failed', 10), row('b', 'failed', 40)],
      [row('c', 'timed_out', 30)],
      [row('a', 'failed', 10), { junk: 1 }],
    ];
    asks.forEach((frame, i) =>
      socket.receive({ type: 'res', id: frame.id, ok: true, payload: { events: replies[i] } }),
    );
    await vi.waitFor(() => expect(troubleTicker.get().loaded).toBe(true));
    expect(troubleTicker.get().value.map((item) => item.id)).toEqual(['b', 'c', 'a']);
  });

  it('is opt-in on the wall', () => {
    router.open('/wall');
    expect(wallOptions.get().ticker).toBe(false);
    router.open('/wall?ticker=1');
    expect(wallOptions.get().ticker).toBe(true);
  });
});

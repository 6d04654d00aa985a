import type { EventFrame, HelloOk } from '@openclaw/gateway-client/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FleetState } from './fleet-signals';
import { fleetWatcher, REREAD_DEBOUNCE_MS } from './fleet-watch';

function hello(methods: string[], scopes = ['operator.admin']): HelloOk {
  return {
    features: { methods, events: [] },
    auth: { scopes },
    snapshot: { health: { channels: {} } },
  } as unknown as HelloOk;
}
const frame = (event: string, payload: unknown) =>
  ({ type: 'event', event, payload }) as EventFrame;

function setup(answers: Record<string, unknown>) {
  const asked: string[] = [];
  let state: FleetState | undefined;
  const watcher = fleetWatcher(
    (method) => {
      asked.push(method);
      return method in answers
        ? Promise.resolve(answers[method])
        : Promise.reject(new Error(method));
    },
    (next) => (state = next),
  );
  return { watcher, asked, state: () => state! };
}

afterEach(() => vi.useRealTimers());

describe('fleet watcher', () => {
  it('reads one snapshot of what is offered and marks the rest not offered (an old gateway)', async () => {
    const { watcher, asked, state } = setup({
      'exec.approval.list': [{ id: 'e1', request: { command: 'ls' } }],
      'node.list': { nodes: [{ nodeId: 'n', paired: true, connected: false }] },
    });
    watcher.hello(hello(['exec.approval.list', 'node.list', 'health']), 3);
    await vi.waitFor(() => expect(state().nodesOffline.size).toBe(1));
    await vi.waitFor(() => expect(state().asks.size).toBe(1));
    expect([...state().offered].sort()).toEqual(['approvals', 'nodes']);
    expect(asked.sort()).toEqual(['exec.approval.list', 'node.list']);
  });

  it('applies approval, run and update events without asking again', async () => {
    const { watcher, asked, state } = setup({});
    watcher.hello(hello([]), 4);
    watcher.event(frame('exec.approval.requested', { id: 'x"<', request: { command: 'rm' } }));
    watcher.event(frame('question.requested', { garbage: true }));
    expect([...state().asks.keys()]).toEqual(['exec:x"<']);
    watcher.event(frame('exec.approval.resolved', { id: 'x"<' }));
    expect(state().asks.size).toBe(0);
    watcher.event(frame('chat', { runId: 'r1', state: 'error', sessionKey: 'agent:main:a' }));
    watcher.event(frame('chat', { runId: 42, state: 'error' }));
    expect([...state().failedRuns.keys()]).toEqual(['r1']);
    watcher.event(frame('update.available', { updateAvailable: { latestVersion: '2026.10.1' } }));
    expect(state().update).toBe('2026.10.1');
    expect(asked).toEqual([]);
  });

  it('keeps each waiting item to decide on, and says why a resolver is not allowed', () => {
    const { watcher, state } = setup({});
    watcher.hello(hello(['approval.resolve', 'question.resolve'], ['operator.approvals']), 4);
    watcher.event(frame('exec.approval.requested', { id: 'e1', request: { command: 'ls -la' } }));
    expect(state().asks.get('exec:e1')?.item).toMatchObject({
      command: 'ls -la',
      status: 'pending',
    });
    expect(watcher.can('approval.resolve')).toBe(true);
    expect(watcher.why('approval.resolve')).toBeUndefined();
    expect(watcher.why('question.resolve')).toEqual({
      reason: 'scope',
      method: 'question.resolve',
      scope: 'operator.questions',
    });
    expect(watcher.why('exec.approval.resolve')).toMatchObject({ reason: 'notOffered' });
  });

  it('re-reads a list once after a burst of its events, and everything after a gap', async () => {
    vi.useFakeTimers();
    const { watcher, asked } = setup({ 'cron.list': { jobs: [] }, 'node.list': { nodes: [] } });
    watcher.hello(hello(['cron.list', 'node.list']), 4);
    asked.length = 0;
    for (let i = 0; i < 5; i += 1) watcher.event(frame('cron', { jobId: 'j' }));
    await vi.advanceTimersByTimeAsync(REREAD_DEBOUNCE_MS);
    expect(asked).toEqual(['cron.list']);
    watcher.gap();
    await vi.advanceTimersByTimeAsync(REREAD_DEBOUNCE_MS);
    expect(asked.sort()).toEqual(['cron.list', 'cron.list', 'node.list']);
    watcher.stop();
  });
});

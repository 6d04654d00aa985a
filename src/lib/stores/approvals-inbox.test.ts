import { cleanStores, keepMount } from 'nanostores';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import type { FakeWebSocket } from '../testing/fake-websocket';
import { answer, connectLive } from '../testing/live';
import { readApproval, readDecisions, readSnapshot } from './approval-items';
import { decide } from './approvals-actions';
import { asks } from './approvals-inbox';
import { pendingApprovals } from './approvals';
import { disconnect } from './connection';
import { diagnostics } from './diagnostics';

afterEach(() => {
  cleanStores(asks, pendingApprovals);
  disconnect();
});

// Shapes measured on a real 2026.9.6 gateway (exec.approval.list / *.requested / *.resolved).
const execRequest = (id: string, command: string, expiresAtMs = Date.now() + 60_000) => ({
  id,
  request: {
    command,
    host: 'gateway',
    agentId: 'main',
    sessionKey: 'agent:main:main',
    allowedDecisions: ['allow-once', 'allow-always', 'deny'],
    commandAnalysis: { warningLines: ['Contains inline-eval: python -c'] },
  },
  createdAtMs: Date.now(),
  expiresAtMs,
});
const snapshot = (id: string, extra: Record<string, unknown>) => ({
  id,
  presentation: {
    kind: 'exec',
    commandText: 'git push --force',
    agentId: 'main',
    allowedDecisions: ['allow-once', 'allow-always', 'deny'],
  },
  createdAtMs: 1,
  expiresAtMs: Date.now() + 60_000,
  ...extra,
});

async function live(methods: string[] = []): Promise<FakeWebSocket> {
  useFakePlatform();
  keepMount(asks);
  const socket = await connectLive((hello) => {
    const p = hello.payload as unknown as {
      auth: { scopes: string[] };
      features: { methods: string[] };
    };
    p.auth.scopes = ['operator.admin', 'operator.approvals', 'operator.questions'];
    p.features.methods = p.features.methods.filter(
      (m) => !m.startsWith('approval.') || methods.includes(m),
    );
  });
  await answer(socket, 'exec.approval.list', [execRequest('a1', 'rm -rf /tmp/x')]);
  await answer(socket, 'plugin.approval.list', []);
  await answer(socket, 'question.list', {
    questions: [
      {
        id: 'q1',
        questions: [{ questionId: 'c', header: 'Pick', question: 'Which colour?', options: [] }],
        createdAtMs: 1,
        expiresAtMs: Date.now() + 60_000,
        status: 'pending',
      },
    ],
  });
  await vi.waitFor(() => expect(asks.get().waiting).toHaveLength(2));
  return socket;
}

const event = (name: string, payload: unknown) => ({ type: 'event', event: name, payload });

describe('the approvals inbox', () => {
  it('lists exec approvals and questions, adds requests and settles them from events', async () => {
    const socket = await live();
    expect(
      asks
        .get()
        .waiting.map((i) => i.key)
        .sort(),
    ).toEqual(['exec:a1', 'question:q1']);
    expect(asks.get().waiting.find((i) => i.id === 'a1')?.warnings).toEqual([
      'Contains inline-eval: python -c',
    ]);
    socket.receive(event('exec.approval.requested', execRequest('a2', 'ls')));
    await vi.waitFor(() => expect(pendingApprovals.get()).toHaveLength(3));

    socket.receive(
      event('exec.approval.resolved', { id: 'a1', decision: 'deny', resolvedBy: 'cli', ts: 5 }),
    );
    await vi.waitFor(() => expect(asks.get().settled[0]?.status).toBe('denied'));
    expect(asks.get().settled[0]).toMatchObject({ id: 'a1', resolvedBy: 'cli' });
    expect(pendingApprovals.get().map((p) => p.id)).not.toContain('a1');
  });

  it('calls a deny by nobody at the deadline an expiry, not a reviewer’s deny', async () => {
    const socket = await live();
    const past = Date.now() - 10;
    socket.receive(event('exec.approval.requested', execRequest('a3', 'sleep 1', past + 5)));
    socket.receive(
      event('exec.approval.resolved', {
        id: 'a3',
        decision: 'deny',
        resolvedBy: null,
        ts: past + 6,
      }),
    );
    await vi.waitFor(() => expect(asks.get().settled[0]).toMatchObject({ status: 'expired' }));
  });

  it('shows the gateway’s answer when another operator answered first', async () => {
    const socket = await live(['approval.resolve', 'approval.get']);
    const item = asks.get().waiting.find((i) => i.id === 'a1')!;
    const sent = decide(item, 'allow-once');
    const record = snapshot('a1', {
      status: 'denied',
      decision: 'deny',
      reason: 'user',
      resolvedAtMs: 9,
      resolver: { kind: 'device', id: 'abcdef0123456789' },
    });
    await answer(socket, 'approval.resolve', { applied: false, approval: record });
    const result = await sent;
    expect(result).toMatchObject({ ok: true, applied: false });
    expect(socket.lastRequest('approval.resolve').params).toEqual({
      id: 'a1',
      kind: 'exec',
      decision: 'allow-once',
    });
    expect(asks.get().settled[0]).toMatchObject({
      status: 'denied',
      resolverDevice: 'abcdef0123456789',
    });
  });

  it('uses the kind’s own resolver on older gateways and reads a late answer as settled elsewhere', async () => {
    const socket = await live();
    const item = asks.get().waiting.find((i) => i.id === 'a1')!;
    const sent = decide(item, 'deny');
    await answer(socket, 'exec.approval.resolve', undefined, {
      code: 'INVALID_REQUEST',
      message: 'approval already resolved',
      details: { reason: 'APPROVAL_ALREADY_RESOLVED' },
    } as never);
    expect(await sent).toMatchObject({ ok: true, applied: false });
    expect(asks.get().settled[0]?.status).toBe('resolved');
  });

  it('never sends a decision the request does not allow (the gateway would turn it into a deny)', async () => {
    const socket = await live(['approval.resolve']);
    const item = {
      ...asks.get().waiting.find((i) => i.id === 'a1')!,
      allowed: readDecisions(['allow-once']),
    };
    expect(await decide(item, 'allow-always')).toMatchObject({ ok: false });
    expect(socket.sent.some((f) => f.method === 'approval.resolve')).toBe(false);
  });
});

describe('reading what the gateway sends', () => {
  it('drops an approval without an id and counts it', () => {
    const before = diagnostics.get().unreadableItems;
    expect(readApproval({ request: { command: 'x' } }, 'exec')).toBeUndefined();
    expect(readApproval('nonsense', 'plugin')).toBeUndefined();
    expect(diagnostics.get().unreadableItems).toBe(before + 2);
  });

  it('always offers deny, and only the decisions the request lists', () => {
    expect(readDecisions(['allow-once', 'bogus'])).toEqual(['allow-once', 'deny']);
    expect(readDecisions(undefined)).toEqual(['allow-once', 'allow-always', 'deny']);
  });

  it('reads an expired record with its system resolver', () => {
    const item = readSnapshot(
      snapshot('e1', {
        status: 'expired',
        reason: 'timeout',
        resolvedAtMs: 3,
        resolver: { kind: 'system' },
      }),
    );
    expect(item).toMatchObject({ status: 'expired', reason: 'timeout', resolverKind: 'system' });
    expect(readSnapshot({ id: 'x', presentation: { kind: 'system-agent' } })).toBeUndefined();
  });
});

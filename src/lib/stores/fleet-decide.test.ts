import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayRequestError } from '../gateway/errors';
import { readApproval, readDecisions } from './approval-items';
import { readQuestion } from './question-items';
import { asks } from './approvals-inbox';
import { answerOnFleet, decideOnFleet, fleetBusy, fleetOutcome, fleetWhyNot } from './fleet-decide';
import {
  fleetLatest,
  forgetFleetDecisions,
  registerFleetGateway,
  type FleetGateway,
} from './fleet-gateways';

const exec = readApproval(
  {
    id: 'a1',
    request: { command: 'rm -rf /tmp/x', allowedDecisions: ['allow-once', 'deny'] },
    createdAtMs: 1,
  },
  'exec',
)!;

/** A fleet connection to another gateway that answers each method as `replies` says. */
function fleetGateway(
  replies: Record<string, (params: unknown) => unknown>,
  methods = Object.keys(replies),
) {
  const sent: Array<[string, unknown]> = [];
  const gateway: FleetGateway = {
    request: vi.fn(async (method: string, params?: unknown) => {
      sent.push([method, params]);
      const reply = replies[method];
      if (!reply) throw new Error(`unexpected ${method}`);
      return reply(params);
    }),
    can: (m) => methods.includes(m),
    why: (m) => (methods.includes(m) ? undefined : { reason: 'notOffered', method: m }),
    deviceId: () => 'fleet-device',
    settle: vi.fn(),
    confirm: vi.fn(async () => {}),
  };
  return { gateway, sent };
}

let releases: Array<() => void> = [];
afterEach(() => {
  releases.forEach((release) => release());
  releases = [];
  forgetFleetDecisions();
});

describe('decisions from the fleet', () => {
  it('sends the decision over that gateway’s fleet connection and keeps its record', async () => {
    const { gateway, sent } = fleetGateway({
      'approval.resolve': () => ({
        applied: true,
        approval: {
          id: 'a1',
          status: 'allowed',
          decision: 'allow-once',
          presentation: { kind: 'exec', commandText: 'rm -rf /tmp/x' },
          resolver: { kind: 'device', id: 'fleet-device' },
        },
      }),
    });
    releases.push(registerFleetGateway('beta', gateway));
    const waiting = decideOnFleet('beta', exec, 'allow-once');
    expect(fleetBusy.get()['beta|exec:a1']).toBe('allow-once');
    await waiting;
    expect(sent).toEqual([
      ['approval.resolve', { id: 'a1', kind: 'exec', decision: 'allow-once' }],
    ]);
    expect(fleetBusy.get()['beta|exec:a1']).toBeUndefined();
    expect(fleetOutcome.get()['beta|exec:a1']).toMatchObject({ ok: true, applied: true });
    expect(fleetLatest.get()).toMatchObject({
      profileId: 'beta',
      item: { status: 'allowed', decision: 'allow-once' },
    });
    // The console's own inbox (another gateway) is not told about it.
    expect(asks.get().settled).toEqual([]);
  });

  it('never sends a decision the request does not allow, and uses the kind’s own resolver where the unified one is missing', async () => {
    const { gateway, sent } = fleetGateway({ 'exec.approval.resolve': () => ({ ok: true }) });
    releases.push(registerFleetGateway('beta', gateway));
    await decideOnFleet('beta', exec, 'allow-always');
    expect(sent).toEqual([]);
    expect(fleetOutcome.get()['beta|exec:a1']).toEqual({ ok: false, error: 'allow-always' });
    await decideOnFleet('beta', exec, 'deny');
    expect(sent).toEqual([['exec.approval.resolve', { id: 'a1', decision: 'deny' }]]);
    expect(fleetLatest.get()?.item).toMatchObject({
      status: 'denied',
      resolverDevice: 'fleet-device',
    });
  });

  it('says someone else answered first and asks that gateway (not this one) for the record', async () => {
    const { gateway } = fleetGateway({
      'approval.resolve': () => {
        throw new GatewayRequestError('INVALID_REQUEST', 'gone', {
          reason: 'APPROVAL_ALREADY_RESOLVED',
        });
      },
    });
    releases.push(registerFleetGateway('beta', gateway));
    await decideOnFleet('beta', exec, 'deny');
    expect(fleetOutcome.get()['beta|exec:a1']).toMatchObject({ ok: true, applied: false });
    expect(gateway.confirm).toHaveBeenCalledWith(expect.objectContaining({ id: 'a1' }));
  });

  it('answers a question there', async () => {
    const question = readQuestion({
      id: 'q1',
      questions: [{ questionId: 'c', question: 'Which colour?', options: [{ label: 'Blue' }] }],
    })!;
    const { gateway, sent } = fleetGateway({
      'question.resolve': () => ({ status: 'answered', answers: { answers: { c: ['Blue'] } } }),
    });
    releases.push(registerFleetGateway('beta', gateway));
    await answerOnFleet('beta', question, { c: ['Blue'] });
    expect(sent).toEqual([
      ['question.resolve', { id: 'q1', answers: { answers: { c: ['Blue'] } } }],
    ]);
    expect(fleetLatest.get()?.item.status).toBe('answered');
  });

  it('does nothing for a gateway whose fleet connection is gone, and says why', async () => {
    const { gateway, sent } = fleetGateway({ 'approval.resolve': () => ({}) });
    const release = registerFleetGateway('beta', gateway);
    expect(fleetWhyNot('beta', exec)).toBeUndefined();
    release();
    expect(fleetWhyNot('beta', exec)).toEqual({ reason: 'offline' });
    await decideOnFleet('beta', exec, 'deny');
    expect(sent).toEqual([]);
    expect(fleetOutcome.get()).toEqual({});
    expect(readDecisions(undefined)).toContain('deny');
  });

  it('names the method a gateway does not offer', () => {
    const { gateway } = fleetGateway({}, ['exec.approval.list']);
    releases.push(registerFleetGateway('beta', gateway));
    expect(fleetWhyNot('beta', exec)).toEqual({
      reason: 'notOffered',
      method: 'exec.approval.resolve',
    });
  });
});

/**
 * Decisions on approvals and questions, sent to a given gateway: the console's own (through
 * approvals-actions.ts) or another one (the fleet). Knows no store, so the fleet can use it
 * without loading the inbox.
 */
import { GatewayRequestError } from '../gateway/errors';
import { describeError } from '../gateway/outcome';
import { readSnapshot, type AskItem, type Decision } from './approval-items';
import { readAnswers } from './question-items';
import { isRecord } from './validate';

/** What a decision came to: the gateway's record (which may be someone else's), or why not. */
export type DecisionOutcome =
  { ok: true; applied: boolean; item: AskItem } | { ok: false; error: string };

/**
 * The gateway a decision goes to: the console's own connection (the default), or another
 * one (a fleet card answers on its gateway without switching the console to it).
 */
export interface DecisionGateway {
  request: (method: string, params?: unknown) => Promise<unknown>;
  can: (method: string) => boolean;
  /** This console's device on that gateway (to say "by you"). */
  deviceId: () => string | undefined;
  /** Records what became of an item (the inbox keeps it; elsewhere the gateway's event does). */
  settle: (item: AskItem) => void;
  /** Asks that gateway for an item's record after someone else answered first. */
  confirm: (item: AskItem) => Promise<void>;
}

/** The method that settles an item: the unified resolver where offered, else the kind's own. */
export function resolveMethod(item: AskItem, allowed: (method: string) => boolean): string {
  if (item.kind === 'question') return 'question.resolve';
  return allowed('approval.resolve') ? 'approval.resolve' : `${item.kind}.approval.resolve`;
}

function reasonOf(error: unknown): string | undefined {
  if (!(error instanceof GatewayRequestError) || !isRecord(error.details)) return undefined;
  const reason = error.details.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * Sends one decision. The gateway is first-answer-wins: `approval.resolve` returns the recorded
 * result to every contender (`applied: false` when someone else answered first), and that is
 * what we show, never our own guess. Older gateways answer a late decision with an error.
 */
export async function decide(
  item: AskItem,
  decision: Decision,
  gateway: DecisionGateway,
): Promise<DecisionOutcome> {
  if (item.kind === 'question') return { ok: false, error: 'not an approval' };
  // approval.resolve turns a decision the request does not allow into a deny: never send one.
  if (!item.allowed.includes(decision)) return { ok: false, error: decision };
  const method = resolveMethod(item, gateway.can);
  const { request, settle } = gateway;
  try {
    if (method === 'approval.resolve') {
      const reply = await request(method, { id: item.id, kind: item.kind, decision });
      const record = isRecord(reply) ? reply : {};
      const read = readSnapshot(record.approval, item);
      if (!read) return { ok: false, error: describeError(new Error('unreadable reply')) };
      settle(read);
      return { ok: true, applied: record.applied === true, item: read };
    }
    await request(method, { id: item.id, decision });
    const status = decision === 'deny' ? 'denied' : 'allowed';
    const device = gateway.deviceId();
    const mine: AskItem = {
      ...item,
      status,
      decision,
      resolvedAt: Date.now(),
      resolverKind: 'device',
      resolverDevice: device,
      final: true,
    };
    settle(mine);
    return { ok: true, applied: true, item: mine };
  } catch (error) {
    const reason = reasonOf(error);
    if (reason === 'APPROVAL_ALREADY_RESOLVED' || reason === 'APPROVAL_NOT_FOUND') {
      // Someone else answered (or it expired); say so and ask for the record where we can.
      const gone: AskItem = {
        ...item,
        status:
          item.expiresAt !== undefined && item.expiresAt <= Date.now() ? 'expired' : 'resolved',
        resolvedAt: Date.now(),
      };
      settle(gone);
      void gateway.confirm(gone);
      return { ok: true, applied: false, item: gone };
    }
    return { ok: false, error: describeError(error) };
  }
}

/** Answers an agent's question (`answers`: chosen labels or typed text per question id). */
export async function answerQuestion(
  item: AskItem,
  answers: Record<string, string[]>,
  gateway: DecisionGateway,
): Promise<DecisionOutcome> {
  return settleQuestion(item, { id: item.id, answers: { answers } }, gateway);
}

/** Skips an agent's question: the agent is told nobody answered. */
export function skipQuestion(item: AskItem, gateway: DecisionGateway): Promise<DecisionOutcome> {
  return settleQuestion(item, { id: item.id, cancel: true }, gateway);
}

async function settleQuestion(
  item: AskItem,
  params: object,
  { request, settle, confirm }: DecisionGateway,
): Promise<DecisionOutcome> {
  try {
    const reply = await request('question.resolve', params);
    const record = isRecord(reply) ? reply : {};
    const status = record.status === 'answered' ? 'answered' : 'cancelled';
    const done: AskItem = {
      ...item,
      status,
      answers: readAnswers(record.answers),
      resolvedAt: Date.now(),
      final: true,
    };
    settle(done);
    return { ok: true, applied: true, item: done };
  } catch (error) {
    if (reasonOf(error) === 'QUESTION_ALREADY_TERMINAL') {
      const gone: AskItem = { ...item, status: 'resolved', resolvedAt: Date.now() };
      settle(gone);
      await confirm(gone);
      return { ok: true, applied: false, item: gone };
    }
    return { ok: false, error: describeError(error) };
  }
}

import type { AskItem, Decision } from './approval-items';
import * as core from './approvals-decide';
import type { DecisionGateway, DecisionOutcome } from './approvals-decide';
import { confirmAsk, settle } from './approvals-inbox';
import { can, gatewayHello, request } from './gateway-session';

export type { DecisionGateway, DecisionOutcome } from './approvals-decide';

/** The console's own gateway: the inbox's store records every outcome. */
const HERE: DecisionGateway = {
  request: (method, params) => request<unknown>(method, params),
  can: (method) => can.get()(method),
  deviceId: () => gatewayHello.get()?.deviceId,
  settle,
  confirm: confirmAsk,
};

/** The method that settles an item here: the unified resolver where offered, else the kind's own. */
export function resolveMethod(item: AskItem): string {
  return core.resolveMethod(item, HERE.can);
}

/** Sends one decision to the console's gateway (see approvals-decide's `decide`). */
export function decide(item: AskItem, decision: Decision): Promise<DecisionOutcome> {
  return core.decide(item, decision, HERE);
}

/** Answers an agent's question (`answers`: chosen labels or typed text per question id). */
export function answerQuestion(
  item: AskItem,
  answers: Record<string, string[]>,
): Promise<DecisionOutcome> {
  return core.answerQuestion(item, answers, HERE);
}

/** Skips an agent's question: the agent is told nobody answered. */
export function skipQuestion(item: AskItem): Promise<DecisionOutcome> {
  return core.skipQuestion(item, HERE);
}

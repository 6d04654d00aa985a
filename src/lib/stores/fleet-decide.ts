/**
 * Decisions on what waits on another gateway, sent over the fleet's own connection to it: the
 * console stays on its gateway. The decision logic is the inbox's (`approvals-decide`); this
 * module only says which gateway it goes to (fleet-gateways.ts) and records progress and outcome.
 */
import { readonlyType } from 'nanostores';
import type { AskItem, Decision } from './approval-items';
import {
  answerQuestion,
  decide,
  resolveMethod,
  skipQuestion,
  type DecisionGateway,
  type DecisionOutcome,
} from './approvals-decide';
import { $fleetBusy, $fleetLatest, $fleetOutcome, fleetGatewayOf } from './fleet-gateways';
import type { Unavailable } from './gateway-session';

/** Why an item cannot be settled from the fleet on that gateway, or undefined when it can. */
export function fleetWhyNot(profileId: string, item: AskItem): Unavailable | undefined {
  const gateway = fleetGatewayOf(profileId);
  if (!gateway) return { reason: 'offline' };
  return gateway.why(resolveMethod(item, gateway.can));
}

/** The method that would settle an item on that gateway (for the words of a reason). */
export function fleetResolveMethod(profileId: string, item: AskItem): string {
  return resolveMethod(item, fleetGatewayOf(profileId)?.can ?? (() => false));
}

/** What is being sent, by `profileId|itemKey`. */
export const fleetBusy = readonlyType($fleetBusy);
/** How each sent decision ended, by `profileId|itemKey` (kept after the item left the strip). */
export const fleetOutcome = readonlyType($fleetOutcome);

/** The key progress and outcome are kept under. */
export const fleetKey = (profileId: string, item: AskItem) => `${profileId}|${item.key}`;

async function run(
  profileId: string,
  item: AskItem,
  label: string,
  action: (gateway: DecisionGateway) => Promise<DecisionOutcome>,
): Promise<void> {
  const key = fleetKey(profileId, item);
  const gateway = fleetGatewayOf(profileId);
  if ($fleetBusy.get()[key] || !gateway) return;
  $fleetBusy.setKey(key, label);
  const outcome = await action(gateway);
  $fleetOutcome.setKey(key, outcome);
  $fleetLatest.set({ profileId, item: outcome.ok ? outcome.item : item, outcome });
  $fleetBusy.setKey(key, undefined as unknown as string);
}

/** Allows or denies an approval waiting on that gateway. */
export function decideOnFleet(profileId: string, item: AskItem, decision: Decision) {
  return run(profileId, item, decision, (gateway) => decide(item, decision, gateway));
}

/** Answers an agent's question waiting on that gateway. */
export function answerOnFleet(profileId: string, item: AskItem, answers: Record<string, string[]>) {
  return run(profileId, item, 'answer', (gateway) => answerQuestion(item, answers, gateway));
}

/** Skips an agent's question waiting on that gateway. */
export function skipOnFleet(profileId: string, item: AskItem) {
  return run(profileId, item, 'skip', (gateway) => skipQuestion(item, gateway));
}

/**
 * Decisions on what waits on another gateway, sent over the fleet's own connection to it: the
 * console stays on its gateway. The decision logic is the inbox's (`approvals-actions`); this
 * module only says which gateway it goes to and keeps the progress and outcome per item.
 */
import { atom, map, readonlyType } from 'nanostores';
import type { AskItem, Decision } from './approval-items';
import {
  answerQuestion,
  decide,
  resolveMethod,
  skipQuestion,
  type DecisionGateway,
  type DecisionOutcome,
} from './approvals-actions';
import type { Unavailable } from './gateway-session';

/** One fleet connection as a place to send decisions, and why a method is not allowed there. */
export interface FleetGateway extends DecisionGateway {
  why: (method: string) => Unavailable | undefined;
}

const gateways = new Map<string, FleetGateway>();

/** The fleet connection registers its gateway while it is connected; returns the release. */
export function registerFleetGateway(profileId: string, gateway: FleetGateway): () => void {
  gateways.set(profileId, gateway);
  return () => {
    if (gateways.get(profileId) === gateway) gateways.delete(profileId);
  };
}

/** Why an item cannot be settled from the fleet on that gateway, or undefined when it can. */
export function fleetWhyNot(profileId: string, item: AskItem): Unavailable | undefined {
  const gateway = gateways.get(profileId);
  if (!gateway) return { reason: 'offline' };
  return gateway.why(resolveMethod(item, gateway.can));
}

/** The method that would settle an item on that gateway (for the words of a reason). */
export function fleetResolveMethod(profileId: string, item: AskItem): string {
  return resolveMethod(item, gateways.get(profileId)?.can ?? (() => false));
}

const $busy = map<Record<string, string>>({});
/** What is being sent, by `profileId|itemKey`. */
export const fleetBusy = readonlyType($busy);
const $outcome = map<Record<string, DecisionOutcome>>({});
/** How each sent decision ended, by `profileId|itemKey` (kept after the item left the strip). */
export const fleetOutcome = readonlyType($outcome);

/** The latest decision sent from the fleet: where, about what, and how it ended. */
export interface FleetDecided {
  profileId: string;
  item: AskItem;
  outcome: DecisionOutcome;
}
const $latest = atom<FleetDecided | undefined>(undefined);
/** The latest decision sent from the fleet (the strip says how it ended once the item is gone). */
export const fleetLatest = readonlyType($latest);

/** The key progress and outcome are kept under. */
export const fleetKey = (profileId: string, item: AskItem) => `${profileId}|${item.key}`;

async function run(
  profileId: string,
  item: AskItem,
  label: string,
  action: (gateway: DecisionGateway) => Promise<DecisionOutcome>,
): Promise<void> {
  const key = fleetKey(profileId, item);
  const gateway = gateways.get(profileId);
  if ($busy.get()[key] || !gateway) return;
  $busy.setKey(key, label);
  const outcome = await action(gateway);
  $outcome.setKey(key, outcome);
  $latest.set({ profileId, item: outcome.ok ? outcome.item : item, outcome });
  $busy.setKey(key, undefined as unknown as string);
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

/** Forgets progress and outcomes (the fleet view closed). */
export function forgetFleetDecisions(): void {
  $busy.set({});
  $outcome.set({});
  $latest.set(undefined);
}

/**
 * The fleet connections as places to send decisions to, and what was sent: light on purpose
 * (the fleet view loads it at once; the deciding itself, fleet-decide.ts, once something waits).
 */
import { atom, map, readonlyType } from 'nanostores';
import type { AskItem } from './approval-items';
import type { DecisionGateway, DecisionOutcome } from './approvals-decide';
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

/** The connected fleet gateway of a profile, if any. */
export function fleetGatewayOf(profileId: string): FleetGateway | undefined {
  return gateways.get(profileId);
}

/** What is being sent, by `profileId|itemKey`. */
export const $fleetBusy = map<Record<string, string>>({});
/** How each sent decision ended, by `profileId|itemKey` (kept after the item left the strip). */
export const $fleetOutcome = map<Record<string, DecisionOutcome>>({});

/** The latest decision sent from the fleet: where, about what, and how it ended. */
export interface FleetDecided {
  profileId: string;
  item: AskItem;
  outcome: DecisionOutcome;
}
/** The latest decision sent from the fleet (written by fleet-decide.ts). */
export const $fleetLatest = atom<FleetDecided | undefined>(undefined);
/** The latest decision sent from the fleet (the strip says how it ended once the item is gone). */
export const fleetLatest = readonlyType($fleetLatest);

/** Forgets progress and outcomes (the fleet view closed). */
export function forgetFleetDecisions(): void {
  $fleetBusy.set({});
  $fleetOutcome.set({});
  $fleetLatest.set(undefined);
}

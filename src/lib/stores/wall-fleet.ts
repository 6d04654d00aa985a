import { computed } from 'nanostores';
import { fleetCards, type FleetCard } from './fleet';
import type { Signal } from './fleet-signals';
import { fleetTriage } from './fleet-triage';
import { wallOptions } from './wall';

/** Signals one row of a fleet wall shows; the rest are counted ("+2 more"), a wall cannot scroll. */
export const WALL_SIGNALS = 3;

/** One gateway on a fleet wall. */
export interface WallFleetRow {
  card: FleetCard;
  signals: Signal[];
  more: number;
}

/** What a fleet wall shows: a row per chosen gateway, and the names asked for that are not saved. */
export interface WallFleet {
  rows: WallFleetRow[];
  missing: string[];
}

/** The rows for a fleet selection (`all`, or profile names in the order asked), most urgent signals first. */
export function wallFleetRows(
  cards: readonly FleetCard[],
  byProfile: ReadonlyMap<string, Signal[]>,
  selection: 'all' | readonly string[],
): WallFleet {
  const byName = new Map<string, FleetCard>();
  for (const card of cards) if (!byName.has(card.profile.name)) byName.set(card.profile.name, card);
  const chosen = selection === 'all' ? cards : selection.flatMap((name) => byName.get(name) ?? []);
  const missing = selection === 'all' ? [] : selection.filter((name) => !byName.has(name));
  const rows = chosen.map((card) => {
    const all = byProfile.get(card.profile.id) ?? [];
    return {
      card,
      signals: all.slice(0, WALL_SIGNALS),
      more: Math.max(0, all.length - WALL_SIGNALS),
    };
  });
  return { rows, missing };
}

/** The fleet wall of the address's `?fleet=` (empty when the wall shows one gateway). */
export const wallFleet = computed(
  [fleetCards, fleetTriage, wallOptions],
  (cards, triage, options) =>
    options.fleet
      ? wallFleetRows(
          Object.values(cards).filter((card): card is FleetCard => Boolean(card)),
          triage.byProfile,
          options.fleet,
        )
      : { rows: [], missing: [] },
);

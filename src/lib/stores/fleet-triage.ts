import { atom, computed, onMount } from 'nanostores';
import { budgetFor, budgets } from './budget';
import { budgetLevels, worstLevel, type PeriodLevel } from './budget-levels';
import { connectionState } from './connection';
import { fleetCards } from './fleet';
import { signalsOf, triage, type Signal } from './fleet-signals';
import { switchProfile } from './gateway-choice';
import { activeProfileId } from './profiles';
import { router } from './router';

/** How often ages and the "last hour" window are re-judged: the gateway's own tick. */
const TRIAGE_CLOCK_MS = 30_000;

/** A coarse clock: the fleet does not re-render every second for "5 minutes ago". */
const $now = atom(Date.now());
onMount($now, () => {
  $now.set(Date.now());
  const timer = setInterval(() => $now.set(Date.now()), TRIAGE_CLOCK_MS);
  return () => clearInterval(timer);
});

/** What the fleet view shows: the merged strip, and each card's signals and budget level. */
export interface FleetTriage {
  strip: Signal[];
  byProfile: ReadonlyMap<string, Signal[]>;
  levels: ReadonlyMap<string, PeriodLevel[]>;
  now: number;
}

/** Every gateway's signals, ranked by urgency across the fleet. */
export const fleetTriage = computed([fleetCards, budgets, $now], (cards, all, now): FleetTriage => {
  const byProfile = new Map<string, Signal[]>();
  const levels = new Map<string, PeriodLevel[]>();
  for (const card of Object.values(cards)) {
    if (!card) continue;
    const spend = card.triage.spend;
    const cardLevels = spend ? budgetLevels(budgetFor(all, card.profile.url), spend) : [];
    levels.set(card.profile.id, cardLevels);
    const signals = signalsOf(card.profile.id, card.triage, now, worstLevel(cardLevels));
    byProfile.set(card.profile.id, triage(signals));
  }
  return { strip: triage([...byProfile.values()].flat()), byProfile, levels, now };
});

/**
 * Opens the thing a signal is about on its own gateway: at once when it is the current one,
 * else after switching the console to that gateway's profile (no reload; the page it opens
 * reads its data from the new connection).
 */
export function openSignal(signal: Signal): void {
  const profile = fleetCards.get()[signal.profileId]?.profile;
  const current = connectionState.get();
  const here = activeProfileId.get() === signal.profileId && current.url === profile?.url;
  if (!here) switchProfile(signal.profileId);
  router.open(signal.href);
}

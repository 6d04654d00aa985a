import { persistentMap } from '@nanostores/persistent';

/** The newest activity row a display had on screen, and when it was last looked at. */
export interface SeenMark {
  sequence: number;
  lookedAt: number;
}

// One entry per gateway address, kept on this display only (each display has its own marker).
const $seen = persistentMap<Record<string, string>>('openclaw-console:activity-seen:', {});

/** What this display last saw of a gateway's activity (undefined: never, or unreadable). */
export function seenFor(gateway: string): SeenMark | undefined {
  const text = $seen.get()[gateway];
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const mark = value as Partial<SeenMark>;
    return Number.isFinite(mark?.sequence) && Number.isFinite(mark?.lookedAt)
      ? { sequence: mark.sequence!, lookedAt: mark.lookedAt! }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers that the display has now seen a gateway's activity up to `sequence`. */
export function markSeen(gateway: string, sequence: number, now: number, reset = false): void {
  if (!gateway) return;
  const before = seenFor(gateway);
  // Never move back (a filtered list's newest row can be older than what was already seen),
  // unless the gateway's ledger itself started again (`reset`).
  const next = reset ? sequence : Math.max(sequence, before?.sequence ?? -Infinity);
  $seen.setKey(gateway, JSON.stringify({ sequence: next, lookedAt: now }));
}

/** Forgets every marker (tests). */
export function forgetSeen(): void {
  for (const key of Object.keys($seen.get())) $seen.setKey(key, undefined);
}

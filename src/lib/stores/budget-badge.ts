import { atom } from 'nanostores';

/**
 * The current gateway's budget level for the nav badge. A bare atom, so the first view carries
 * no budget code: the lazily loaded budget watcher (`budget-alerts.ts`) fills it.
 */
export const budgetBadge = atom<{ percent: number; reached: number } | undefined>(undefined);

import { computed } from 'nanostores';
import catalogue from '../../i18n/pages/fleet';
import type { Signal } from './fleet-signals';
import { pageText } from './i18n';

const pt = pageText(catalogue);

/** How a signal is said: its count and kind, a budget's share, an update's version. */
export const signalWords = computed(pt, (text) => (signal: Signal): string => {
  if (signal.budget) {
    const percent = Math.floor(signal.budget.percent);
    const key = signal.budget.period === 'daily' ? 'fleet.budget.daily' : 'fleet.budget.monthly';
    return text(key, { percent });
  }
  if (signal.kind === 'update') return text('fleet.signal.update', { version: signal.detail });
  return text(`fleet.signal.${signal.kind}` as 'fleet.signal.approval', { count: signal.count });
});

/** Whether a signal's detail (a command, a channel, a job) is shown beside its words. */
export const showsDetail = (signal: Signal): boolean =>
  Boolean(signal.detail) && !signal.budget && signal.kind !== 'update';

import { alertPrefs } from './alert-prefs';
import { budgetWarning } from './budget';
import { budgetBadge } from './budget-badge';
import { pauseAtLimit } from './budget-pause';
import { connectionState } from './connection';
import catalogue from '../../i18n/pages/alerts';
import { pageText } from './i18n';
import { platform } from './platform';
import { router } from './router';

// Notification texts in the language on screen (their own catalogue: this module loads lazily).
const text = pageText(catalogue);

/**
 * Notifies once each time the current gateway's spend reaches a higher threshold of a budget
 * (per display, as the other alerts: only where this display turned notifications on), and at
 * the limit pauses heartbeats and scheduled jobs where the operator opted in.
 * Keeping the subscription also keeps the spend live, so the nav badge stays current.
 */
export function watchBudget(): () => void {
  let told = '';
  const off = budgetWarning.subscribe((level) => {
    budgetBadge.set(level && { percent: level.percent, reached: level.reached });
    if (!level) return;
    const key = `${connectionState.get().url}|${level.period}|${level.reached}`;
    if (key === told) return;
    told = key;
    const url = connectionState.get().url;
    void pauseAtLimit(level, url).then((outcome) => {
      if (!outcome.paused || alertPrefs.get().notify !== 'yes') return;
      platform().notifications.show(text.get()('alerts.budgetPaused'), {
        body: text.get()('alerts.budgetPausedBody', { count: outcome.jobs, url }),
        tag: 'budget-paused',
        onClick: () => router.open('/'),
      });
    });
    if (alertPrefs.get().notify !== 'yes') return;
    const translate = text.get();
    platform().notifications.show(translate('alerts.budget'), {
      body: translate(level.period === 'daily' ? 'alerts.budget.daily' : 'alerts.budget.monthly', {
        percent: Math.floor(level.percent),
        url: connectionState.get().url,
      }),
      tag: 'budget',
      onClick: () => router.open('/usage'),
    });
  });
  return () => {
    off();
    budgetBadge.set(undefined);
  };
}

import { computed } from 'nanostores';
import { approvalHref, pendingApprovals, type PendingApproval } from './approvals';
import { openSessionPage, router } from './router';
import { myRuns } from './my-runs';
import { recentFailures, runs } from './run-map';
import { connectionState } from './connection';
import { pendingDevices } from './devices';
import { channels } from './health';
import catalogue from '../../i18n/pages/alerts';
import { pageText } from './i18n';
import { platform } from './platform';
import { pageVisible } from './visibility';
import { alertPrefs } from './alert-prefs';
import { watchWatchedSessions } from './watched-alerts';
import { watchedTells } from './watched-sessions';

// Notification texts in the language on screen (their own catalogue: this module loads lazily).
const text = pageText(catalogue);

/** The conditions worth an operator's attention right now. */
export const alertState = computed(
  [connectionState, recentFailures, pendingApprovals, pendingDevices, channels],
  (conn, failures, approvals, devices, chans) => ({
    gatewayDown: conn.phase === 'reconnecting' || conn.phase === 'stopped',
    latestFailure: failures[0],
    waiting: approvals.length + devices.length,
    channelsDown: chans.filter((c) => c.ok === false).map((c) => c.label),
  }),
);

const BASE_TITLE = 'OpenClaw Console';

function badgeIcon(count: number): string {
  const dot = count > 0 ? '<circle cx="25" cy="7" r="7" fill="#cf222e"/>' : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f6feb"/><path d="M9 22c0-6 3-11 7-11s7 5 7 11" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/>${dot}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function notify(title: string, body: string, onClick?: () => void): void {
  if (alertPrefs.get().notify !== 'yes') return;
  // One tag per kind: a flapping condition replaces its notification instead of stacking them.
  platform().notifications.show(title, { body, tag: title, onClick });
}

/** Opens the newest waiting approval (what a click on its notification means). */
function openNewestApproval(): void {
  const newest = pendingApprovals
    .get()
    .reduce<PendingApproval | undefined>(
      (a, b) => ((b.createdAt ?? 0) >= (a?.createdAt ?? 0) ? b : a),
      undefined,
    );
  router.open(newest ? approvalHref(newest.id) : '/approvals');
}

/**
 * Watches the alert conditions: keeps the title and favicon badge current and
 * sends a desktop notification when a condition newly appears (a run failed, an
 * approval is waiting, the gateway went down, a channel went down). Returns the stopper.
 */
export function watchAlerts(): () => void {
  let unseenFailures = 0;
  let previous = alertState.get();
  // A run this page started that ends while the page is hidden: tell its sender (a failure is
  // already told, for every run, above).
  // Only runs seen running are kept here, so the set holds what is in flight, not every run.
  const running = new Set<string>();
  const notifyMyRunsEnded = (all: ReturnType<typeof runs.get>) => {
    for (const id of myRuns()) {
      const run = all.get(id);
      if (!run) continue;
      if (run.state === 'running') {
        running.add(id);
        continue;
      }
      const wasRunning = running.delete(id);
      if (!wasRunning || (run.state !== 'final' && run.state !== 'aborted')) continue;
      if (pageVisible.get()) continue;
      const title = text.get()(run.state === 'final' ? 'alerts.myRunDone' : 'alerts.myRunStopped');
      notify(title, run.sessionKey, () => openSessionPage(run.sessionKey));
    }
  };
  const render = () => {
    const state = alertState.get();
    const count =
      unseenFailures + state.waiting + (state.gatewayDown ? 1 : 0) + state.channelsDown.length;
    const badge = alertPrefs.get().badge === 'yes' && count > 0;
    platform().setTitle(badge ? `(${count}) ${BASE_TITLE}` : BASE_TITLE);
    platform().setIcon(badge ? badgeIcon(count) : '/favicon.svg');
  };
  const offs = [
    alertState.listen((state) => {
      const translate = text.get();
      if (state.latestFailure && state.latestFailure !== previous.latestFailure) {
        if (!pageVisible.get()) unseenFailures += 1;
        // A watched session's own notice tells it, with a click that opens the session.
        if (!watchedTells(state.latestFailure))
          notify(
            translate('alerts.runFailed'),
            `${state.latestFailure.sessionKey}: ${state.latestFailure.error?.message ?? ''}`,
          );
      }
      if (state.waiting > previous.waiting)
        notify(
          translate('alerts.approval'),
          translate('alerts.approvalBody', { count: state.waiting }),
          openNewestApproval,
        );
      if (state.gatewayDown && !previous.gatewayDown)
        notify(translate('alerts.down'), connectionState.get().url);
      const newlyDown = state.channelsDown.filter((c) => !previous.channelsDown.includes(c));
      if (newlyDown.length) notify(translate('alerts.channelDown'), newlyDown.join(', '));
      previous = state;
      render();
    }),
    runs.listen(notifyMyRunsEnded),
    watchWatchedSessions(notify),
    pageVisible.listen((visible) => {
      if (visible) unseenFailures = 0;
      render();
    }),
    alertPrefs.listen(render),
  ];
  render();
  return () => {
    offs.forEach((off) => off());
    platform().setTitle(BASE_TITLE);
  };
}

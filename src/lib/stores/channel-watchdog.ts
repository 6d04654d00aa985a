import { persistentMap } from '@nanostores/persistent';
import { atom, readonlyType } from 'nanostores';
import catalogue from '../../i18n/pages/channels';
import { actorName } from './announce';
import { readChannelActivity } from './activity-channels';
import { alertPrefs } from './alert-prefs';
import { channelAlarms, type ChannelAlarm } from './channel-alarm';
import { channelAccounts, type AccountState } from './channel-accounts';
import { findAlarms, mayAutoRestart, observe, type TimelineEntry } from './channel-outage';
import { restartChannel } from './channel-restart';
import { gatewaySettings, isLive } from './connection';
import { can } from './gateway-session';
import { channels } from './health';
import { pageText } from './i18n';
import { platform } from './platform';
import { router } from './router';

/**
 * The channel watchdog: keeps `channels.status` fresh (there is no channel event; it is re-read
 * on `health` and every POLL_MS), records when each account was seen going down and up, raises an
 * alarm for an account that is down or (when this display asks) has had no inbound message for
 * N minutes, notifies once per new alarm, and, only where this display enabled it, restarts the
 * account itself at most once per AUTO_RESTART_GAP_MS per account.
 */

/** What this display asks of the watchdog (per display, like the other alerts). */
export const channelWatchPrefs = persistentMap<{ quietMinutes: string; autoRestart: string }>(
  'openclaw-console:channel-watch:',
  { quietMinutes: '', autoRestart: '' },
);

/** How often the accounts are re-read while watching. */
export const POLL_MS = 15_000;
/** How often the activity ledger is read for inbound messages (only while "quiet" is on). */
export const LEDGER_MS = 60_000;

const $seen = atom<ReadonlyMap<string, TimelineEntry[]>>(new Map());
/** What this console saw of each account going down and up, by account key. */
export const channelSightings = readonlyType($seen);

const text = pageText(catalogue);

/** The quiet threshold in milliseconds (0: off). */
export function quietMs(): number {
  const minutes = Number(channelWatchPrefs.get().quietMinutes);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0;
}

function notify(alarm: ChannelAlarm): void {
  if (alertPrefs.get().notify !== 'yes') return;
  // The alert watcher already tells of a channel the health snapshot names as down.
  const healthDown = channels.get().some((c) => c.ok === false && c.id === alarm.channel);
  if (alarm.reason === 'down' && healthDown) return;
  const name = `${alarm.label} · ${alarm.accountId}`;
  platform().notifications.show(text.get()(`channels.notify.${alarm.reason}`), {
    body: name,
    tag: `channel-watch:${alarm.key}`,
    onClick: () => router.open('/'),
  });
}

/** Starts watching the current gateway's channel accounts; returns the stopper. */
export function watchChannels(): () => void {
  let previous = new Map<string, AccountState>();
  let ledger = new Map<string, number>();
  let ledgerAt = 0;
  const watchingSince = Date.now();
  const autoAt = new Map<string, number>();
  let alarmed = new Set<string>();

  const readLedger = async () => {
    const window = quietMs();
    if (!window || !can.get()('audit.activity.list') || Date.now() - ledgerAt < LEDGER_MS) return;
    ledgerAt = Date.now();
    try {
      const report = await readChannelActivity(Date.now() - window);
      ledger = new Map(
        [...report.channels].flatMap(([id, facts]) =>
          facts.lastInboundAt ? [[id, facts.lastInboundAt] as const] : [],
        ),
      );
    } catch {
      // The ledger is a second opinion; channels.status still has lastInboundAt.
    }
  };

  const judge = () => {
    const state = channelAccounts.get();
    if (!isLive.get() || !state.loaded) return channelAlarms.set([]);
    const now = Date.now();
    const accounts = state.value;
    $seen.set(observe($seen.get(), previous, accounts, now));
    previous = new Map(accounts.map((a) => [a.key, a.state]));
    const alarms = findAlarms(accounts, $seen.get(), {
      now,
      quietMs: quietMs(),
      watchingSince,
      ledger,
    });
    channelAlarms.set(alarms);
    const fresh = alarms.filter((alarm) => !alarmed.has(`${alarm.key}|${alarm.reason}`));
    alarmed = new Set(alarms.map((alarm) => `${alarm.key}|${alarm.reason}`));
    fresh.forEach(notify);
    autoRestart(alarms, now);
  };

  const autoRestart = (alarms: readonly ChannelAlarm[], now: number) => {
    if (channelWatchPrefs.get().autoRestart !== 'yes') return;
    if (gatewaySettings.get().observer === 'yes') return;
    if (!can.get()('channels.stop') || !can.get()('channels.start')) return;
    for (const alarm of alarms) {
      if (!mayAutoRestart(autoAt, alarm.key, now)) continue;
      const account = channelAccounts.get().value.find((a) => a.key === alarm.key);
      if (!account) continue;
      autoAt.set(alarm.key, now);
      void restartChannel(account, actorName.get(), 'watchdog');
    }
  };

  const tick = () => {
    if (!isLive.get()) return;
    void channelAccounts.refresh();
    void readLedger().then(judge);
  };
  const timer = setInterval(tick, POLL_MS);
  const offs = [
    // Kept observed so the health snapshot's own verdict is current (the alert watcher does too).
    channels.listen(() => {}),
    channelAccounts.subscribe(judge),
    channelWatchPrefs.listen(() => {
      ledgerAt = 0;
      void readLedger().then(judge);
    }),
    isLive.listen((live) => {
      // Another gateway (or the same one back) starts a fresh picture.
      if (!live) previous = new Map();
      judge();
    }),
  ];
  return () => {
    clearInterval(timer);
    offs.forEach((off) => off());
    channelAlarms.set([]);
  };
}

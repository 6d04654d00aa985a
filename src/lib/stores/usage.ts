import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, computed, onMount } from 'nanostores';
import { gatewayCollection, type Collection } from './collection';
import { onGatewayEvent } from './gateway-session';
import { shownLocale } from './i18n';
import { loadUsage } from './usage-load';
import { isRecord } from './validate';
import type { UsageReport } from './usage-report';

/** The ranges the page offers, in days. */
export const USAGE_RANGES = [7, 30] as const;
/** One of the ranges the page offers. */
export type UsageDays = (typeof USAGE_RANGES)[number];

/** The range on screen. */
export const usageDays = atom<UsageDays>(7);

/** How long after a run's `final` the numbers are read again (several runs ending together read once). */
export const FINAL_DEBOUNCE_MS = 2_000;
/** How long the gateway keeps a computed answer (its usage cache TTL, 30 s, plus a margin). */
export const GATEWAY_CACHE_MS = 31_000;
/** How soon to ask again while the gateway says it is still refreshing its numbers. */
export const REFRESHING_RETRY_MS = 3_000;
/** Most reads in a row made only because an answer was not yet up to date. */
export const MAX_FOLLOW_UPS = 6;

/**
 * Keeps one range's numbers live without polling: a run's `final` event asks for a read after
 * a pause; an answer the gateway marks as still refreshing, or one it served from its 30 s
 * cache from before the run ended, is read once more when it can have changed; and no more
 * than `MAX_FOLLOW_UPS` of those in a row.
 */
function keepLive(report: Collection<UsageReport | undefined>): void {
  onMount(report, () => {
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let followUp: ReturnType<typeof setTimeout> | undefined;
    let follows = 0;
    // The gateway's time of the newest run end not yet seen in an answer (0: none pending).
    let pendingSince = 0;
    // When each computation time was first seen here: the cache keeps it at most 30 s after.
    let seenAt = { updatedAt: -1, at: 0 };

    const later = (ms: number) => {
      clearTimeout(followUp);
      if (follows >= MAX_FOLLOW_UPS) return;
      follows += 1;
      followUp = setTimeout(() => void report.refresh(), ms);
    };
    const onFinal = (frame: EventFrame) => {
      const payload = isRecord(frame.payload) ? frame.payload : {};
      if (payload.state !== 'final') return;
      const message = isRecord(payload.message) ? payload.message : {};
      const endedAt = typeof message.timestamp === 'number' ? message.timestamp : 0;
      const known = report.get().value?.updatedAt ?? 0;
      pendingSince = Math.max(pendingSince, endedAt || known + 1);
      follows = 0;
      clearTimeout(debounce);
      debounce = setTimeout(() => void report.refresh(), FINAL_DEBOUNCE_MS);
    };
    const onAnswer = (value: UsageReport | undefined) => {
      if (!value) return;
      if (value.updatedAt !== seenAt.updatedAt)
        seenAt = { updatedAt: value.updatedAt, at: Date.now() };
      if (!value.complete) return later(REFRESHING_RETRY_MS);
      if (pendingSince && value.updatedAt < pendingSince) {
        return later(Math.max(REFRESHING_RETRY_MS, seenAt.at + GATEWAY_CACHE_MS - Date.now()));
      }
      pendingSince = 0;
      follows = 0;
    };
    const offs = [
      onGatewayEvent('chat', onFinal),
      report.listen((state, old) => {
        // A new answer is a new value; two answers can share a millisecond (receivedAt).
        if (state.value !== old?.value) onAnswer(state.value);
      }),
    ];
    return () => {
      clearTimeout(debounce);
      clearTimeout(followUp);
      offs.forEach((off) => off());
    };
  });
}

const reports = new Map<UsageDays, Collection<UsageReport | undefined>>();

/** One range's usage, live while observed (`usage.cost` decides whether the page can show any). */
export function usageReport(days: UsageDays): Collection<UsageReport | undefined> {
  let report = reports.get(days);
  if (!report) {
    report = gatewayCollection<UsageReport | undefined>({
      method: 'usage.cost',
      initial: undefined,
      load: () => loadUsage(days),
    });
    keepLive(report);
    reports.set(days, report);
  }
  return report;
}

/** Money in US dollars (kept in `money.ts` so views without charts need not load this module). */
export { formatCost } from './money';

/** Token counts, grouped by the language's rules (and short where space is tight). */
export const formatTokens = computed(shownLocale, (lang) => {
  const whole = new Intl.NumberFormat(lang);
  const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 });
  return (tokens: number, short = false) => (short ? compact : whole).format(tokens);
});

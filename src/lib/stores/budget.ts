/**
 * Spend budgets kept in this browser, per gateway URL (a profile is a URL with a name, so two
 * profiles of one gateway share its budget), and the current gateway's spend against its budget.
 */
import { persistentAtom } from '@nanostores/persistent';
import { atom, computed, onMount } from 'nanostores';
import {
  budgetLevels,
  finalCost,
  monthParams,
  readBudget,
  readSpend,
  worstLevel,
  type Budget,
  type Spend,
} from './budget-levels';
import { gatewayCollection } from './collection';
import { connectionState } from './connection';
import { gatewayHello, onGatewayEvent, request } from './gateway-session';
import { isRecord } from './validate';

/** Every gateway's budget, by URL. */
export const budgets = persistentAtom<Record<string, Budget>>(
  'openclaw-console:budgets',
  {},
  {
    encode: JSON.stringify,
    decode: (value) => {
      try {
        const parsed: unknown = JSON.parse(value);
        if (!isRecord(parsed)) return {};
        return Object.fromEntries(Object.entries(parsed).map(([url, b]) => [url, readBudget(b)]));
      } catch {
        return {};
      }
    },
  },
);

/** A gateway's budget (no limits when none was set). */
export function budgetFor(all: Record<string, Budget>, url: string): Budget {
  return Object.hasOwn(all, url) ? all[url]! : readBudget(undefined);
}

/** Whether a budget limits anything. */
export const hasLimit = (budget: Budget) => !!(budget.daily || budget.monthly);

/** Saves a gateway's budget (cleaned) and re-reads the spend against it. */
export function saveBudget(url: string, budget: Budget): void {
  budgets.set({ ...budgets.get(), [url]: readBudget(budget) });
  incompleteReads = 0;
  void spendNow.refresh();
}

async function loadSpend(): Promise<Spend | undefined> {
  // Nothing is asked of a gateway without a budget: the badge costs nothing until one is set.
  if (!hasLimit(budgetFor(budgets.get(), connectionState.get().url))) return undefined;
  const { range, params } = monthParams(Date.now(), (gatewayHello.get()?.protocol ?? 4) < 4);
  const spend = readSpend(await request('usage.cost', params), range.startDate, range.endDate);
  // The gateway answers "still counting" with zeros at first: ask again shortly, a few times.
  if (!spend.complete && incompleteReads < MAX_INCOMPLETE_READS) {
    incompleteReads += 1;
    setTimeout(() => void spendNow.refresh(), 3_000);
  } else if (spend.complete) incompleteReads = 0;
  return spend;
}
let incompleteReads = 0;
/** Reads in a row made only because the gateway was still counting. */
const MAX_INCOMPLETE_READS = 6;

/** How long after a run ends its cost is read (several runs ending together read once). */
const SPEND_DEBOUNCE_MS = 2_000;
/** The gateway's usage cache lifetime plus a margin: a read after it sees the newest runs. */
const SPEND_CACHE_MS = 31_000;
/**
 * Spend is read again this often while watched, whatever happened: runs this console never
 * hears end (another gateway client's, a scheduled job's) cost money too. One request a minute,
 * and none without a budget.
 */
const SPEND_POLL_MS = 60_000;

/** The current gateway's spend today and this month, live while observed. */
export const spendNow = gatewayCollection<Spend | undefined>({
  method: 'usage.cost',
  initial: undefined,
  load: loadSpend,
});

const $recent = atom<readonly { at: number; cost: number }[]>([]);
/** What runs on the current gateway cost as their final events said, over the last hour. */
export const recentCosts = computed($recent, (list) => list);

onMount(spendNow, () => {
  const timers: ReturnType<typeof setTimeout>[] = [];
  const off = onGatewayEvent('chat', (frame) => {
    if (!isRecord(frame.payload) || frame.payload.state !== 'final') return;
    const cost = finalCost(frame.payload);
    const now = Date.now();
    if (cost)
      $recent.set([...$recent.get().filter((r) => now - r.at < 3_600_000), { at: now, cost }]);
    timers.splice(0).forEach(clearTimeout);
    // A new run's cost may need a few "still counting" answers again before it shows.
    incompleteReads = 0;
    timers.push(setTimeout(() => void spendNow.refresh(), SPEND_DEBOUNCE_MS));
    timers.push(setTimeout(() => void spendNow.refresh(), SPEND_CACHE_MS));
  });
  const poll = setInterval(() => void spendNow.refresh(), SPEND_POLL_MS);
  return () => {
    off();
    clearInterval(poll);
    timers.forEach(clearTimeout);
  };
});

/** The current gateway's budget levels (empty without a budget or before spend is read). */
export const currentLevels = computed([budgets, connectionState, spendNow], (all, conn, spend) =>
  spend.value ? budgetLevels(budgetFor(all, conn.url), spend.value) : [],
);

/** The current gateway's worst reached threshold, for the nav badge and the notification. */
export const budgetWarning = computed(currentLevels, worstLevel);

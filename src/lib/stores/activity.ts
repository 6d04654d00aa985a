import { atom, type ReadableAtom } from 'nanostores';
import { describeError } from '../gateway/outcome';
import {
  activityHref,
  filterParams,
  readFilters,
  sameFilters,
  type ActivityFilters,
} from './activity-filters';
import {
  LEDGER_LAG_MS,
  readActivityPage,
  type ActivityItem,
  type ActivityPage,
} from './activity-items';
import { markSeen, seenFor, type SeenMark } from './activity-seen';
import { clock } from './clock';
import { connectionState } from './connection';
import { onConnected, onGatewayEvent, request, whyNot, type Unavailable } from './gateway-session';
import { createPage, type PageInstance } from './page';
import { router } from './router';
import { pageVisible } from './visibility';

const METHOD = 'audit.activity.list';

/** What the activity page shows. */
export interface ActivityState {
  filters: ActivityFilters;
  items: ActivityItem[];
  /** The gateway's cursor to older rows (absent: the oldest is shown). */
  nextCursor?: string;
  loading: boolean;
  loadingOlder: boolean;
  loaded: boolean;
  error?: string;
  unavailable?: Unavailable;
  /** Newer rows held back until asked for ("N new — show"); `more`: even more than that. */
  waiting: { count: number; more: boolean };
  /** Rows newer than this were not on screen when the display last looked. */
  mark?: SeenMark;
}

/** The activity page: its state and actions. */
export interface ActivityPageInstance extends PageInstance {
  state: ReadableAtom<ActivityState>;
  /** Changes filters (the address follows, so the view can be bookmarked). */
  setFilters(change: Partial<ActivityFilters>): void;
  /** Loads the next older page by the gateway's cursor. */
  loadOlder(): Promise<void>;
  /** Puts the newer rows that are waiting at the top. */
  showNew(): void;
  /** Asks the gateway again from the newest row. */
  reload(): Promise<void>;
}

const fromAddress = () => readFilters(router.get()?.search ?? {});

/** Builds the activity page; filters start from the address (`/activity?status=failed`). */
export function buildActivityPage(options: { peekDelayMs?: number } = {}): ActivityPageInstance {
  const gateway = connectionState.get().url;
  let state: ActivityState = {
    filters: fromAddress(),
    items: [],
    loading: false,
    loadingOlder: false,
    loaded: false,
    waiting: { count: 0, more: false },
    mark: seenFor(gateway),
  };
  const $state = atom(state);
  const patch = (change: Partial<ActivityState>) => $state.set((state = { ...state, ...change }));
  // Each first-page load gets a number; an answer for older filters is dropped.
  let generation = 0;
  let held: ActivityPage | undefined;
  let peekTimer: ReturnType<typeof setTimeout> | undefined;

  const ask = (cursor?: string) =>
    request(METHOD, { ...filterParams(state.filters, clock.get()), ...(cursor ? { cursor } : {}) });

  const recordSeen = () => {
    const top = state.items[0];
    if (!top || !pageVisible.get()) return;
    // The unfiltered newest row is older than what was seen: this ledger started again (a new
    // state database at the same address), so what was seen says nothing about it.
    const reset =
      activityHref(state.filters) === '/activity' &&
      top.sequence < (seenFor(gateway)?.sequence ?? -Infinity);
    markSeen(gateway, top.sequence, clock.get(), reset);
  };

  async function reload(): Promise<void> {
    const mine = ++generation;
    clearTimeout(peekTimer);
    held = undefined;
    const unavailable = whyNot.get()(METHOD);
    if (unavailable)
      return patch({ unavailable, loading: false, waiting: { count: 0, more: false } });
    patch({ loading: true, unavailable: undefined });
    try {
      const page = readActivityPage(await ask());
      if (mine !== generation) return;
      patch({
        ...page,
        loading: false,
        loaded: true,
        error: undefined,
        waiting: { count: 0, more: false },
      });
      recordSeen();
    } catch (error) {
      if (mine === generation) patch({ error: describeError(error), loading: false });
    }
  }

  async function loadOlder(): Promise<void> {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingOlder) return;
    const mine = generation;
    patch({ loadingOlder: true });
    try {
      const page = readActivityPage(await ask(cursor));
      if (mine !== generation) return;
      // Keyed by event id: a row that moved between pages shows once.
      const byId = new Map(state.items.map((item) => [item.id, item]));
      for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
      patch({ items: [...byId.values()], nextCursor: page.nextCursor, loadingOlder: false });
    } catch (error) {
      if (mine === generation) patch({ error: describeError(error), loadingOlder: false });
    }
  }

  // Something happened: ask for the first page again, but hold newer rows back instead of
  // moving the list under the reader's eyes.
  async function peek(): Promise<void> {
    if (!state.loaded || state.loading || whyNot.get()(METHOD)) return;
    const mine = generation;
    try {
      const page = readActivityPage(await ask());
      if (mine !== generation) return;
      const top = state.items[0]?.sequence ?? -Infinity;
      const newer = page.items.filter((item) => item.sequence > top);
      if (!state.items.length) return void patch({ ...page, waiting: { count: 0, more: false } });
      held = page;
      patch({
        waiting: {
          count: newer.length,
          more: newer.length === page.items.length && !!page.nextCursor,
        },
      });
    } catch {
      // A failed peek changes nothing; the next event or a reload asks again.
    }
  }

  const schedulePeek = () => {
    clearTimeout(peekTimer);
    peekTimer = setTimeout(() => void peek(), options.peekDelayMs ?? LEDGER_LAG_MS);
  };

  function showNew(): void {
    if (!held) return;
    const page = held;
    held = undefined;
    const top = state.items[0]?.sequence ?? -Infinity;
    const newer = page.items.filter((item) => item.sequence > top);
    if (state.waiting.more) {
      // More came than one page holds: start again from the newest page (no gap in the list).
      patch({ ...page, waiting: { count: 0, more: false } });
    } else {
      const ids = new Set(newer.map((item) => item.id));
      patch({
        items: [...newer, ...state.items.filter((i) => !ids.has(i.id))],
        waiting: { count: 0, more: false },
      });
    }
    recordSeen();
  }

  const setFilters = (change: Partial<ActivityFilters>) => {
    const next = { ...state.filters, ...change };
    if (sameFilters(next, state.filters)) return;
    router.open(activityHref(next), true);
  };

  const ended = (frame: { payload?: unknown }) => {
    const payload = frame.payload as {
      state?: unknown;
      stream?: unknown;
      data?: { phase?: unknown };
    };
    if (['final', 'error', 'aborted'].includes(String(payload?.state))) schedulePeek();
    else if (
      payload?.stream === 'lifecycle' &&
      ['end', 'error'].includes(String(payload.data?.phase))
    )
      schedulePeek();
  };

  const offs = [
    router.listen((at) => {
      if (at?.route !== 'activity' || sameFilters(fromAddress(), state.filters)) return;
      patch({ filters: fromAddress(), items: [], nextCursor: undefined, loaded: false });
      void reload();
    }),
    onConnected(() => void reload()),
    onGatewayEvent('chat', ended),
    onGatewayEvent('agent', ended),
    onGatewayEvent('sessions.changed', schedulePeek),
    pageVisible.listen((visible) => {
      // Back after looking away: the divider moves to what was on screen when last seen.
      if (visible) patch({ mark: seenFor(gateway) });
      recordSeen();
    }),
  ];
  void reload();

  return {
    state: $state,
    setFilters,
    loadOlder,
    showNew,
    reload,
    exit: () => {
      generation += 1;
      clearTimeout(peekTimer);
      offs.forEach((off) => off());
    },
  };
}

/** The activity page while the router is on /activity and something shows it. */
export const activityPage = createPage('activity', () => buildActivityPage());

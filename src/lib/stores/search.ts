import { atom, type ReadableAtom } from 'nanostores';
import { describeError } from '../gateway/outcome';
import { onConnected, request, whyNot, type Unavailable } from './gateway-session';
import { createPage, type PageInstance } from './page';
import { router } from './router';
import { readSearchReply, type SearchReply } from './search-hits';

/** How long typing must pause before the gateway is asked. */
export const SEARCH_DEBOUNCE_MS = 300;
/** The longest query the gateway accepts. */
export const MAX_QUERY = 4_096;
/** The most hits one search returns (the gateway's own limit). */
const LIMIT = 25;

/** The search page's state: the words typed, and what the gateway found for the last words asked. */
export interface SearchState {
  /** What is in the box (and the address). */
  query: string;
  /** The words the results are for (undefined: nothing searched yet). */
  searched?: string;
  reply?: SearchReply;
  loading: boolean;
  error?: string;
  unavailable?: Unavailable;
}

/** The search page: its state, and the words typed. */
export interface SearchPage extends PageInstance {
  state: ReadableAtom<SearchState>;
  /** Sets the words (debounced search, address kept in step). */
  setQuery(text: string): void;
  /** Searches the current words now (Enter). */
  submit(): void;
}

/** The address of a search, for links and the address bar. */
export function searchHref(query: string): string {
  return query ? `/search?q=${encodeURIComponent(query)}` : '/search';
}

const fromAddress = () => (router.get()?.search?.q ?? '').slice(0, MAX_QUERY);

/** Builds the search page; the words start from the address (`/search?q=…`). */
export function buildSearchPage(options: { debounceMs?: number } = {}): SearchPage {
  let state: SearchState = { query: fromAddress(), loading: false };
  const $state = atom(state);
  const patch = (change: Partial<SearchState>) => $state.set((state = { ...state, ...change }));
  // Each search (and each change of words) gets a number; only the newest one's answer counts.
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run(): Promise<void> {
    clearTimeout(timer);
    const mine = ++generation;
    const query = state.query.trim();
    const reason = whyNot.get()('sessions.search');
    if (!query || reason) {
      // Said before anything is typed too: an older gateway has no transcript search at all.
      return patch({ searched: undefined, reply: undefined, loading: false, unavailable: reason });
    }
    patch({ loading: true, unavailable: undefined });
    try {
      // `scope: {}` searches every session this operator may see, and returns their rows (titles).
      const payload = await request('sessions.search', { query, limit: LIMIT, scope: {} });
      if (mine !== generation) return;
      patch({ searched: query, reply: readSearchReply(payload), error: undefined, loading: false });
    } catch (error) {
      if (mine === generation) patch({ error: describeError(error), loading: false });
    }
  }

  const setQuery = (text: string) => {
    const query = text.slice(0, MAX_QUERY);
    if (query === state.query) return;
    // Older answers are for other words now.
    generation += 1;
    patch({ query, loading: query.trim() !== '' });
    // Replaces the address (not a new history entry per keystroke), so the search is bookmarkable.
    if (fromAddress() !== query) router.open(searchHref(query), true);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), options.debounceMs ?? SEARCH_DEBOUNCE_MS);
  };

  const offs = [
    // Back and forward between searches: follow the address.
    router.listen((at) => {
      if (at?.route === 'search' && fromAddress() !== state.query) {
        patch({ query: fromAddress() });
        void run();
      }
    }),
    // A (re)connection may bring the method, or answer what failed while offline.
    onConnected(() => void (state.searched !== state.query.trim() || state.error ? run() : 0)),
  ];
  void run();

  return {
    state: $state,
    setQuery,
    submit: () => void run(),
    exit: () => {
      generation += 1;
      clearTimeout(timer);
      offs.forEach((off) => off());
    },
  };
}

/** The search page while the router is on /search and something shows it. */
export const searchPage = createPage('search', () => buildSearchPage());

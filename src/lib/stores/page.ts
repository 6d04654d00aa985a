import { atom, onMount, type ReadableAtom } from 'nanostores';
import { router } from './router';

/** What a page's builder returns: its stores and actions, and how to let go of them. */
export interface PageInstance {
  /** Releases what the page holds (subscriptions, loads); called when the route is left. */
  exit(): void;
}

type Routes = NonNullable<ReturnType<typeof router.get>>;
type RouteName = Routes['route'];
type ParamsOf<R extends RouteName> = Extract<Routes, { route: R }>['params'];

/**
 * A page as a store (Slow Reader's `createPage`): while observed and while the router is on
 * `route`, it holds what `builder(params)` made for the current params; other params build
 * a new one, and leaving the route (or nobody observing) calls `exit()` on the old one.
 */
export function createPage<R extends RouteName, P extends PageInstance>(
  route: R,
  builder: (params: ParamsOf<R>) => P,
): ReadableAtom<P | undefined> {
  const $page = atom<P | undefined>(undefined);
  onMount($page, () => {
    let current: { id: string; page: P } | undefined;
    const leave = () => {
      current?.page.exit();
      current = undefined;
    };
    const off = router.subscribe((at) => {
      const id = at?.route === route ? JSON.stringify(at.params) : undefined;
      if (id === current?.id) return;
      leave();
      if (at && id !== undefined) current = { id, page: builder(at.params as ParamsOf<R>) };
      $page.set(current?.page);
    });
    return () => {
      off();
      leave();
      $page.set(undefined);
    };
  });
  return $page;
}

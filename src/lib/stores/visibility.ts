import { atom, onMount, type ReadableAtom } from 'nanostores';
import { platform } from './platform';

/** Whether the page is visible (false in a background tab or a minimised window). */
export const pageVisible = atom(true);

onMount(pageVisible, () => {
  const env = platform();
  pageVisible.set(env.isVisible());
  return env.listen('document', 'visibilitychange', () => pageVisible.set(env.isVisible()));
});

/** Renders that happen while hidden can be forced on (a wallboard that must keep drawing). */
export const renderWhileHidden = atom(false);

/**
 * A view of a store that holds still while the page is hidden, so components
 * subscribed to it do no rendering work in a background tab, and catches up
 * with one update when the page is shown again.
 */
export function whileVisible<T>(source: ReadableAtom<T>): ReadableAtom<T> {
  const $view = atom<T>(source.get());
  onMount($view, () => {
    const sync = () => {
      if (pageVisible.get() || renderWhileHidden.get()) $view.set(source.get());
    };
    sync();
    const offs = [source.listen(sync), pageVisible.listen(sync), renderWhileHidden.listen(sync)];
    return () => offs.forEach((off) => off());
  });
  return $view;
}

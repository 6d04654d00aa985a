import { atom, onMount } from 'nanostores';
import { pageVisible, renderWhileHidden } from './visibility';

/** The current time, ticking once a second while anything shows relative times and the page is seen. */
export const clock = atom(Date.now());

onMount(clock, () => {
  let timer: ReturnType<typeof setInterval> | undefined;
  // A hidden tab gets no ticks (no re-render of every "12 s ago"); showing it catches up at once.
  const schedule = () => {
    clearInterval(timer);
    timer = undefined;
    clock.set(Date.now());
    if (pageVisible.get() || renderWhileHidden.get()) {
      timer = setInterval(() => clock.set(Date.now()), 1_000);
    }
  };
  schedule();
  const offs = [pageVisible.listen(schedule), renderWhileHidden.listen(schedule)];
  return () => {
    clearInterval(timer);
    offs.forEach((off) => off());
  };
});

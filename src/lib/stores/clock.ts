import { atom, onMount } from 'nanostores';

/** The current time, ticking once a second while anything shows relative times. */
export const clock = atom(Date.now());

onMount(clock, () => {
  clock.set(Date.now());
  const timer = setInterval(() => clock.set(Date.now()), 1_000);
  return () => clearInterval(timer);
});

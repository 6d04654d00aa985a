import { atom, readonlyType, type ReadableAtom } from 'nanostores';

/** How long an armed action waits for its confirming press. */
export const CONFIRM_WINDOW_MS = 5_000;

/** A deliberate second step for destructive or privilege-granting actions. */
export interface TwoStep {
  /** The item waiting for its confirming press, if any. */
  armed: ReadableAtom<string | undefined>;
  /** First press arms `id`; a second press on the same id within the window runs `action`. */
  press: (id: string, action: () => void) => void;
  /** Disarms (Escape, or the item went away). */
  cancel: () => void;
}

/**
 * One click on a framed or overlaid page can be stolen (clickjacking) or slip; a
 * second, deliberate press on a button that now names exactly what it grants cannot
 * be had by accident. One item is armed at a time, so a press never confirms another.
 */
export function twoStep(windowMs = CONFIRM_WINDOW_MS): TwoStep {
  const $armed = atom<string | undefined>(undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    $armed.set(undefined);
  };
  return {
    armed: readonlyType($armed),
    press(id, action) {
      if ($armed.get() === id) {
        cancel();
        action();
        return;
      }
      clearTimeout(timer);
      $armed.set(id);
      timer = setTimeout(cancel, windowMs);
    },
    cancel,
  };
}

/**
 * `next`, or `previous` when both hold the same items in the same order: a store or derived that
 * returns it keeps its old value, so nothing downstream runs for a list that did not change.
 */
export function keepIfSame<T>(previous: readonly T[], next: readonly T[]): readonly T[] {
  const same = next.length === previous.length && next.every((item, i) => item === previous[i]);
  return same ? previous : next;
}

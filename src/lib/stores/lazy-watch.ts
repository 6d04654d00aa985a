/**
 * Starts a watcher whose module loads on demand (after the first view); returns its stopper,
 * which may be called before the module has arrived (then the watcher never starts).
 */
export function startLazily(load: () => Promise<() => () => void>): () => void {
  let stop: (() => void) | undefined;
  let left = false;
  void load().then((start) => {
    if (!left) stop = start();
  });
  return () => {
    left = true;
    stop?.();
  };
}

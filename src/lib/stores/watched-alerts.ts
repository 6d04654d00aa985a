/**
 * The notices of "a session I watch" (see watched-sessions.ts): the alert watcher starts this
 * one, so neither the session page nor the first view loads it.
 */
import catalogue from '../../i18n/pages/watched-alerts';
import { pageText } from './i18n';
import { myRuns } from './my-runs';
import { openSessionPage } from './router';
import { runs } from './run-map';
import { pageVisible } from './visibility';
import { watchedHere, watchedSessions } from './watched-sessions';

const TITLE = {
  final: 'watched.done',
  error: 'watched.failed',
  aborted: 'watched.stopped',
} as const;

type Notify = (title: string, body: string, onClick: () => void) => void;

/**
 * Tells `notify` (which honours the display's alert preferences) of every run in a watched
 * session that ends while the page is hidden. A run this page started and that finished or was
 * stopped is left to the "your run" notice. Returns the stopper.
 */
export function watchWatchedSessions(notify: Notify): () => void {
  const text = pageText(catalogue);
  let before = runs.get();
  return runs.listen((all) => {
    const previous = before;
    before = all;
    if (watchedSessions.get().length === 0 || pageVisible.get()) return;
    for (const [id, run] of all) {
      if (run.state === 'running' || previous.get(id) === run) continue;
      // Ended now: running before, or first heard of already ended (a run that failed at once);
      // an ended run stays ended today, and a later change to its record is not a second end.
      const was = previous.get(id)?.state;
      if (was !== undefined && was !== 'running') continue;
      if (!watchedHere(run.sessionKey)) continue;
      if (run.state !== 'error' && myRuns().has(id)) continue;
      const body = run.error?.message ? `${run.sessionKey}: ${run.error.message}` : run.sessionKey;
      notify(text.get()(TITLE[run.state]), body, () => openSessionPage(run.sessionKey));
    }
  });
}

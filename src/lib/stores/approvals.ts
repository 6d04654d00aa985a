import { atom, onMount, readonlyType } from 'nanostores';
import { afterFirstView } from './lazy-watch';

/** A waiting approval or agent question as a line on a board. */
export interface PendingApproval {
  id: string;
  kind: 'exec' | 'plugin' | 'question';
  summary: string;
  sessionKey?: string;
  createdAt?: number;
  expiresAt?: number;
}

const $pending = atom<PendingApproval[]>([]);

// The inbox (parsing every kind of request, history, decisions) is fetched once the first view
// shows live data: the badge and the wall need only this list, and the first view stays small.
onMount($pending, () => {
  let stop: (() => void) | undefined;
  let stopped = false;
  void afterFirstView()
    .then(() => import('./approvals-inbox'))
    .then(({ asks }) => {
      if (stopped) return;
      stop = asks.subscribe((state) =>
        $pending.set(
          state.waiting.map(({ id, kind, summary, sessionKey, createdAt, expiresAt }) => ({
            id,
            kind,
            summary,
            sessionKey,
            createdAt,
            expiresAt,
          })),
        ),
      );
    });
  return () => {
    stopped = true;
    stop?.();
  };
});

/** Waiting approvals and questions as a list, for boards and badges (soonest deadline first). */
export const pendingApprovals = readonlyType($pending);

/** The address of one approval or question on the approvals page (links and notifications). */
export function approvalHref(id: string): string {
  return `/approvals?id=${encodeURIComponent(id)}`;
}

import { computed } from 'nanostores';
import { asks } from './approvals-inbox';

/** A waiting approval or agent question as a line on a board. */
export interface PendingApproval {
  id: string;
  kind: 'exec' | 'plugin' | 'question';
  summary: string;
  sessionKey?: string;
  createdAt?: number;
  expiresAt?: number;
}

/** Everything the gateway is waiting on an operator for (see `approvals-inbox.ts`). */
export { asks as approvals } from './approvals-inbox';

/** Waiting approvals and questions as a list, for boards and badges (soonest deadline first). */
export const pendingApprovals = computed(asks, (state): PendingApproval[] =>
  state.waiting.map(({ id, kind, summary, sessionKey, createdAt, expiresAt }) => ({
    id,
    kind,
    summary,
    sessionKey,
    createdAt,
    expiresAt,
  })),
);

/** The address of one approval or question on the approvals page (links and notifications). */
export function approvalHref(id: string): string {
  return `/approvals?id=${encodeURIComponent(id)}`;
}

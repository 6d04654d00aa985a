import { atom, readonlyType } from 'nanostores';
import { attempt } from '../gateway/outcome';
import { request } from './gateway-session';

/** Where a Stop request stands: under way, or refused and why. */
export interface AbortState {
  pending: boolean;
  error?: string;
}

/** Stop requests remembered (their outcome shows on the run's card). */
const MAX_ABORTS = 50;

let state = new Map<string, AbortState>();
const $aborts = atom(state);
/** Stop requests by run id (or `session:<key>` for a whole session), newest last. */
export const aborts = readonlyType($aborts);

function set(id: string, value: AbortState): void {
  const next = new Map(state);
  next.delete(id);
  next.set(id, value);
  if (next.size > MAX_ABORTS) next.delete(next.keys().next().value as string);
  $aborts.set((state = next));
}

/** Asks the gateway to stop a run, or every run of a session when no run id is known (the `aborted` event may arrive first). */
export async function abortRun(sessionKey: string, runId?: string): Promise<void> {
  const id = runId ?? `session:${sessionKey}`;
  set(id, { pending: true });
  const params = runId === undefined ? { sessionKey } : { sessionKey, runId };
  const outcome = await attempt(() => request('chat.abort', params));
  set(id, outcome.ok ? { pending: false } : { pending: false, error: outcome.error });
}

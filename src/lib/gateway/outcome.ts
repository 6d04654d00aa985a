import { GatewayRequestError } from './errors';

/** What an action ended with: done, or why not in words a person can act on. */
export type Outcome = { ok: true } | { ok: false; error: string };

/** A human sentence for an error from a request: the gateway's words, with its code for reference. */
export function describeError(error: unknown): string {
  if (error instanceof GatewayRequestError) return `${error.message} (${error.code})`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Runs an action and returns its outcome instead of throwing, so every caller reports the same way. */
export async function attempt(action: () => Promise<unknown>): Promise<Outcome> {
  try {
    await action();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

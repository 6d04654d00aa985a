import { attempt, type Outcome } from '../gateway/outcome';
import { request } from './gateway-session';

/** Queues a system event for the main session (or a given one), optionally waking the agent. */
export function postSystemEvent(text: string, sessionKey?: string, wake = false): Promise<Outcome> {
  return attempt(() =>
    request('system-event', { text: text.trim(), ...(sessionKey ? { sessionKey } : {}), wake }),
  );
}

/** Sends a message out through a channel (`send`), with an idempotency key so a retry never sends twice. */
export function sendToChannel(input: {
  channel: string;
  to: string;
  message: string;
  idempotencyKey: string;
}): Promise<Outcome> {
  return attempt(() =>
    request('send', {
      to: input.to.trim(),
      message: input.message,
      ...(input.channel.trim() ? { channel: input.channel.trim() } : {}),
      idempotencyKey: input.idempotencyKey,
    }),
  );
}

import { describeError } from './chat';
import { request } from './connection';

/** The outcome of an operator action: undefined on success, else what went wrong in words. */
export type OperatorResult = string | undefined;

/** Queues a system event for the main session (or a given one), optionally waking the agent. */
export async function postSystemEvent(
  text: string,
  sessionKey?: string,
  wake = false,
): Promise<OperatorResult> {
  try {
    await request('system-event', {
      text: text.trim(),
      ...(sessionKey ? { sessionKey } : {}),
      wake,
    });
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** Sends a message out through a channel (`send`), with an idempotency key so a retry never sends twice. */
export async function sendToChannel(input: {
  channel: string;
  to: string;
  message: string;
  idempotencyKey: string;
}): Promise<OperatorResult> {
  try {
    await request('send', {
      to: input.to.trim(),
      message: input.message,
      ...(input.channel.trim() ? { channel: input.channel.trim() } : {}),
      idempotencyKey: input.idempotencyKey,
    });
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** A local Telegram Bot API stand-in (see bot-api.mjs). */
export interface BotApi {
  /** The `channels.telegram.apiRoot` to give the gateway. */
  apiRoot: string;
  bot: { id: number; username: string };
  /** Every method called, in order. */
  calls: { method: string; at: number }[];
  /** What the bot sent (sendMessage). */
  sent: { method: string; params: Record<string, unknown> }[];
  /** Methods the stub does not know (answered `true`). */
  unknown: Set<string>;
  /** Queues a private text message from a user for the next getUpdates. */
  deliverText(message: {
    text: string;
    fromId?: number;
    firstName?: string;
    username?: string;
  }): unknown;
  /** How many times a method was called. */
  count(method: string): number;
  close(): Promise<void>;
}

/** The longest a getUpdates long poll is held, in seconds. */
export const LONG_POLL_CAP_S: number;

/** Starts the stub on an ephemeral loopback port. */
export function startBotApi(options?: { log?: (line: string) => void }): Promise<BotApi>;

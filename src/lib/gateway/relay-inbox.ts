import type { RelayEvent } from './socket-relay';

/** A relay event other than a batch of frames. */
export type RelayNotice = Exclude<RelayEvent, { type: 'frames' }>;

/** What the inbox calls, and how it keeps time. */
export interface RelayInboxOptions {
  /** One frame for the protocol client. */
  frame: (data: string) => void;
  /** A batch is fully handed over: the worker may send the next. */
  batchDone: () => void;
  notice: (event: RelayNotice) => void;
  now: () => number;
  /** Runs `task` in a later task of its own. */
  defer: (task: () => void) => void;
  /** Work per task before the rest of a batch waits for a later task. */
  sliceMs: number;
}

/** The page's inbox for one socket worker. */
export interface RelayInbox {
  push: (event: RelayEvent) => void;
  /** Drops whatever is still waiting (the socket is gone). */
  clear: () => void;
}

/**
 * Hands the worker's events to the page in the order they were posted, a batch's frames in slices:
 * a batch never makes one task much longer than its slowest frame would alone, so a flood of
 * large frames leaves the page room to paint and answer input between them, as a socket on the
 * page itself would.
 */
export function createRelayInbox(options: RelayInboxOptions): RelayInbox {
  const { frame, batchDone, notice, now, defer, sliceMs } = options;
  let waiting: RelayEvent[] = [];
  let next = 0;

  const drain = () => {
    const start = now();
    while (waiting.length) {
      const event = waiting[0]!;
      if (event.type !== 'frames') {
        waiting.shift();
        notice(event);
        continue;
      }
      while (next < event.frames.length) {
        frame(event.frames[next++]!);
        if (next < event.frames.length && now() - start >= sliceMs) return later();
      }
      waiting.shift();
      next = 0;
      batchDone();
      if (waiting.length && now() - start >= sliceMs) return later();
    }
  };
  const later = () => defer(drain);

  return {
    push: (event) => {
      waiting.push(event);
      // Nothing was waiting (so no drain is deferred either): at once, in this task.
      if (waiting.length === 1) drain();
    },
    clear: () => {
      waiting = [];
      next = 0;
    },
  };
}

/** Runs tasks later through a MessageChannel: unlike timers, not clamped, nor throttled in a hidden tab. */
export function channelDefer(): (task: () => void) => void {
  let channel: MessageChannel | undefined;
  const tasks: Array<() => void> = [];
  return (task) => {
    // Made on first use: most sockets never have a batch worth slicing.
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => tasks.shift()?.();
    }
    tasks.push(task);
    channel.port2.postMessage(0);
  };
}

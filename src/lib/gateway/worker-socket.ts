import type {
  GatewayProtocolSocket,
  GatewayProtocolSocketHandlers,
} from '@openclaw/gateway-client/browser';
import { channelDefer, createRelayInbox, type RelayNotice } from './relay-inbox';
import type { RelayCommand, RelayEvent } from './socket-relay';
import type { SocketObserver } from './socket';

/** The protocol client's socket factory. */
export type SocketFactory = (handlers: GatewayProtocolSocketHandlers) => GatewayProtocolSocket;

/** Starts one socket worker (socket-worker.ts); injectable for tests. */
export type StartSocketWorker = () => Worker;

/** Work per task on a batch of frames before the rest waits for a later task (half a frame). */
const SLICE_MS = 8;

/** How a batch is sliced into tasks (injectable for tests). */
export interface SliceTiming {
  now: () => number;
  sliceMs: number;
  /** Runs a task later; a MessageChannel when absent. */
  defer?: (task: () => void) => void;
}

/** A listener's exception is reported like an event listener's, without losing the frames after it. */
function report(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

function isSocketUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') && !parsed.hash;
  } catch {
    return false;
  }
}

/**
 * Builds the protocol client's socket factory over a socket owned by a worker: the browser's
 * per-frame work (and a flood's queue) stays off the page's main thread, which takes frames in
 * batches. A worker that cannot start, or fails before it has said anything, leaves the socket to
 * `fallback` (the page's own WebSocket), so a browser or policy without module workers still
 * connects.
 */
export function workerSocketFactory(
  url: string,
  startWorker: StartSocketWorker,
  fallback: SocketFactory,
  observer: SocketObserver = {},
  timing: SliceTiming = { now: () => performance.now(), sliceMs: SLICE_MS },
): SocketFactory {
  return (handlers) => {
    // An address the browser would refuse throws here, as the page's own WebSocket does.
    if (!isSocketUrl(url)) return fallback(handlers);
    let worker: Worker;
    try {
      worker = startWorker();
    } catch {
      return fallback(handlers);
    }
    let heard = false;
    let open = false;
    let closed = false;
    let native: GatewayProtocolSocket | undefined;
    const command = (c: RelayCommand) => worker.postMessage(c);
    const finish = (code: number, reason: string) => {
      if (closed) return;
      closed = true;
      open = false;
      inbox.clear();
      worker.terminate();
      handlers.close(code, reason);
    };
    const inbox = createRelayInbox({
      frame: (data) => {
        observer.frame?.(data.length);
        try {
          handlers.message(data);
        } catch (error) {
          report(error);
        }
      },
      batchDone: () => !closed && command({ type: 'ack' }),
      notice: (event) => onNotice(event),
      now: timing.now,
      defer: timing.defer ?? channelDefer(),
      sliceMs: timing.sliceMs,
    });
    const onNotice = (event: RelayNotice) => {
      switch (event.type) {
        case 'open':
          open = true;
          observer.opened?.();
          return handlers.open();
        case 'error':
          return handlers.error(new Error(`WebSocket error on ${url}`));
        case 'close':
          return finish(event.code, event.reason);
        case 'violation':
          return observer.violation?.(event);
      }
    };
    worker.addEventListener('message', (event: MessageEvent<RelayEvent>) => {
      heard = true;
      if (!closed) inbox.push(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (closed) return;
      if (!heard) {
        // The worker never ran (blocked, or no module workers here): the page's own socket.
        closed = true;
        worker.terminate();
        native = fallback(handlers);
        return;
      }
      handlers.error(new Error(`WebSocket error on ${url}`));
      finish(1006, '');
    });
    command({ type: 'open', url });
    return {
      isOpen: () => (native ? native.isOpen() : open),
      send: (data) => (native ? native.send(data) : command({ type: 'send', data })),
      close: (code, reason) => {
        if (native) return native.close(code, reason);
        if (!closed) command({ type: 'close', code, reason });
      },
    };
  };
}

import { browserCloseArgs, type SocketPolicyViolation, type WebSocketConstructor } from './socket';

/** What the page asks of the socket worker. */
export type RelayCommand =
  | { type: 'open'; url: string }
  | { type: 'send'; data: string }
  | { type: 'close'; code?: number; reason?: string }
  /** The page has handled the last batch of frames: the next may come. */
  | { type: 'ack' };

/** What the socket worker tells the page, in the order it happened. */
export type RelayEvent =
  | { type: 'open' }
  /** Frames in arrival order, with when each arrived (epoch ms, for diagnostics and the bench). */
  | { type: 'frames'; frames: string[]; at: number[] }
  | { type: 'error' }
  | { type: 'close'; code: number; reason: string }
  /** The worker's CSP refused something (its socket, say): the page cannot see a worker's refusals. */
  | ({ type: 'violation' } & SocketPolicyViolation);

/** The relay's side of one socket worker: commands in, events out. */
export interface SocketRelay {
  command: (command: RelayCommand) => void;
}

/**
 * Owns one WebSocket off the page's main thread and hands its frames to the page in batches:
 * a frame arriving while the page is idle goes at once, alone; frames arriving while the page is
 * still busy with the last batch wait and go together once it says it is done. A quiet gateway
 * so costs one hop; a flood costs the page one task per batch instead of one per frame, and the
 * page never has more than one batch queued ahead of its rendering.
 */
export function createSocketRelay(
  post: (event: RelayEvent) => void,
  WebSocketImpl: WebSocketConstructor,
  now: () => number,
): SocketRelay {
  let ws: WebSocket | undefined;
  let frames: string[] = [];
  let at: number[] = [];
  let pageBusy = false;

  const flush = () => {
    if (!frames.length) return;
    post({ type: 'frames', frames, at });
    frames = [];
    at = [];
    pageBusy = true;
  };

  const open = (url: string) => {
    if (ws) return;
    let socket: WebSocket;
    try {
      socket = new WebSocketImpl(url);
    } catch {
      post({ type: 'error' });
      return post({ type: 'close', code: 1006, reason: '' });
    }
    ws = socket;
    socket.addEventListener('open', () => post({ type: 'open' }));
    socket.addEventListener('message', (event: MessageEvent) => {
      // The gateway only sends text frames; a binary frame is garbage we must not crash on.
      frames.push(typeof event.data === 'string' ? event.data : '');
      at.push(now());
      if (!pageBusy) flush();
    });
    socket.addEventListener('error', () => post({ type: 'error' }));
    socket.addEventListener('close', (event: CloseEvent) => {
      // Every frame that came before the close reaches the page before it.
      flush();
      post({ type: 'close', code: event.code, reason: event.reason });
    });
  };

  return {
    command: (command) => {
      switch (command.type) {
        case 'open':
          return open(command.url);
        case 'send':
          if (ws?.readyState === ws?.OPEN) ws?.send(command.data);
          return;
        case 'close': {
          const [code, reason] = browserCloseArgs(command.code, command.reason);
          return ws?.close(code, reason);
        }
        case 'ack':
          pageBusy = false;
          return flush();
      }
    },
  };
}

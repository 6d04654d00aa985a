import type {
  GatewayProtocolSocket,
  GatewayProtocolSocketHandlers,
} from '@openclaw/gateway-client/browser';

/** A CSP refusal, as a `securitypolicyviolation` event reports it. */
export interface SocketPolicyViolation {
  directive: string;
  blockedURI: string;
  policy: string;
}

/** What a `securitypolicyviolation` event (on a page or in a worker) says was refused. */
export function policyViolationOf(event: SecurityPolicyViolationEvent): SocketPolicyViolation {
  return {
    directive: event.effectiveDirective || event.violatedDirective,
    blockedURI: event.blockedURI,
    policy: event.originalPolicy,
  };
}

/** The part of the browser `WebSocket` constructor the adapter needs (injectable for tests). */
export type WebSocketConstructor = new (url: string) => WebSocket;

/** Hooks the connection store uses to follow the socket's life beyond what the protocol client reports. */
export interface SocketObserver {
  opened?: () => void;
  frame?: (bytes: number) => void;
  /** The socket's context refused something under its CSP (a worker's own; the page reports its). */
  violation?: (violation: SocketPolicyViolation) => void;
}

/** The close code and reason a browser accepts from script for the ones asked (1000 or 3000–4999). */
export function browserCloseArgs(code?: number, reason?: string): [number, string | undefined] {
  // Browsers only allow 1000 and 3000–4999 from script; map the rest so close() never throws.
  const allowed = code === 1000 || (code !== undefined && code >= 3000 && code <= 4999);
  return [allowed ? code : 1000, reason?.slice(0, 120)];
}

/** Builds the protocol client's socket factory over a native browser WebSocket. */
export function browserSocketFactory(
  url: string,
  WebSocketImpl: WebSocketConstructor,
  observer: SocketObserver = {},
): (handlers: GatewayProtocolSocketHandlers) => GatewayProtocolSocket {
  return (handlers) => {
    const ws = new WebSocketImpl(url);
    ws.addEventListener('open', () => {
      observer.opened?.();
      handlers.open();
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      // The gateway only sends text frames; a binary frame is garbage we must not crash on.
      const data = typeof event.data === 'string' ? event.data : '';
      observer.frame?.(data.length);
      handlers.message(data);
    });
    ws.addEventListener('close', (event: CloseEvent) => handlers.close(event.code, event.reason));
    ws.addEventListener('error', () => handlers.error(new Error(`WebSocket error on ${url}`)));
    return {
      isOpen: () => ws.readyState === ws.OPEN,
      send: (data) => ws.send(data),
      close: (code, reason) => ws.close(...browserCloseArgs(code, reason)),
    };
  };
}

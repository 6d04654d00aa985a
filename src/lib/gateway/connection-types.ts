import type {
  EventFrame,
  GatewayBrowserDeviceTokenStore,
  HelloOk,
} from '@openclaw/gateway-client/browser';
import type { BackoffPolicy } from './backoff';
import type { Credentials } from './credentials';
import type { DeviceIdentity } from './identity';
import type { Problem } from './problems';
import type { SocketPolicyViolation, WebSocketConstructor } from './socket';
import type { StartSocketWorker } from './worker-socket';

/** What the connection tells its owner (the connection store) as it goes. */
export interface ConnectionListener {
  /** A socket is being opened (`connecting`) or is open and the handshake runs (`handshaking`). */
  phase(phase: 'connecting' | 'handshaking'): void;
  /** The signed connect is on its way: the page only waits for the gateway now (optional). */
  awaitingHello?(): void;
  /** The gateway accepted us. */
  hello(hello: HelloOk, info: HelloInfo): void;
  /** Any event after the handshake. */
  event(frame: EventFrame): void;
  /** The per-connection event `seq` skipped numbers. */
  gap(info: { expected: number; received: number }): void;
  /** Any frame arrived (feeds the liveness watchdog). */
  activity(): void;
  /** A frame could not be parsed as JSON. */
  malformed(error: unknown): void;
  /** A frame of this many characters arrived (optional: diagnostics). */
  frame?(bytes: number): void;
  /** The socket worker's CSP refused something (the page's own refusals come as page events). */
  policyViolation?(violation: SocketPolicyViolation): void;
  /** The socket closed: `retryAt` is set when another attempt is scheduled, absent when stopped. */
  closed(info: { problem?: Problem; retryAt?: number; code: number; reason: string }): void;
}

/** Facts from a successful handshake that the snapshot does not carry. */
export interface HelloInfo {
  protocol: number;
  deviceId: string;
  nonExtractableKey: boolean;
  usedDeviceToken: boolean;
}

/** Everything one gateway connection needs; platform pieces are injected. */
export interface GatewayConnectionOptions {
  url: string;
  /** Read at every attempt, so a token typed after a failure is used on the next try. */
  credentials: () => Credentials;
  /**
   * The user just entered these credentials: send them even if a device token
   * is stored. Otherwise the stored device token goes first (a reload, a reconnect).
   */
  credentialsJustEntered?: boolean;
  scopes: readonly string[];
  identity: () => Promise<DeviceIdentity>;
  tokens: GatewayBrowserDeviceTokenStore;
  listener: ConnectionListener;
  instanceId: string;
  locale: string;
  userAgent: string;
  /** The page's origin, quoted when the gateway refuses it. */
  origin: string;
  WebSocketImpl?: WebSocketConstructor;
  /** Starts a worker to own the socket (the page's own WebSocket when absent or when it fails). */
  startSocketWorker?: StartSocketWorker;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  now?: () => number;
  random?: () => number;
}

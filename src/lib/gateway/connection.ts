import {
  GatewayBrowserDeviceAuthLifecycle,
  GatewayProtocolClient,
  GatewayProtocolRequestError,
  type GatewayBrowserDeviceAuthPlan,
  type GatewayProtocolCloseContext,
  type HelloOk,
} from '@openclaw/gateway-client/browser';
import { backoffDelay, DEFAULT_BACKOFF, RESTART_BACKOFF, RESTART_WINDOW_MS } from './backoff';
import { connectParams, consoleClientInfo, SUPPORTED_PROTOCOLS } from './client-info';
import { nextStepAfterRefusal } from './connect-failure';
import type { GatewayConnectionOptions } from './connection-types';
import {
  ConnectionLostError,
  GatewayRequestError,
  NotConnectedError,
  RequestTimeoutError,
} from './errors';
import type { DeviceIdentity } from './identity';
import { problemFromClose, type Problem } from './problems';
import { browserSocketFactory, type SocketPolicyViolation } from './socket';
import { workerSocketFactory } from './worker-socket';
import { randomId } from './uuid';

type Plan = GatewayBrowserDeviceAuthPlan & { protocol: number; identity: DeviceIdentity };

/**
 * One gateway connection: our policy (device token first, protocol fallback,
 * jittered backoff, error explanations) around OpenClaw's own protocol client,
 * which owns the socket, challenge ordering, request correlation and gap detection.
 */
export class GatewayConnection {
  private readonly client: GatewayProtocolClient<Plan>;
  private readonly lifecycle: GatewayBrowserDeviceAuthLifecycle;
  private readonly now: () => number;
  private protocol: number = SUPPORTED_PROTOCOLS[0];
  private attempt = 0;
  private failure: Problem | 'renegotiate' | 'retry-now' | undefined;
  private freshCredentials: boolean;
  private ready = false;
  private restartUntil = 0;
  private identityPromise: Promise<DeviceIdentity> | undefined;

  constructor(private readonly opts: GatewayConnectionOptions) {
    this.now = opts.now ?? Date.now;
    this.freshCredentials = opts.credentialsJustEntered ?? false;
    this.lifecycle = new GatewayBrowserDeviceAuthLifecycle({
      loadIdentity: () => this.loadIdentity(),
      tokenStore: opts.tokens,
      nowMs: this.now,
    });
    const WebSocketImpl = opts.WebSocketImpl ?? globalThis.WebSocket;
    const observer = {
      opened: () => opts.listener.phase('handshaking'),
      frame: (bytes: number) => opts.listener.frame?.(bytes),
      violation: (violation: SocketPolicyViolation) => opts.listener.policyViolation?.(violation),
    };
    const pageSocket = browserSocketFactory(opts.url, WebSocketImpl, observer);
    const socket = opts.startSocketWorker
      ? workerSocketFactory(opts.url, opts.startSocketWorker, pageSocket, observer)
      : pageSocket;
    this.client = new GatewayProtocolClient<Plan>({
      createSocket: (handlers) => {
        opts.listener.phase('connecting');
        return socket(handlers);
      },
      createRequestId: () => randomId(),
      createRequestTimeoutError: (method, timeoutMs) => new RequestTimeoutError(method, timeoutMs),
      buildConnectPlan: ({ nonce, challengeTs }) => this.buildPlan(nonce, challengeTs),
      buildConnectParams: (plan) => {
        const params = connectParams(plan, {
          client: consoleClientInfo(opts.instanceId),
          locale: opts.locale,
          userAgent: opts.userAgent,
        });
        // The client sends these at once; a timer set now runs after they are on the wire.
        setTimeout(() => opts.listener.awaitingHello?.(), 0);
        return params;
      },
      onConnectHello: (hello, context) => this.acceptHello(hello, context.plan),
      onConnectFailure: (error, context) => this.onConnectFailure(error, context.plan),
      resolveClose: (context) => this.resolveClose(context),
      onEvent: (frame) => opts.listener.event(frame),
      onGap: (info) => opts.listener.gap(info),
      onActivity: () => opts.listener.activity(),
      onParseError: (error) => opts.listener.malformed(error),
      handshake: { mode: 'require-challenge', timeoutMs: opts.handshakeTimeoutMs ?? 10_000 },
      // Our resolveClose always supplies the delay; these only matter if it does not.
      reconnect: { initialMs: 1_000, multiplier: 2, maxMs: 30_000 },
      requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
      nowMs: this.now,
    });
  }

  /** The protocol version in use (or being offered). */
  get protocolVersion(): number {
    return this.protocol;
  }

  /** Whether the handshake has completed on the current socket. */
  get isReady(): boolean {
    return this.ready && this.client.connected;
  }

  /** Opens the connection; it then reconnects by itself until stopped. */
  start(): void {
    // The device identity (IndexedDB, and a new key on first use) loads while the socket opens,
    // so the signed connect can go out as soon as the challenge arrives. A failure here is
    // retried, and reported, by the handshake itself.
    this.loadIdentity().catch(() => undefined);
    this.client.start();
  }

  /** Closes for good (until start); pending requests are rejected. */
  stop(): void {
    this.ready = false;
    this.client.stop();
  }

  /** Drops whatever socket there is and connects again at once (wake, online, watchdog, approval). */
  reconnectNow(): void {
    this.ready = false;
    this.attempt = 0;
    this.client.stop();
    this.client.start();
  }

  /** The gateway announced a restart: retry briskly for a while instead of backing off. */
  expectRestart(restartExpectedMs?: number): void {
    this.restartUntil = this.now() + (restartExpectedMs ?? 0) + RESTART_WINDOW_MS;
    this.attempt = 0;
  }

  /** Sends one RPC; rejects with a named error on timeout, loss of connection or refusal. */
  async request<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T> {
    if (!this.isReady) throw new NotConnectedError(method);
    try {
      return await this.client.request<T>(method, params, timeoutMs ? { timeoutMs } : undefined);
    } catch (error) {
      if (error instanceof GatewayProtocolRequestError) {
        throw new GatewayRequestError(error.code, error.message, error.details, error.retryAfterMs);
      }
      if (error instanceof RequestTimeoutError || error instanceof ConnectionLostError) throw error;
      // The protocol client rejects with a plain Error when it is stopped under us.
      throw new ConnectionLostError(1000, error instanceof Error ? error.message : String(error));
    }
  }

  private loadIdentity(): Promise<DeviceIdentity> {
    // Retry the load next time if it failed (e.g. IndexedDB blocked for a moment).
    this.identityPromise ??= this.opts.identity().catch((error: unknown) => {
      this.identityPromise = undefined;
      throw error;
    });
    return this.identityPromise;
  }

  private async buildPlan(
    nonce: string | null,
    challengeTs: number | null | undefined,
  ): Promise<Plan> {
    const identity = await this.loadIdentity();
    const client = consoleClientInfo(this.opts.instanceId);
    const stored = await this.opts.tokens.load({
      clientId: client.id,
      deviceId: identity.deviceId,
      role: 'operator',
    });
    // Once paired, reconnect with the device token the gateway issued; the shared
    // secret is sent only when just typed or when no device token exists yet.
    const shared = this.freshCredentials || !stored ? this.opts.credentials() : {};
    const plan = await this.lifecycle.buildPlan({
      client,
      role: 'operator',
      defaultScopes: this.opts.scopes,
      token: shared.token,
      password: shared.password,
      nonce,
      challengeTs,
    });
    return { ...plan, identity, protocol: this.protocol };
  }

  private acceptHello(hello: HelloOk, plan: Plan): void {
    this.ready = true;
    this.attempt = 0;
    this.restartUntil = 0;
    this.freshCredentials = false;
    this.protocol = hello.protocol;
    this.opts.listener.hello(hello, {
      protocol: hello.protocol,
      deviceId: plan.identity.deviceId,
      nonExtractableKey: plan.identity.nonExtractable,
      usedDeviceToken: plan.selectedAuth.usingStoredDeviceToken === true,
    });
    // The device token the gateway issued is kept for the next connect; the page does not wait
    // for that write (an IndexedDB write on a fresh profile held the first view back), and a
    // failed write only means the next connect signs in with the shared secret again.
    this.lifecycle.acceptHello(hello, plan).catch(() => undefined);
  }

  private onConnectFailure(
    error: GatewayProtocolRequestError,
    plan: Plan,
  ): { closeCode: number; closeReason: string; reconnectDelayMs?: number } {
    const credentials = this.opts.credentials();
    const step = nextStepAfterRefusal(
      error,
      {
        usedDeviceToken: plan.selectedAuth.usingStoredDeviceToken === true,
        hasSharedSecret: !!(credentials.token || credentials.password),
      },
      this.problemContext(),
    );
    if (step.kind !== 'renegotiate' && step.forgetDeviceToken) {
      void this.lifecycle.clearStoredToken(plan);
    }
    if (step.kind === 'renegotiate') {
      this.protocol = step.protocol;
      this.failure = 'renegotiate';
      return { closeCode: 1000, closeReason: 'protocol renegotiation', reconnectDelayMs: 0 };
    }
    if (step.kind === 'retryWithSecret') {
      this.freshCredentials = true;
      this.failure = 'retry-now';
      return { closeCode: 1000, closeReason: 'device token revoked', reconnectDelayMs: 0 };
    }
    this.failure = step.problem;
    return { closeCode: 1000, closeReason: 'connect refused' };
  }

  private resolveClose(context: GatewayProtocolCloseContext) {
    this.ready = false;
    const failure = this.failure;
    this.failure = undefined;
    const pendingError = new ConnectionLostError(context.code, context.reason);
    const { code, reason } = context;
    if (failure === 'renegotiate' || failure === 'retry-now') {
      this.opts.listener.closed({ code, reason, retryAt: this.now() });
      return { retry: true, notify: true, reconnectDelayMs: 0, pendingError };
    }
    const problem =
      failure ?? problemFromClose(code, reason, context.socketOpened, this.problemContext());
    if (problem?.fatal) {
      this.opts.listener.closed({ problem, code, reason });
      return { retry: false, notify: true, pendingError };
    }
    if (problem?.code === 'restarting') this.expectRestart();
    this.attempt += 1;
    const policy =
      this.now() < this.restartUntil ? RESTART_BACKOFF : (this.opts.backoff ?? DEFAULT_BACKOFF);
    const delay = problem?.retryAfterMs ?? backoffDelay(policy, this.attempt, this.opts.random);
    this.opts.listener.closed({ problem, code, reason, retryAt: this.now() + delay });
    return { retry: true, notify: true, reconnectDelayMs: delay, pendingError };
  }

  private problemContext() {
    return {
      origin: this.opts.origin,
      url: this.opts.url,
      offeredProtocol: this.protocol,
      now: this.now(),
    };
  }
}

import type { EventFrame, HelloOk } from '@openclaw/gateway-client/browser';
import { persistentMap } from '@nanostores/persistent';
import { atom, computed, readonlyType } from 'nanostores';
import { OBSERVER_SCOPES, OPERATOR_SCOPES } from '../gateway/client-info';
import { GatewayConnection } from '../gateway/connection';
import type { HelloInfo } from '../gateway/connection-types';
import { deviceTokenStore } from '../gateway/device-tokens';
import { loadDeviceIdentity } from '../gateway/identity';
import type { Problem } from '../gateway/problems';
import { locale, warmFormatters } from './i18n';
import { PROBE_TIMEOUT_MS, watchLiveness } from './liveness';
import { countDiagnostic, countFrame } from './diagnostics';
import {
  adoptRequester,
  announceGap,
  announceHello,
  dispatchEvent,
  gatewayHello,
  type GatewayHello,
} from './gateway-session';
import { cspRefusal } from './csp-refusal';
import { readHello } from './hello-facts';
import { platform, type PolicyViolation } from './platform';
import { currentCredentials, identityProfileName, instanceId } from './sign-in';
import { RequestTimeoutError } from '../gateway/errors';

/** Where the connection stands, in words a person can read. */
export type ConnectionPhase =
  'idle' | 'connecting' | 'handshaking' | 'connected' | 'reconnecting' | 'stopped' | 'disconnected';

/** The connection as views show it. */
export interface ConnectionState {
  phase: ConnectionPhase;
  url: string;
  /** Why we are not connected (or what is being waited for). */
  problem?: Problem;
  /** When the next attempt is due, while reconnecting. */
  retryAt?: number;
  /** From a `shutdown` event: a restart when `expectedMs` is given, otherwise a stop. */
  restarting?: { expectedMs?: number; reason?: string; since: number };
  /** When the current phase began. */
  since: number;
}

/** The last gateway URL and choices, remembered on this device (never a secret). */
export const gatewaySettings = persistentMap<{ url: string; remember: string; observer: string }>(
  'openclaw-console:gateway:',
  { url: '', remember: '', observer: '' },
);

const $state = atom<ConnectionState>({ phase: 'idle', url: '', since: Date.now() });

/** The connection's state. */
export const connectionState = readonlyType($state);
/** Whether the connection is up and data is live. */
export const isLive = computed($state, (state) => state.phase === 'connected');

const $connectSent = atom(false);
/** Whether the current socket's signed `connect` is on the wire (the page only waits for the gateway). */
export const connectSent = readonlyType($connectSent);

let connection: GatewayConnection | undefined;
let stopLiveness: (() => void) | undefined;
let stopPolicyWatch: (() => void) | undefined;
let lastFrameAt = 0;
// Set when the gateway stopped answering; shown through the reconnect's phases until connected.
let stall: Problem | undefined;

function setPhase(phase: ConnectionPhase, extra: Partial<ConnectionState> = {}): void {
  const previous = $state.get();
  $state.set({
    phase,
    url: previous.url,
    restarting: previous.restarting,
    since: phase === previous.phase ? previous.since : Date.now(),
    ...extra,
  });
}

function dispatch(frame: EventFrame): void {
  if (frame.event === 'shutdown') onShutdown(frame.payload);
  dispatchEvent(frame);
}

function onShutdown(payload: unknown): void {
  const { restartExpectedMs, reason } = (payload ?? {}) as Record<string, unknown>;
  const expectedMs = typeof restartExpectedMs === 'number' ? restartExpectedMs : undefined;
  connection?.expectRestart(expectedMs);
  $state.set({
    ...$state.get(),
    restarting: {
      expectedMs,
      reason: typeof reason === 'string' ? reason : undefined,
      since: Date.now(),
    },
  });
}

function onHello(hello: HelloOk, info: HelloInfo, id: string): void {
  const value: GatewayHello = {
    protocol: info.protocol,
    // Validated: a hello-ok missing a part (policy, features) must not stop the handshake.
    ...readHello(hello),
    deviceId: info.deviceId,
    nonExtractableKey: info.nonExtractableKey,
    usedDeviceToken: info.usedDeviceToken,
    instanceId: id,
    receivedAt: Date.now(),
  };
  lastFrameAt = Date.now();
  stall = undefined;
  announceHello(value, () =>
    setPhase('connected', { problem: undefined, retryAt: undefined, restarting: undefined }),
  );
}

/** Opens (or replaces) the one main connection to a gateway. */
export function openConnection(url: string, credentialsJustEntered = false): void {
  connection?.stop();
  stopLiveness?.();
  stopPolicyWatch?.();
  const env = platform();
  const id = instanceId();
  const observer = gatewaySettings.get().observer === 'yes';
  // Each saved profile has its own device identity, so gateways never see one key shared across them.
  const identityProfile = identityProfileName(observer);
  const created = new GatewayConnection({
    url,
    credentials: () => currentCredentials(url),
    credentialsJustEntered,
    scopes: observer ? OBSERVER_SCOPES : OPERATOR_SCOPES,
    identity: () => loadDeviceIdentity(identityProfile, env.vault),
    tokens: deviceTokenStore(url, env.vault),
    instanceId: id,
    locale: locale.get(),
    userAgent: env.userAgent,
    origin: env.origin,
    WebSocketImpl: env.WebSocket,
    startSocketWorker: env.startSocketWorker,
    listener: {
      phase: (phase) => {
        if (connection !== created) return;
        // A new socket (or one just opened) has not sent its connect yet.
        $connectSent.set(false);
        if ($state.get().phase !== phase) setPhase(phase, stall ? { problem: stall } : {});
      },
      awaitingHello: () => {
        if (connection === created) $connectSent.set(true);
        warmFormatters();
      },
      hello: (hello, info) => {
        if (connection === created) onHello(hello, info, id);
      },
      event: (frame) => {
        if (connection === created) dispatch(frame);
      },
      gap: () => {
        countDiagnostic('seqGaps');
        if (connection === created) announceGap();
      },
      activity: () => {
        lastFrameAt = Date.now();
      },
      malformed: () => countDiagnostic('malformedFrames'),
      frame: countFrame,
      // The socket worker's own CSP refusals (the page's come through env.onPolicyViolation).
      policyViolation: (violation) => stopOnRefusal(created, url, violation),
      closed: ({ problem, retryAt }) => {
        if (connection !== created) return;
        if (retryAt === undefined) setPhase('stopped', { problem, retryAt: undefined });
        else setPhase('reconnecting', { problem: problem ?? stall, retryAt });
      },
    },
  });
  connection = created;
  adoptRequester(created);
  stall = undefined;
  $state.set({ phase: 'connecting', url, since: Date.now() });
  stopLiveness = watchLiveness({
    tickIntervalMs: () => gatewayHello.get()?.tickIntervalMs ?? 30_000,
    lastFrameAt: () => lastFrameAt,
    isConnected: () => $state.get().phase === 'connected',
    isWaiting: () => $state.get().phase === 'reconnecting',
    reconnect: () => created.reconnectNow(),
    // `health` is allowed to every client, even one granted no scopes; any answer (a refusal
    // too) proves the gateway is there.
    probe: () =>
      created.request('health', {}, PROBE_TIMEOUT_MS + 1_000).then(
        () => true,
        (error: unknown) => !(error instanceof RequestTimeoutError),
      ),
    stalled: () => {
      if (connection !== created) return;
      stall = { code: 'unresponsive', params: { url }, fatal: false };
      setPhase('reconnecting', { problem: stall, retryAt: Date.now() });
      created.reconnectNow();
    },
  });
  stopPolicyWatch = env.onPolicyViolation((violation) => stopOnRefusal(created, url, violation));
  created.start();
}

/** A socket the CSP refuses never opens: say so at once, and stop, instead of retrying in silence. */
function stopOnRefusal(created: GatewayConnection, url: string, violation: PolicyViolation): void {
  const problem = connection === created ? cspRefusal(violation, url) : undefined;
  if (!problem) return;
  created.stop();
  stopLiveness?.();
  setPhase('stopped', { problem, retryAt: undefined });
}

/** Names the gateway the console is about to use, before any connection is opened. */
export function aimAt(url: string): void {
  $state.set({ phase: 'idle', url, since: Date.now() });
}

/** Closes the connection on the user's request; nothing reconnects until they connect again. */
export function disconnect(): void {
  connection?.stop();
  connection = undefined;
  adoptRequester(undefined);
  stopLiveness?.();
  stopLiveness = undefined;
  stopPolicyWatch?.();
  stopPolicyWatch = undefined;
  setPhase('disconnected', { problem: undefined, retryAt: undefined, restarting: undefined });
}

/** Tries again at once (after an approval, a fixed config, or impatience). */
export function retryNow(): void {
  if (connection) connection.reconnectNow();
  else if ($state.get().url) openConnection($state.get().url);
}

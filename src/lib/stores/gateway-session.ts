import type { EventFrame, HelloOk } from '@openclaw/gateway-client/browser';
import { atom, computed, readonlyType } from 'nanostores';
import { NotConnectedError, RequestTimeoutError } from '../gateway/errors';
import { requiredScope, scopeSatisfied } from '../gateway/scopes';
import { countDiagnostic } from './diagnostics';

/**
 * The one gateway session the app talks through: what `hello-ok` said, a typed
 * event bus, requests, and the moment "connected" is announced. The connection
 * store feeds it; domain stores only read from it. Subscriptions the app holds
 * are re-issued on every new connection before anyone hears "connected"
 * (home-assistant-js-websocket's order), so no event between a refetch and its
 * subscription is lost.
 */

/** What the gateway told us in `hello-ok`, kept for the domain stores. */
export interface GatewayHello {
  protocol: number;
  serverVersion: string;
  connId: string;
  role: string;
  scopes: string[];
  methods: ReadonlySet<string>;
  events: ReadonlySet<string>;
  tickIntervalMs: number;
  snapshot: HelloOk['snapshot'];
  deviceId: string;
  nonExtractableKey: boolean;
  usedDeviceToken: boolean;
  instanceId: string;
  receivedAt: number;
}

/** Event names the console handles; any other name is allowed too (a newer gateway adds events). */
export type GatewayEventName =
  | 'health'
  | 'presence'
  | 'shutdown'
  | 'tick'
  | 'chat'
  | 'agent'
  | 'session.message'
  | 'sessions.changed'
  | 'device.pair.requested'
  | 'device.pair.resolved'
  | 'device.pair.changed'
  | 'exec.approval.requested'
  | 'exec.approval.resolved'
  | 'plugin.approval.requested'
  | 'plugin.approval.resolved'
  | (string & {});

/** A listener for one event; the payload is untrusted and must be validated by the listener. */
export type EventHandler = (frame: EventFrame) => void;

/** What sends requests: the live connection, when there is one. */
export interface Requester {
  request<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
}

const $hello = atom<GatewayHello | undefined>(undefined);
/** The latest `hello-ok` facts, kept while reconnecting so views can show what they last knew. */
export const gatewayHello = readonlyType($hello);

const eventHandlers = new Map<string, Set<EventHandler>>();
const helloHandlers = new Set<(hello: GatewayHello) => void>();
const gapHandlers = new Set<() => void>();
const beforeConnectedHandlers = new Set<(hello: GatewayHello) => void>();
let requester: Requester | undefined;

function subscribe<T>(set: Set<T>, handler: T): () => void {
  set.add(handler);
  return () => set.delete(handler);
}

/** Subscribes to one gateway event by name (or `*` for all); returns the unsubscriber. */
export function onGatewayEvent(name: GatewayEventName, handler: EventHandler): () => void {
  let set = eventHandlers.get(name);
  if (!set) eventHandlers.set(name, (set = new Set()));
  return subscribe(set, handler);
}

/** Runs after every successful handshake, once subscriptions are re-issued. */
export function onConnected(handler: (hello: GatewayHello) => void): () => void {
  return subscribe(helloHandlers, handler);
}

/** Runs on every new connection before "connected" is announced (the subscription registry only). */
export function beforeConnected(handler: (hello: GatewayHello) => void): () => void {
  return subscribe(beforeConnectedHandlers, handler);
}

/** Runs when an event `seq` gap shows we may have missed events; the socket stays up. */
export function onEventGap(handler: () => void): () => void {
  return subscribe(gapHandlers, handler);
}

/** Sends an RPC over the live connection; rejects with a named error when there is none. */
export function request<T>(method: string, params?: unknown, timeoutMs?: number): Promise<T> {
  if (!requester) return Promise.reject(new NotConnectedError(method));
  return requester.request<T>(method, params, timeoutMs).catch((error: unknown) => {
    if (error instanceof RequestTimeoutError) countDiagnostic('requestTimeouts');
    throw error;
  });
}

/** `can(method)`: whether this gateway offers a method and our granted scopes allow it. */
export const can = computed(
  $hello,
  (hello) =>
    (method: string): boolean =>
      !!hello && hello.methods.has(method) && scopeSatisfied(hello.scopes, requiredScope(method)),
);

/** Why an action is unavailable, as a reason kind and the scope it needs; undefined when it is allowed. */
export type Unavailable =
  | { reason: 'offline' }
  | { reason: 'notOffered'; method: string }
  | { reason: 'scope'; method: string; scope: string };

/** `whyNot(method)`: undefined when the action is allowed, else why not (views put it in words). */
export const whyNot = computed($hello, (hello) => (method: string): Unavailable | undefined => {
  if (!hello) return { reason: 'offline' };
  if (!hello.methods.has(method)) return { reason: 'notOffered', method };
  const scope = requiredScope(method);
  return scopeSatisfied(hello.scopes, scope) ? undefined : { reason: 'scope', method, scope };
});

/** The connection store hands over the live connection (or none) here. */
export function adoptRequester(next: Requester | undefined): void {
  requester = next;
}

/** Forgets what the last gateway said (a different gateway is being connected). */
export function forgetHello(): void {
  $hello.set(undefined);
}

/**
 * A handshake succeeded: record it, re-issue every held subscription, then
 * `markConnected` (the connection store's phase) and tell the domain stores.
 */
export function announceHello(value: GatewayHello, markConnected: () => void): void {
  if ($hello.get()) countDiagnostic('reconnects');
  $hello.set(value);
  for (const handler of [...beforeConnectedHandlers]) handler(value);
  markConnected();
  for (const handler of [...helloHandlers]) handler(value);
}

/** Hands one event to its listeners (and counts events the gateway did not announce). */
export function dispatchEvent(frame: EventFrame): void {
  if (!$hello.get()?.events.has(frame.event)) countDiagnostic('unknownEvents');
  for (const handler of [...(eventHandlers.get(frame.event) ?? [])]) handler(frame);
  for (const handler of [...(eventHandlers.get('*') ?? [])]) handler(frame);
}

/** The event `seq` skipped numbers: every collection re-reads what it holds. */
export function announceGap(): void {
  for (const handler of [...gapHandlers]) handler();
}

import {
  GatewaySessionMessageSubscriptionCoordinator,
  type GatewaySessionMessageSubscription,
} from '@openclaw/gateway-client/browser';
import { beforeConnected, can, request } from './gateway-session';

/**
 * The subscription registry: what the app wants to hear about, held by
 * reference count and re-issued on every new connection before "connected"
 * is announced. Per-session message subscriptions go through OpenClaw's own
 * coordinator (one observer per canonical session key, unsubscribed when the
 * last holder lets go, retired on reconnect).
 */

interface Held {
  method: string;
  params: Record<string, unknown>;
  holders: number;
}

interface MessageHold {
  holders: number;
  lease: Promise<GatewaySessionMessageSubscription | undefined>;
}

const held = new Map<string, Held>();
const messageHolds = new Map<string, MessageHold>();
let coordinator: GatewaySessionMessageSubscriptionCoordinator | undefined;

function send(entry: Held): void {
  if (!can.get()(entry.method)) return;
  // Not connected yet: the next connection re-issues it. Refused: the feature is missing, not fatal.
  request(entry.method, entry.params).catch(() => undefined);
}

function acquire(key: string): MessageHold['lease'] {
  const current = coordinator;
  if (!current || !can.get()('sessions.messages.subscribe')) return Promise.resolve(undefined);
  return current.acquire(key).catch(() => undefined);
}

beforeConnected(() => {
  // Leases of the previous connection are retired; this connection gets its own observers.
  coordinator?.reset();
  coordinator = new GatewaySessionMessageSubscriptionCoordinator({
    request: (method, params, options) => request(method, params, options?.timeoutMs ?? undefined),
  });
  for (const entry of held.values()) send(entry);
  for (const [key, hold] of messageHolds) hold.lease = acquire(key);
});

/** Holds a subscription (e.g. `sessions.subscribe`) while the returned release is not called. */
export function holdSubscription(method: string, params: Record<string, unknown> = {}): () => void {
  const id = `${method} ${JSON.stringify(params)}`;
  let entry = held.get(id);
  if (!entry) {
    entry = { method, params, holders: 0 };
    held.set(id, entry);
    send(entry);
  }
  entry.holders += 1;
  let released = false;
  return () => {
    if (released || !entry) return;
    released = true;
    entry.holders -= 1;
    // The gateway has no per-list unsubscribe; the next connection simply does not re-issue it.
    if (entry.holders === 0) held.delete(id);
  };
}

/** Holds the live message subscription of one session (`sessions.messages.subscribe`) until released. */
export function holdSessionMessages(sessionKey: string): () => void {
  let hold = messageHolds.get(sessionKey);
  if (!hold) {
    hold = { holders: 0, lease: acquire(sessionKey) };
    messageHolds.set(sessionKey, hold);
  }
  hold.holders += 1;
  let released = false;
  return () => {
    if (released || !hold) return;
    released = true;
    hold.holders -= 1;
    if (hold.holders > 0) return;
    messageHolds.delete(sessionKey);
    const owner = coordinator;
    void hold.lease.then((lease) => {
      if (lease && owner === coordinator) owner?.release(lease).catch(() => undefined);
    });
  };
}

/** The subscriptions currently held, for diagnostics and tests. */
export function heldSubscriptions(): { plain: string[]; sessions: string[] } {
  return {
    plain: [...held.values()].map((entry) => entry.method),
    sessions: [...messageHolds.keys()],
  };
}

import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, onMount, readonlyType, type ReadableAtom } from 'nanostores';
import {
  gatewayHello,
  onConnected,
  onEventGap,
  onGatewayEvent,
  type GatewayHello,
} from './gateway-session';
import { countDiagnostic } from './diagnostics';

/** A snapshot with the `stateVersion` it was taken at and when we received it. */
export interface Versioned<T> {
  value: T;
  version: number;
  receivedAt: number;
}

/** How one gateway snapshot kind (health, presence) is read from hello, events and RPC. */
export interface VersionedSource<T> {
  kind: 'health' | 'presence';
  fromHello: (hello: GatewayHello) => T;
  /** Validates an untrusted event payload; undefined drops the frame. */
  fromEvent: (payload: unknown) => T | undefined;
  /** Re-reads the snapshot after an event gap. */
  refetch: () => Promise<T | undefined>;
  /** Whether the snapshot `hello-ok` brought is incomplete and worth asking for at once. */
  incomplete?: (value: T) => boolean;
}

/**
 * A store for a snapshot the gateway versions with `stateVersion`: seeded by
 * `hello-ok`, replaced by newer events only (an older snapshot never overwrites
 * a newer one), re-read after a `seq` gap. Versions restart with each
 * connection, since a restarted gateway counts from zero again.
 */
export function versionedSnapshot<T>(
  source: VersionedSource<T>,
): ReadableAtom<Versioned<T> | undefined> {
  const $store = atom<Versioned<T> | undefined>(undefined);

  const seed = (hello: GatewayHello) => {
    const value = source.fromHello(hello);
    $store.set({
      value,
      version: hello.snapshot.stateVersion?.[source.kind] ?? 0,
      receivedAt: Date.now(),
    });
    if (source.incomplete?.(value)) onGap();
  };

  const onEvent = (frame: EventFrame) => {
    const version = frame.stateVersion?.[source.kind];
    const current = $store.get();
    if (current && typeof version === 'number' && version < current.version) {
      countDiagnostic('staleSnapshots');
      return;
    }
    const value = source.fromEvent(frame.payload);
    if (value === undefined) return;
    $store.set({ value, version: version ?? current?.version ?? 0, receivedAt: Date.now() });
  };

  const onGap = () => {
    source
      .refetch()
      .then((value) => {
        const current = $store.get();
        // Never replace data with a read that says less (an incomplete snapshot after a restart).
        if (value !== undefined && !(source.incomplete?.(value) && current))
          $store.set({ value, version: current?.version ?? 0, receivedAt: Date.now() });
      })
      .catch(() => {
        // The next event or reconnect brings fresh data; a failed catch-up read is not fatal.
      });
  };

  onMount($store, () => {
    const hello = gatewayHello.get();
    if (hello) seed(hello);
    const offs = [onConnected(seed), onGatewayEvent(source.kind, onEvent), onEventGap(onGap)];
    return () => offs.forEach((off) => off());
  });

  return readonlyType($store);
}

import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { describeError } from '../gateway/outcome';
import { countDiagnostic } from './diagnostics';
import {
  can,
  gatewayHello,
  onConnected,
  onEventGap,
  onGatewayEvent,
  whyNot,
  type GatewayEventName,
  type GatewayHello,
  type Unavailable,
} from './gateway-session';
import { holdSubscription } from './subscriptions';

/** Returned by an event reducer to ask for a full re-read instead of applying the event. */
export const RELOAD: unique symbol = Symbol('reload');

/** Applies one (untrusted) event to the current value; returns it unchanged to ignore the event. */
export type EventReducer<T> = (
  current: T,
  frame: EventFrame,
  state: CollectionState<T>,
) => T | typeof RELOAD;

/** What differs between collections; the helper owns loading, events, reconnects and gaps. */
export interface CollectionSpec<T> {
  /** The method that reads it; while it is not offered or allowed the collection says why. */
  method: string;
  /** The value before anything is read (and while the method is unavailable). */
  initial: T;
  /** Reads the whole collection from the gateway. */
  load: () => Promise<T>;
  /** Seeds it from `hello-ok` when the snapshot carries it (saves a round trip). */
  fromHello?: (hello: GatewayHello) => T | undefined;
  /** Events that change it: a reducer, or `'reload'` to re-read on each. */
  events?: Partial<Record<GatewayEventName, EventReducer<T> | 'reload'>>;
  /** Orders snapshots by the event's `stateVersion[versionKey]`: an older one never overwrites a newer. */
  versionKey?: 'health' | 'presence';
  /** Whether a value says less than a fresh read would (read again at once; never replaces a fuller one). */
  incomplete?: (value: T) => boolean;
  /** A subscription held while the collection is observed (re-issued on every connection). */
  subscription?: string;
}

/** A collection's value with what views need to say how fresh it is. */
export interface CollectionState<T> {
  value: T;
  /** Whether the gateway has answered at least once. */
  loaded: boolean;
  loading: boolean;
  /** Why the last read failed, in words. */
  error?: string;
  /** Why the collection cannot be read here (offline, not offered, scope). */
  unavailable?: Unavailable;
  /** `stateVersion` of the value, for versioned snapshots. */
  version: number;
  receivedAt?: number;
}

/** A lazily connected collection store, with an explicit re-read. */
export interface Collection<T> extends ReadableAtom<CollectionState<T>> {
  /** Re-reads the whole collection now (after an action, or on the user's request). */
  refresh(): Promise<void>;
}

/**
 * One piece of server state as a store (home-assistant-js-websocket's
 * `getCollection`): while observed it loads on every connection, applies its
 * events, re-reads after a `seq` gap and holds its subscription; unobserved it
 * holds nothing. Reads from an earlier connection that answer late are ignored.
 */
export function gatewayCollection<T>(spec: CollectionSpec<T>): Collection<T> {
  // Read through this copy, never `$state.get()`: a late answer calling get() would mount the
  // store again after everyone left (nanostores mounts on get), and it would never let go.
  let state: CollectionState<T> = {
    value: spec.initial,
    loaded: false,
    loading: false,
    version: 0,
  };
  const $state = atom(state);
  let generation = 0;
  let inFlight: Promise<void> | undefined;
  let again = false;

  const patch = (change: Partial<CollectionState<T>>) =>
    $state.set((state = { ...state, ...change }));

  const accept = (value: T, version: number) => {
    const current = state;
    // Never replace data with a read that says less (an empty snapshot after a restart).
    if (current.loaded && spec.incomplete?.(value) && !spec.incomplete(current.value)) return;
    patch({ value, version, loaded: true, error: undefined, receivedAt: Date.now() });
  };

  const read = async (): Promise<void> => {
    const reason = whyNot.get()(spec.method);
    if (reason) return patch({ unavailable: reason, loading: false });
    const mine = generation;
    patch({ loading: true, unavailable: undefined });
    try {
      const value = await spec.load();
      if (mine === generation) accept(value, state.version);
    } catch (error) {
      if (mine === generation) patch({ error: describeError(error) });
    } finally {
      if (mine === generation) patch({ loading: false });
    }
  };

  const refresh = (): Promise<void> => {
    if (inFlight) {
      // An event arrived while reading: read once more afterwards so it is not lost.
      again = true;
      return inFlight;
    }
    inFlight = read().finally(() => {
      inFlight = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return inFlight;
  };

  const seed = (hello: GatewayHello) => {
    generation += 1;
    inFlight = undefined;
    again = false;
    const seeded = spec.fromHello?.(hello);
    const version = spec.versionKey ? (hello.snapshot.stateVersion?.[spec.versionKey] ?? 0) : 0;
    if (seeded !== undefined) {
      // Versions restart with each connection: a restarted gateway counts from zero again.
      patch({ version: 0 });
      accept(seeded, version);
      if (!spec.incomplete?.(seeded)) return;
    }
    if (can.get()(spec.method) || !spec.fromHello) void refresh();
  };

  const onEvent = (reducer: EventReducer<T> | 'reload') => (frame: EventFrame) => {
    const version = spec.versionKey ? frame.stateVersion?.[spec.versionKey] : undefined;
    const current = state;
    if (typeof version === 'number' && version < current.version) {
      countDiagnostic('staleSnapshots');
      return;
    }
    const next = reducer === 'reload' ? RELOAD : reducer(current.value, frame, current);
    if (next === RELOAD) return void refresh();
    if (next !== current.value) accept(next, version ?? current.version);
  };

  // Another gateway is being connected: what this one said no longer applies.
  const forget = () => {
    generation += 1;
    patch({ value: spec.initial, loaded: false, loading: false, version: 0, error: undefined });
  };

  onMount($state, () => {
    const release = spec.subscription ? holdSubscription(spec.subscription) : undefined;
    const hello = gatewayHello.get();
    if (hello) seed(hello);
    else if (state.loaded) forget();
    const offs = [
      gatewayHello.listen((next) => (next ? undefined : forget())),
      onConnected(seed),
      onEventGap(() => void refresh()),
      ...Object.entries(spec.events ?? {}).map(([name, reducer]) =>
        onGatewayEvent(name, onEvent(reducer as EventReducer<T> | 'reload')),
      ),
    ];
    return () => {
      // Reads still under way belong to no one now.
      generation += 1;
      inFlight = undefined;
      release?.();
      offs.forEach((off) => off());
    };
  });

  return Object.assign($state, { refresh }) as unknown as Collection<T>;
}

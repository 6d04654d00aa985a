import type { ReadableAtom } from 'nanostores';
import { connectSent, connectionState, type ConnectionPhase } from './connection';

// The order of a cold start: the handshake needs the main thread for a few milliseconds at
// two moments (the challenge, then hello-ok); evaluating and rendering the app takes it for a
// few hundred. Each wait below lets one of those moments pass before the app takes the thread,
// so the page's own work never holds a frame the gateway has already sent.

/** Phases in which a handshake is under way and will need the main thread soon. */
const HANDSHAKING: ReadonlySet<ConnectionPhase> = new Set(['connecting', 'handshaking']);

/** Resolves once `done()` holds (checked now and on every change of `stores`), or after capMs. */
function until(stores: ReadableAtom<unknown>[], done: () => boolean, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const finish = () => {
      clearTimeout(timer);
      for (const off of offs) off();
      resolve();
    };
    const timer = setTimeout(finish, capMs);
    const check = () => {
      if (done()) finish();
    };
    // listen, not subscribe: every `off` must exist before a check can call finish.
    for (const store of stores) offs.push(store.listen(check));
    check();
  });
}

/**
 * Resolves once the signed `connect` is on the wire, or no handshake is under way (live, failed,
 * waiting to retry, or never started), or after capMs: the moment the app may take the thread
 * without delaying the connect.
 */
export function connectOnItsWay(capMs: number): Promise<void> {
  return until(
    [connectionState, connectSent],
    () => connectSent.get() || !HANDSHAKING.has(connectionState.get().phase),
    capMs,
  );
}

/**
 * Resolves once the handshake has an outcome (hello-ok, a refusal, a closed socket) or none is
 * under way, or after capMs: the moment rendering no longer delays taking in hello-ok.
 */
export function handshakeDone(capMs: number): Promise<void> {
  return until([connectionState], () => !HANDSHAKING.has(connectionState.get().phase), capMs);
}

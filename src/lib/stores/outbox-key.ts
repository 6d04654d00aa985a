import { platform } from './platform';

// Apart from outbox-storage.ts so the first view, which only asks whether anything waits, does
// not carry the reading and writing.

/** The localStorage key prefix of a gateway's kept outbox (the gateway URL follows). */
export const PREFIX = 'openclaw-console:outbox:';

/** Whether messages wait on this device for a gateway (cheap: read at start-up). */
export function hasQueued(url: string): boolean {
  try {
    return !!url && !!platform().storages.local?.getItem(PREFIX + url);
  } catch {
    return false;
  }
}

import type { GatewayMessage } from './runs';

/** The most idempotency keys remembered as sent from this page (older turns just show their client). */
const MAX_REMEMBERED = 1_000;
const sentHere = new Set<string>();

/** Records an idempotency key this page sent, so its turns read "this console". */
export function rememberSentHere(idempotencyKey: string): void {
  sentHere.add(idempotencyKey);
  if (sentHere.size > MAX_REMEMBERED) sentHere.delete(sentHere.values().next().value!);
}

/** Who sent a turn, as the view words it: this console, a known client kind, or the raw client id. */
export type MessageOrigin =
  { kind: 'here' } | { kind: 'console' } | { kind: 'cli' } | { kind: 'client'; id: string };

const KNOWN: Record<string, MessageOrigin> = {
  'openclaw-control-ui': { kind: 'console' },
  cli: { kind: 'cli' },
  'openclaw-cli': { kind: 'cli' },
};

/** Where the gateway says a turn came from (untrusted: only string ids are read); empty when it does not say. */
export function messageOrigins(message: GatewayMessage): MessageOrigin[] {
  const meta = message.__openclaw as
    { idempotencyKey?: unknown; transport?: { clients?: Array<{ id?: unknown }> } } | undefined;
  const key = [message.idempotencyKey, meta?.idempotencyKey].find((k) => typeof k === 'string');
  // The gateway records our turn under `<our key>:user`.
  if (typeof key === 'string' && sentHere.has(key.replace(/:user$/, ''))) return [{ kind: 'here' }];
  const ids = (Array.isArray(meta?.transport?.clients) ? meta.transport.clients : [])
    .map((client) => client?.id)
    .filter((id): id is string => typeof id === 'string' && id !== '');
  return [...new Set(ids)].map((id) => KNOWN[id] ?? { kind: 'client', id });
}

/** The model a turn names, unless it is the gateway's placeholder for a turn it wrote itself. */
export function shownModel(message: GatewayMessage): string | undefined {
  const model = message.model;
  return typeof model === 'string' && model && model !== 'gateway-injected' ? model : undefined;
}

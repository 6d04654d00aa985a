import type { HelloOk } from '@openclaw/gateway-client/browser';
import type { GatewayHello } from './gateway-session';
import { cleanRecord, countUnreadable, isRecord } from './validate';

/** The tick the real gateway announces, used when a hello-ok names none. */
export const DEFAULT_TICK_MS = 30_000;

type HelloPart = Pick<
  GatewayHello,
  | 'serverVersion'
  | 'connId'
  | 'role'
  | 'scopes'
  | 'methods'
  | 'events'
  | 'tickIntervalMs'
  | 'snapshot'
>;

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) {
    if (value !== undefined) countUnreadable();
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string');
}

/**
 * What the console keeps from a `hello-ok`, whatever shape it came in: a hello without
 * `policy` (or with a nonsense tick) left the console stuck at "handshaking" when reading
 * it threw; now each part falls back to a safe default and is counted as unreadable.
 */
export function readHello(hello: HelloOk | unknown): HelloPart {
  const h = isRecord(hello) ? hello : {};
  const server = cleanRecord<{ version?: string; connId?: string }>(h.server ?? {}, {
    version: 'string',
    connId: 'string',
  });
  const features = isRecord(h.features) ? h.features : {};
  const auth = isRecord(h.auth) ? h.auth : {};
  const policy = isRecord(h.policy) ? h.policy : {};
  const tick = policy.tickIntervalMs;
  const tickOk = typeof tick === 'number' && Number.isFinite(tick) && tick > 0;
  if (!tickOk) countUnreadable();
  const snapshot =
    cleanRecord<HelloOk['snapshot']>(h.snapshot ?? {}, {
      presence: 'array',
      health: 'object',
      stateVersion: 'object',
      uptimeMs: 'number',
      sessionDefaults: 'object',
    }) ?? ({} as HelloOk['snapshot']);
  return {
    serverVersion: server?.version ?? '?',
    connId: server?.connId ?? '',
    role: typeof auth.role === 'string' ? auth.role : 'operator',
    scopes: strings(auth.scopes),
    methods: new Set(strings(features.methods)),
    events: new Set(strings(features.events)),
    tickIntervalMs: tickOk ? tick : DEFAULT_TICK_MS,
    snapshot: { ...snapshot, presence: snapshot.presence ?? [] },
  };
}

import type { EventFrame } from '@openclaw/gateway-client/browser';
import { computed } from 'nanostores';
import { attempt, type Outcome } from '../gateway/outcome';
import { randomId } from '../gateway/uuid';
import { gatewayCollection } from './collection';
import { gatewayHello, request } from './gateway-session';
import { cleanRecord, uniqueBy, type FieldKind } from './validate';

/** One session as the list shows it (fields as `sessions.list` returns them). */
export interface SessionRow {
  key: string;
  agentId?: string;
  label?: string | null;
  displayName?: string | null;
  derivedTitle?: string | null;
  lastMessagePreview?: string | null;
  model?: string | null;
  modelProvider?: string | null;
  totalTokens?: number | null;
  estimatedCostUsd?: number | null;
  hasActiveRun?: boolean;
  isMain?: boolean;
  kind?: string;
  chatType?: string;
  lastChannel?: string | null;
  channel?: string | null;
  updatedAt?: number | null;
  status?: string;
}

/** Sessions asked for per list read; events may add sessions up to this many beyond what was read. */
export const SESSIONS_LIMIT = 500;

/** The title to show for a session: label, then display name, derived title, then key. */
export function sessionTitle(row: SessionRow): string {
  return row.label || row.displayName || row.derivedTitle || titleFromKey(row.key);
}

/** An unnamed session's title from its key: `agent:main:support` reads as “support”, not the raw key. */
export function titleFromKey(key: string): string {
  const parts = key.split(':');
  return parts.length > 2 && parts[0] === 'agent' ? parts.slice(2).join(':') || key : key;
}

/** The channel a session came from, when the gateway says. */
export function sessionChannel(row: SessionRow): string {
  return row.channel || row.lastChannel || row.chatType || row.kind || '';
}

const ROW_FIELDS: Record<string, FieldKind> = {
  key: 'string',
  agentId: 'string',
  label: 'string',
  displayName: 'string',
  derivedTitle: 'string',
  lastMessagePreview: 'string',
  model: 'string',
  modelProvider: 'string',
  totalTokens: 'number',
  estimatedCostUsd: 'number',
  hasActiveRun: 'boolean',
  isMain: 'boolean',
  kind: 'string',
  chatType: 'string',
  lastChannel: 'string',
  channel: 'string',
  updatedAt: 'number',
  status: 'string',
};

/** A session row the list can render (fields of the wrong kind dropped), or undefined without a key. */
export function readSessionRow(value: unknown): SessionRow | undefined {
  // null is kept: the gateway clears a label or a preview with it.
  return cleanRecord<SessionRow>(value, ROW_FIELDS, { required: ['key'], nullable: true });
}

function byKey(list: unknown): Map<string, SessionRow> {
  return new Map(uniqueBy(list, readSessionRow, (row) => row.key).map((row) => [row.key, row]));
}

function applyChanged(rows: Map<string, SessionRow>, frame: EventFrame): Map<string, SessionRow> {
  const payload = frame.payload as
    { sessionKey?: unknown; reason?: unknown; session?: unknown } | undefined;
  const key = typeof payload?.sessionKey === 'string' ? payload.sessionKey : undefined;
  if (!key) return rows;
  if (payload?.reason === 'deleted' || payload?.reason === 'delete') {
    if (!rows.has(key)) return rows;
    const next = new Map(rows);
    next.delete(key);
    return next;
  }
  const session = payload?.session === undefined ? undefined : readSessionRow(payload.session);
  if (!session || session.key !== key) return rows;
  const known = rows.get(key);
  // Keep fields only the list call carries (derived title, preview) when an event omits them.
  const merged = known ? { ...known, ...session } : session;
  if (known) return new Map(rows).set(key, merged);
  // A new session goes first (newest); past the limit the oldest listed one makes room.
  const next = new Map([[key, merged], ...rows]);
  if (next.size > Math.max(SESSIONS_LIMIT, rows.size)) next.delete([...next.keys()].at(-1)!);
  return next;
}

/** Every session (keyed by session key), read once and kept live by `sessions.changed`. */
export const sessions = gatewayCollection<Map<string, SessionRow>>({
  method: 'sessions.list',
  initial: new Map(),
  subscription: 'sessions.subscribe',
  load: async () => {
    const result = await request<{ sessions?: unknown }>('sessions.list', {
      limit: SESSIONS_LIMIT,
      includeDerivedTitles: true,
      includeLastMessage: true,
    });
    return byKey(result.sessions);
  },
  events: { 'sessions.changed': applyChanged },
});

/** The session list as rows, in the gateway's order. */
export const sessionRows = computed(sessions, (state) => [...state.value.values()]);

async function act(method: string, params: unknown): Promise<Outcome> {
  const outcome = await attempt(() => request(method, params));
  if (outcome.ok) await sessions.refresh();
  return outcome;
}

/** Renames a session (its label). */
export function renameSession(key: string, label: string): Promise<Outcome> {
  return act('sessions.patch', { key, label: label.trim() || null });
}

/** Chooses the model a session runs with. */
export function setSessionModel(key: string, model: string): Promise<Outcome> {
  return act('sessions.patch', { key, model });
}

/** Resets a session's conversation. */
export function resetSession(key: string): Promise<Outcome> {
  return act('sessions.reset', { key });
}

/** Deletes a session (the main session cannot be deleted). */
export function deleteSession(key: string): Promise<Outcome> {
  return act('sessions.delete', { key });
}

/** A new session key for the default agent, unique enough to never collide. */
export function newSessionKey(): string {
  const agent = gatewayHello.get()?.snapshot.sessionDefaults?.defaultAgentId ?? 'main';
  return `agent:${agent}:console-${randomId().slice(0, 8)}`;
}

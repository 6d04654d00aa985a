import type { EventFrame } from '@openclaw/gateway-client/browser';
import { atom, computed, onMount, readonlyType } from 'nanostores';
import { describeError } from './chat';
import { can, gatewayHello, onConnected, onGatewayEvent, request } from './connection';
import { randomId } from '../gateway/uuid';

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

/** How the list is narrowed and ordered. */
export interface SessionFilter {
  search: string;
  agentId: string;
  channel: string;
  activeOnly: boolean;
  sort: 'updated' | 'title' | 'tokens';
}

/** Sessions fetched per page, and the most kept in memory. */
export const SESSIONS_LIMIT = 500;

const $rows = atom<SessionRow[]>([]);
const $status = atom<{ loading: boolean; error?: string; total?: number }>({ loading: false });
/** The session list as last read from the gateway and kept live by `sessions.changed`. */
export const sessionRows = readonlyType($rows);
/** Whether the list is loading, and why it failed. */
export const sessionsStatus = readonlyType($status);
/** The list's search, filters and sort (not persisted: a view choice). */
export const sessionFilter = atom<SessionFilter>({
  search: '',
  agentId: '',
  channel: '',
  activeOnly: false,
  sort: 'updated',
});

/** The title to show for a session: label, then display name, derived title, then key. */
export function sessionTitle(row: SessionRow): string {
  return row.label || row.displayName || row.derivedTitle || row.key;
}

/** The channel a session came from, when the gateway says. */
export function sessionChannel(row: SessionRow): string {
  return row.channel || row.lastChannel || row.chatType || row.kind || '';
}

/** The rows after search, filters and sort. */
export const visibleSessions = computed([$rows, sessionFilter], (rows, filter) => {
  const needle = filter.search.trim().toLowerCase();
  const shown = rows.filter(
    (row) =>
      (!needle ||
        [row.key, sessionTitle(row), row.lastMessagePreview ?? '', row.model ?? '']
          .join(' ')
          .toLowerCase()
          .includes(needle)) &&
      (!filter.agentId || row.agentId === filter.agentId) &&
      (!filter.channel || sessionChannel(row) === filter.channel) &&
      (!filter.activeOnly || row.hasActiveRun === true),
  );
  const by = {
    updated: (a: SessionRow, b: SessionRow) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0),
    title: (a: SessionRow, b: SessionRow) => sessionTitle(a).localeCompare(sessionTitle(b)),
    tokens: (a: SessionRow, b: SessionRow) => (b.totalTokens ?? 0) - (a.totalTokens ?? 0),
  }[filter.sort];
  return shown.sort(by);
});

/** Rows rendered at a time: a list of hundreds re-laid out on every keystroke made typing lag. */
export const SESSIONS_SHOWN_STEP = 100;
const $shownLimit = atom(SESSIONS_SHOWN_STEP);
// A new search or filter starts from the top again.
sessionFilter.listen(() => $shownLimit.set(SESSIONS_SHOWN_STEP));

/** The first rows of `visibleSessions`, as many as the reader asked to see. */
export const shownSessions = computed([visibleSessions, $shownLimit], (rows, limit) =>
  rows.length > limit ? rows.slice(0, limit) : rows,
);

/** Renders the next step of rows. */
export function showMoreSessions(): void {
  $shownLimit.set($shownLimit.get() + SESSIONS_SHOWN_STEP);
}

/** The agents and channels present, for the filter menus. */
export const sessionFacets = computed($rows, (rows) => ({
  agents: [...new Set(rows.map((r) => r.agentId).filter((a): a is string => !!a))].sort(),
  channels: [...new Set(rows.map(sessionChannel).filter(Boolean))].sort(),
}));

function isRow(value: unknown): value is SessionRow {
  return (
    typeof value === 'object' && value !== null && typeof (value as SessionRow).key === 'string'
  );
}

/** Reads the list from the gateway (derived titles and last-message previews included). */
export async function refreshSessions(): Promise<void> {
  if (!can.get()('sessions.list')) return;
  $status.set({ ...$status.get(), loading: true, error: undefined });
  try {
    const result = await request<{ sessions?: unknown[]; totalCount?: number }>('sessions.list', {
      limit: SESSIONS_LIMIT,
      includeDerivedTitles: true,
      includeLastMessage: true,
    });
    $rows.set((result.sessions ?? []).filter(isRow));
    $status.set({ loading: false, total: result.totalCount });
  } catch (error) {
    $status.set({ loading: false, error: describeError(error) });
  }
}

function onChanged(frame: EventFrame): void {
  const payload = frame.payload as
    { sessionKey?: unknown; reason?: unknown; session?: unknown } | undefined;
  const key = typeof payload?.sessionKey === 'string' ? payload.sessionKey : undefined;
  if (!key) return;
  const rows = $rows.get();
  if (payload?.reason === 'deleted' || payload?.reason === 'delete') {
    $rows.set(rows.filter((row) => row.key !== key));
    return;
  }
  if (!isRow(payload?.session)) return;
  const session = payload.session;
  const index = rows.findIndex((row) => row.key === key);
  // Keep fields only the list call carries (derived title, preview) when an event omits them.
  const merged = index >= 0 ? { ...rows[index], ...session } : session;
  const next = index >= 0 ? rows.map((row, i) => (i === index ? merged : row)) : [merged, ...rows];
  $rows.set(next.slice(0, SESSIONS_LIMIT));
}

async function subscribe(): Promise<void> {
  if (can.get()('sessions.subscribe')) {
    await request('sessions.subscribe', {}).catch(() => undefined);
  }
  await refreshSessions();
}

onMount($rows, () => {
  if (gatewayHello.get()) void subscribe();
  const offs = [onConnected(() => void subscribe()), onGatewayEvent('sessions.changed', onChanged)];
  return () => offs.forEach((off) => off());
});

/** The outcome of a session action: undefined on success, else what went wrong in words. */
export type ActionResult = string | undefined;

async function act(method: string, params: unknown): Promise<ActionResult> {
  try {
    await request(method, params);
    await refreshSessions();
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** Renames a session (its label). */
export function renameSession(key: string, label: string): Promise<ActionResult> {
  return act('sessions.patch', { key, label: label.trim() || null });
}

/** Chooses the model a session runs with. */
export function setSessionModel(key: string, model: string): Promise<ActionResult> {
  return act('sessions.patch', { key, model });
}

/** Resets a session's conversation. */
export function resetSession(key: string): Promise<ActionResult> {
  return act('sessions.reset', { key });
}

/** Deletes a session (the main session cannot be deleted). */
export function deleteSession(key: string): Promise<ActionResult> {
  return act('sessions.delete', { key });
}

/** A new session key for the default agent, unique enough to never collide. */
export function newSessionKey(): string {
  const agent = gatewayHello.get()?.snapshot.sessionDefaults?.defaultAgentId ?? 'main';
  return `agent:${agent}:console-${randomId().slice(0, 8)}`;
}

/** The models the gateway offers, for the model picker. */
export async function listModels(): Promise<
  Array<{ id: string; name: string; provider?: string }>
> {
  const result = await request<{
    models?: Array<{ id?: string; name?: string; provider?: string }>;
  }>('models.list', {});
  return (result.models ?? [])
    .filter((m): m is { id: string; name?: string; provider?: string } => typeof m.id === 'string')
    .map((m) => ({
      id: m.provider ? `${m.provider}/${m.id}` : m.id,
      name: m.name ?? m.id,
      provider: m.provider,
    }));
}

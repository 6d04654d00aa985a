import { ACTIVITY_STATUSES, type ActivityStatus } from './activity-items';

/** Time windows the activity view offers, in milliseconds. */
export const ACTIVITY_WINDOWS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;
/** One time window's name. */
export type ActivityWindow = keyof typeof ACTIVITY_WINDOWS;

/** Row kinds the gateway filters by (`kind` param). */
export const ACTIVITY_KINDS = ['agent_run', 'tool_action', 'message'] as const;
/** One row kind. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The activity view's filters; all live in the address, so a view is bookmarkable. */
export interface ActivityFilters {
  status?: ActivityStatus;
  kind?: ActivityKind;
  channel?: string;
  agent?: string;
  since?: ActivityWindow;
  /** Rows per page (1–500, the gateway's bounds); absent: the default. */
  limit?: number;
}

/** Rows per page unless the address says otherwise. */
export const DEFAULT_PAGE = 50;
const MAX_TEXT = 200;

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | undefined =>
  list.includes(value as T) ? (value as T) : undefined;

/** Reads the filters from an address's query (unknown or odd values are ignored). */
export function readFilters(search: Record<string, string | undefined>): ActivityFilters {
  const filters: ActivityFilters = {};
  const status = oneOf(ACTIVITY_STATUSES, search.status);
  if (status) filters.status = status;
  const kind = oneOf(ACTIVITY_KINDS, search.kind);
  if (kind) filters.kind = kind;
  const since = oneOf(Object.keys(ACTIVITY_WINDOWS) as ActivityWindow[], search.since);
  if (since) filters.since = since;
  for (const name of ['channel', 'agent'] as const) {
    const text = search[name]?.trim().slice(0, MAX_TEXT);
    if (text) filters[name] = text;
  }
  const limit = Number(search.limit);
  if (Number.isInteger(limit) && limit >= 1 && limit <= 500) filters.limit = limit;
  return filters;
}

/** The address of the activity view with these filters. */
export function activityHref(filters: ActivityFilters): string {
  const query = new URLSearchParams();
  for (const name of ['status', 'kind', 'channel', 'agent', 'since', 'limit'] as const) {
    const value = filters[name];
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `/activity?${text}` : '/activity';
}

/** The `audit.activity.list` params for these filters at time `now`. */
export function filterParams(filters: ActivityFilters, now: number): Record<string, unknown> {
  const params: Record<string, unknown> = { limit: filters.limit ?? DEFAULT_PAGE };
  if (filters.status) params.status = filters.status;
  if (filters.kind) params.kind = filters.kind;
  if (filters.channel) params.channel = filters.channel;
  if (filters.agent) params.agentId = filters.agent;
  if (filters.since) params.after = Math.max(0, now - ACTIVITY_WINDOWS[filters.since]);
  return params;
}

/** Whether two sets of filters ask the same thing. */
export function sameFilters(a: ActivityFilters, b: ActivityFilters): boolean {
  return activityHref(a) === activityHref(b);
}

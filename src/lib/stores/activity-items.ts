import { cleanRecord, countUnreadable, isRecord, uniqueBy } from './validate';

/**
 * The rows of `audit.activity.list` (gateway 2026.9.6, docs/gateway/protocol/ledgers.md): a
 * newest-first, metadata-only ledger of agent runs, tool actions and inbound/outbound messages.
 * Reply: `{ events: AuditActivityEventV1[], nextCursor?: string }`.
 */

/** What an activity row is about (from the gateway's `eventType`). */
export type ActivityType = 'agent_run' | 'tool_action' | 'inbound_message' | 'outbound_message';
const TYPES: readonly string[] = [
  'agent_run',
  'tool_action',
  'inbound_message',
  'outbound_message',
];

/** The statuses the gateway filters by (closed enum in its schema). */
export const ACTIVITY_STATUSES = [
  'started',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'blocked',
  'unknown',
] as const;
/** One activity status. */
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** How long after a run ends its ledger row can be read (the gateway writes in the background). */
export const LEDGER_LAG_MS = 1_500;

/** Statuses that mean work went wrong (the wall's ticker shows these). */
export const BAD_STATUSES: readonly ActivityStatus[] = ['failed', 'timed_out', 'blocked'];

/** One row of the activity ledger, as the console shows it. */
export interface ActivityItem {
  /** The gateway's stable event id. */
  id: string;
  /** The ledger's monotonic sequence (newer is larger). */
  sequence: number;
  at: number;
  type: ActivityType;
  /** The gateway's action name, e.g. `agent.run.finished`. */
  action: string;
  status: ActivityStatus;
  agentId?: string;
  runId?: string;
  sessionKey?: string;
  toolName?: string;
  channel?: string;
  /** A message's outcome (`sent`, `skipped`, …). */
  outcome?: string;
  errorCode?: string;
  reasonCode?: string;
  failureStage?: string;
  durationMs?: number;
}

/** One page of activity and the cursor to the older page, if any. */
export interface ActivityPage {
  items: ActivityItem[];
  nextCursor?: string;
}

type Raw = Omit<ActivityItem, 'id' | 'at' | 'type' | 'status'> & {
  eventId: string;
  occurredAt: number;
  eventType: string;
  status: string;
};

const FIELDS = {
  eventId: 'string',
  sequence: 'number',
  occurredAt: 'number',
  eventType: 'string',
  action: 'string',
  status: 'string',
  agentId: 'string',
  runId: 'string',
  sessionKey: 'string',
  toolName: 'string',
  channel: 'string',
  outcome: 'string',
  errorCode: 'string',
  reasonCode: 'string',
  failureStage: 'string',
  durationMs: 'number',
} as const;

const KEEP = ['agentId', 'runId', 'sessionKey', 'toolName', 'channel', 'outcome'] as const;
const KEEP_MORE = ['errorCode', 'reasonCode', 'failureStage', 'durationMs'] as const;

/** Reads one row; undefined (counted in diagnostics) when it cannot be shown. */
export function readActivityItem(value: unknown): ActivityItem | undefined {
  const raw = cleanRecord<Raw>(value, FIELDS, {
    required: ['eventId', 'sequence', 'occurredAt', 'eventType', 'status'],
  });
  if (!raw) return undefined;
  // A newer gateway's row type or status has no words here: skip it rather than guess.
  if (
    !TYPES.includes(raw.eventType) ||
    !(ACTIVITY_STATUSES as readonly string[]).includes(raw.status)
  ) {
    countUnreadable();
    return undefined;
  }
  const item: ActivityItem = {
    id: raw.eventId,
    sequence: raw.sequence,
    at: raw.occurredAt,
    type: raw.eventType as ActivityType,
    action: raw.action ?? raw.eventType,
    status: raw.status as ActivityStatus,
  };
  for (const name of [...KEEP, ...KEEP_MORE]) {
    if (raw[name] !== undefined) Object.assign(item, { [name]: raw[name] });
  }
  return item;
}

/** Reads one reply of `audit.activity.list`; odd rows are skipped and counted, never fatal. */
export function readActivityPage(payload: unknown): ActivityPage {
  if (!isRecord(payload)) {
    countUnreadable();
    return { items: [] };
  }
  if (!Array.isArray(payload.events)) countUnreadable();
  const items = uniqueBy(payload.events, readActivityItem, (item) => item.id);
  const nextCursor =
    typeof payload.nextCursor === 'string' && payload.nextCursor ? payload.nextCursor : undefined;
  return { items, nextCursor };
}

/** Whether a row's status means trouble. */
export function isBad(item: ActivityItem): boolean {
  return BAD_STATUSES.includes(item.status);
}

import { gatewayCollection, RELOAD } from './collection';
import { request } from './gateway-session';
import { cleanRecord, type FieldKind } from './validate';

/** The parts of the gateway's `status` answer the overview shows. */
export interface StatusSummary {
  runtimeVersion?: string;
  pid?: number;
  sessions?: { count?: number };
  tasks?: { total?: number; active?: number; failures?: number };
  queuedSystemEvents?: unknown[];
  degradedPlugins?: unknown[];
  processMemory?: { rssBytes?: number; heapUsedBytes?: number };
  modelRuntime?: { degraded?: boolean };
}

/** Status is a heavier call than health: re-read it at most this often on health events. */
export const STATUS_MIN_INTERVAL_MS = 30_000;

/** A status summary the panel can render: every shown number is a number, lists are lists. */
export function readStatus(value: unknown): StatusSummary | undefined {
  const summary = cleanRecord<StatusSummary>(value, {
    runtimeVersion: 'string',
    pid: 'number',
    sessions: 'object',
    tasks: 'object',
    queuedSystemEvents: 'array',
    degradedPlugins: 'array',
    processMemory: 'object',
    modelRuntime: 'object',
  });
  if (!summary) return undefined;
  const part = <T>(value: unknown, fields: Record<string, FieldKind>) =>
    value === undefined ? undefined : cleanRecord<T>(value, fields);
  return {
    ...summary,
    sessions: part(summary.sessions, { count: 'number' }),
    tasks: part(summary.tasks, { total: 'number', active: 'number', failures: 'number' }),
    processMemory: part(summary.processMemory, { rssBytes: 'number', heapUsedBytes: 'number' }),
    modelRuntime: part(summary.modelRuntime, { degraded: 'boolean' }),
  };
}

/** The latest `status` summary, read on connect and (throttled) again with health updates. */
export const gatewayStatus = gatewayCollection<StatusSummary | undefined>({
  method: 'status',
  initial: undefined,
  load: async () => {
    return readStatus(await request<unknown>('status', {}));
  },
  events: {
    // A read already under way answers for this health event too.
    health: (current, _frame, state) =>
      !state.loading && Date.now() - (state.receivedAt ?? 0) >= STATUS_MIN_INTERVAL_MS
        ? RELOAD
        : current,
  },
});

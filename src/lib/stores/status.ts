import { gatewayCollection, RELOAD } from './collection';
import { request } from './gateway-session';

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

function isSummary(value: unknown): value is StatusSummary {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The latest `status` summary, read on connect and (throttled) again with health updates. */
export const gatewayStatus = gatewayCollection<StatusSummary | undefined>({
  method: 'status',
  initial: undefined,
  load: async () => {
    const value = await request<unknown>('status', {});
    return isSummary(value) ? value : undefined;
  },
  events: {
    // A read already under way answers for this health event too.
    health: (current, _frame, state) =>
      !state.loading && Date.now() - (state.receivedAt ?? 0) >= STATUS_MIN_INTERVAL_MS
        ? RELOAD
        : current,
  },
});

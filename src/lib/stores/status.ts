import { atom, onMount, readonlyType } from 'nanostores';
import { describeError } from './chat';
import { can, gatewayHello, onConnected, onGatewayEvent, request } from './connection';

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

const $status = atom<{ value?: StatusSummary; receivedAt?: number; error?: string }>({});
/** The latest `status` summary, refreshed on connect and (throttled) with health updates. */
export const gatewayStatus = readonlyType($status);

let inFlight = false;

/** Re-reads the status summary now. */
export async function refreshStatus(): Promise<void> {
  if (inFlight || !can.get()('status')) return;
  inFlight = true;
  try {
    const value = await request<StatusSummary>('status', {});
    $status.set({ value, receivedAt: Date.now() });
  } catch (error) {
    $status.set({ ...$status.get(), error: describeError(error) });
  } finally {
    inFlight = false;
  }
}

onMount($status, () => {
  if (gatewayHello.get()) void refreshStatus();
  const offs = [
    onConnected(() => void refreshStatus()),
    onGatewayEvent('health', () => {
      const last = $status.get().receivedAt ?? 0;
      if (Date.now() - last >= STATUS_MIN_INTERVAL_MS) void refreshStatus();
    }),
  ];
  return () => offs.forEach((off) => off());
});

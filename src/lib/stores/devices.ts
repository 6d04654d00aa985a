import { atom, computed } from 'nanostores';
import { attempt, type Outcome } from '../gateway/outcome';
import { gatewayCollection } from './collection';
import { request } from './gateway-session';
import { cleanRecord, uniqueBy, type FieldKind } from './validate';

/** A device waiting for an operator to approve it (fields as `device.pair.list` returns them). */
export interface PendingDevice {
  requestId: string;
  deviceId?: string;
  displayName?: string;
  platform?: string;
  clientId?: string;
  clientMode?: string;
  role?: string;
  scopes?: string[];
  remoteIp?: string;
  reason?: string;
  ts?: number;
}

const DEVICE_FIELDS: Record<string, FieldKind> = {
  requestId: 'string',
  deviceId: 'string',
  displayName: 'string',
  platform: 'string',
  clientId: 'string',
  clientMode: 'string',
  role: 'string',
  scopes: 'strings',
  remoteIp: 'string',
  reason: 'string',
  ts: 'number',
};

/** A pending device the panel can render, or undefined without a request id. */
export function readPendingDevice(value: unknown): PendingDevice | undefined {
  return cleanRecord<PendingDevice>(value, DEVICE_FIELDS, { required: ['requestId'] });
}

/** Pending requests keyed by request id: a repeated id (another client's doing) shows once. */
function byRequestId(list: unknown): Map<string, PendingDevice> {
  const items = uniqueBy(list, readPendingDevice, (device) => device.requestId);
  return new Map(items.map((device) => [device.requestId, device]));
}

/** Devices waiting for approval (needs the pairing scope), re-read on every `device.pair.*` event. */
export const devicePairing = gatewayCollection<Map<string, PendingDevice>>({
  method: 'device.pair.list',
  initial: new Map(),
  load: async () =>
    byRequestId((await request<{ pending?: unknown }>('device.pair.list', {})).pending),
  events: {
    'device.pair.requested': 'reload',
    'device.pair.resolved': 'reload',
    'device.pair.changed': 'reload',
  },
});

const $actionError = atom<string | undefined>(undefined);

/** Devices waiting for approval, in the gateway's order. */
export const pendingDevices = computed(devicePairing, (state) => [...state.value.values()]);
/** Why the pending list could not be read or the last action failed. */
export const devicesError = computed(
  [devicePairing, $actionError],
  (state, action) => action ?? state.error,
);

async function decide(method: string, requestId: string): Promise<Outcome> {
  const outcome = await attempt(() => request(method, { requestId }));
  $actionError.set(outcome.ok ? undefined : outcome.error);
  // The gateway's list is the truth (another operator may have answered first).
  await devicePairing.refresh();
  return outcome;
}

/** Approves a pending device; it can then connect with the scopes it asked for. */
export function approveDevice(requestId: string): Promise<Outcome> {
  return decide('device.pair.approve', requestId);
}

/** Rejects a pending device. */
export function rejectDevice(requestId: string): Promise<Outcome> {
  return decide('device.pair.reject', requestId);
}

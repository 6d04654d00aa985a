import { atom, computed } from 'nanostores';
import { attempt, type Outcome } from '../gateway/outcome';
import { gatewayCollection } from './collection';
import { gatewayHello, request } from './gateway-session';
import { byDeviceId, cleanLabel, deviceName, type PairedDevice } from './paired-devices';
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

/** What `device.pair.list` holds: requests waiting, and devices already paired. */
export interface DevicePairs {
  pending: Map<string, PendingDevice>;
  paired: Map<string, PairedDevice>;
}

/** Devices waiting for approval and paired devices (needs the pairing scope), re-read on every `device.pair.*` event. */
export const devicePairing = gatewayCollection<DevicePairs>({
  method: 'device.pair.list',
  initial: { pending: new Map(), paired: new Map() },
  load: async () => {
    const reply = await request<{ pending?: unknown; paired?: unknown }>('device.pair.list', {});
    return { pending: byRequestId(reply?.pending), paired: byDeviceId(reply?.paired) };
  },
  events: {
    'device.pair.requested': 'reload',
    'device.pair.resolved': 'reload',
    'device.pair.changed': 'reload',
  },
});

const $actionError = atom<string | undefined>(undefined);

/** Devices waiting for approval, in the gateway's order. */
export const pendingDevices = computed(devicePairing, (state) => [...state.value.pending.values()]);
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

/** Paired devices, the console's own first, then connected ones, then by name. */
export const pairedDevices = computed([devicePairing, gatewayHello], (state, hello) =>
  [...state.value.paired.values()]
    .map((device) => ({ device, self: !!hello && device.deviceId === hello.deviceId }))
    .sort(
      (a, b) =>
        Number(b.self) - Number(a.self) ||
        Number(b.device.connected) - Number(a.device.connected) ||
        deviceName(a.device).localeCompare(deviceName(b.device)),
    ),
);

const $pairedErrors = atom<ReadonlyMap<string, string>>(new Map());
/** The last failed action on each paired device, in the gateway's words. */
export const pairedErrors = computed($pairedErrors, (errors) => errors);

async function change(deviceId: string, method: string, params: unknown): Promise<Outcome> {
  const outcome = await attempt(() => request(method, params));
  const errors = new Map($pairedErrors.get());
  if (outcome.ok) errors.delete(deviceId);
  else errors.set(deviceId, outcome.error);
  $pairedErrors.set(errors);
  await devicePairing.refresh();
  return outcome;
}

/** Gives a paired device the operator's own label (`device.pair.rename`); an empty or long one is refused here. */
export function renameDevice(deviceId: string, text: string): Promise<Outcome> {
  const label = cleanLabel(text);
  if (!label) return Promise.resolve({ ok: false, error: 'label' });
  return change(deviceId, 'device.pair.rename', { deviceId, label });
}

/** Revokes one of a device's tokens (`device.token.revoke`): it must pair or sign in again for that role. */
export function revokeDeviceToken(deviceId: string, role: string): Promise<Outcome> {
  return change(deviceId, 'device.token.revoke', { deviceId, role });
}

/** Removes a paired device (`device.pair.remove`): it is no longer trusted and must pair again. */
export function removeDevice(deviceId: string): Promise<Outcome> {
  return change(deviceId, 'device.pair.remove', { deviceId });
}

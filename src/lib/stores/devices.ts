import { atom, onMount, readonlyType } from 'nanostores';
import { describeError } from './chat';
import { can, gatewayHello, onConnected, onGatewayEvent, request } from './connection';

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

const $pending = atom<PendingDevice[]>([]);
const $error = atom<string | undefined>(undefined);
/** Devices waiting for approval, kept live by `device.pair.*` events. */
export const pendingDevices = readonlyType($pending);
/** Why the pending list could not be read or an action failed. */
export const devicesError = readonlyType($error);

function isPending(value: unknown): value is PendingDevice {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PendingDevice).requestId === 'string'
  );
}

/** Re-reads the pending pairing requests (needs the pairing scope). */
export async function refreshDevices(): Promise<void> {
  if (!can.get()('device.pair.list')) {
    $pending.set([]);
    return;
  }
  try {
    const result = await request<{ pending?: unknown[] }>('device.pair.list', {});
    $pending.set((result.pending ?? []).filter(isPending));
    $error.set(undefined);
  } catch (error) {
    $error.set(describeError(error));
  }
}

async function decide(
  method: 'device.pair.approve' | 'device.pair.reject',
  requestId: string,
): Promise<void> {
  try {
    await request(method, { requestId });
    $pending.set($pending.get().filter((device) => device.requestId !== requestId));
    $error.set(undefined);
  } catch (error) {
    $error.set(describeError(error));
  }
  await refreshDevices();
}

/** Approves a pending device; it can then connect with the scopes it asked for. */
export function approveDevice(requestId: string): Promise<void> {
  return decide('device.pair.approve', requestId);
}

/** Rejects a pending device. */
export function rejectDevice(requestId: string): Promise<void> {
  return decide('device.pair.reject', requestId);
}

onMount($pending, () => {
  if (gatewayHello.get()) void refreshDevices();
  const offs = [
    onConnected(() => void refreshDevices()),
    onGatewayEvent('device.pair.requested', () => void refreshDevices()),
    onGatewayEvent('device.pair.resolved', () => void refreshDevices()),
    onGatewayEvent('device.pair.changed', () => void refreshDevices()),
  ];
  return () => offs.forEach((off) => off());
});

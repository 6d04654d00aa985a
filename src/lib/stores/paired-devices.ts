import { cleanRecord, uniqueBy } from './validate';

/** One role-bound token a paired device holds. */
export interface DeviceToken {
  role: string;
  scopes: string[];
  createdAtMs?: number;
  lastUsedAtMs?: number;
  revokedAtMs?: number;
}

/** A device the gateway has paired (fields as `device.pair.list` returns them, checked). */
export interface PairedDevice {
  deviceId: string;
  /** The operator's label (`device.pair.rename`, kept as `operatorLabel`). */
  label?: string;
  displayName?: string;
  platform?: string;
  clientId?: string;
  clientMode?: string;
  role?: string;
  roles: string[];
  scopes: string[];
  remoteIp?: string;
  connected: boolean;
  approvedAtMs?: number;
  lastSeenAtMs?: number;
  tokens: DeviceToken[];
}

function readToken(value: unknown): DeviceToken | undefined {
  const token = cleanRecord<DeviceToken>(
    value,
    {
      role: 'string',
      scopes: 'strings',
      createdAtMs: 'number',
      lastUsedAtMs: 'number',
      revokedAtMs: 'number',
    },
    { required: ['role'] },
  );
  return token && { ...token, scopes: token.scopes ?? [] };
}

/** A paired device the page can render, or undefined without its id. */
export function readPairedDevice(value: unknown): PairedDevice | undefined {
  const device = cleanRecord<PairedDevice & { tokens?: unknown; operatorLabel?: string }>(
    value,
    {
      deviceId: 'string',
      operatorLabel: 'string',
      displayName: 'string',
      platform: 'string',
      clientId: 'string',
      clientMode: 'string',
      role: 'string',
      roles: 'strings',
      scopes: 'strings',
      remoteIp: 'string',
      connected: 'boolean',
      approvedAtMs: 'number',
      lastSeenAtMs: 'number',
      tokens: 'array',
    },
    { required: ['deviceId'] },
  );
  if (!device) return undefined;
  return {
    ...device,
    label: device.operatorLabel || undefined,
    roles: device.roles ?? (device.role ? [device.role] : []),
    scopes: device.scopes ?? [],
    connected: device.connected === true,
    tokens: uniqueBy(device.tokens, readToken, (token) => token.role),
  };
}

/** Paired devices keyed by device id: a repeated id shows once. */
export function byDeviceId(list: unknown): Map<string, PairedDevice> {
  const items = uniqueBy(list, readPairedDevice, (device) => device.deviceId);
  return new Map(items.map((device) => [device.deviceId, device]));
}

/** The name to show for a device: the operator's label, its own name, its client, or its id. */
export function deviceName(device: PairedDevice): string {
  return device.label || device.displayName || device.clientId || device.deviceId.slice(0, 12);
}

/** The longest label the gateway accepts for a device. */
export const LABEL_MAX = 64;

/** A label as it will be sent, or undefined when it is empty or too long. */
export function cleanLabel(text: string): string | undefined {
  const label = text.trim();
  return label && [...label].length <= LABEL_MAX ? label : undefined;
}

import {
  gatewayCredentialScope,
  type GatewayBrowserDeviceTokenRecord,
  type GatewayBrowserDeviceTokenStore,
} from '@openclaw/gateway-client/browser';
import type { KeyVault } from './identity';

interface TokenKey {
  clientId: string;
  deviceId: string;
  role: string;
}

function tokenPrefix(gatewayUrl: string): string {
  return `device-token:${gatewayCredentialScope(gatewayUrl)}|`;
}

function tokenKey(gatewayUrl: string, key: TokenKey): string {
  return `${tokenPrefix(gatewayUrl)}${key.clientId}|${key.deviceId}|${key.role}`;
}

/** Deletes every device token this browser holds for a gateway: all profiles, observers, roles. */
export async function forgetDeviceTokens(gatewayUrl: string, vault: KeyVault): Promise<void> {
  const keys = await vault.keys(tokenPrefix(gatewayUrl));
  await Promise.all(keys.map((key) => vault.delete(key)));
}

/** A device-token store for one gateway URL, so each gateway keeps the token it issued. */
export function deviceTokenStore(
  gatewayUrl: string,
  vault: KeyVault,
): GatewayBrowserDeviceTokenStore {
  return {
    load: async (key) =>
      (await vault.get<GatewayBrowserDeviceTokenRecord>(tokenKey(gatewayUrl, key))) ?? null,
    store: (record) =>
      vault.set(tokenKey(gatewayUrl, record), { token: record.token, scopes: record.scopes }),
    clear: (key) => vault.delete(tokenKey(gatewayUrl, key)),
  };
}

import type { GatewayBrowserDeviceIdentity } from '@openclaw/gateway-client/browser';
import { base64Url, hex } from './encoding';
import { idbDelete, idbGet, idbKeys, idbSet } from './idb';

// The pure-JS fallback is loaded only where WebCrypto Ed25519 is missing, so secure pages never download it.
const fallback = () => import('./identity-fallback');

/** A device identity plus whether its private key is a non-extractable WebCrypto key. */
export interface DeviceIdentity extends GatewayBrowserDeviceIdentity {
  /** False when the fallback pure-JS key is in use (insecure context): the key is readable by page script. */
  nonExtractable: boolean;
}

/** Where identities are persisted (IndexedDB in the browser, a Map in tests). */
export interface KeyVault {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every stored key that starts with a prefix (to forget all a gateway issued). */
  keys(prefix: string): Promise<string[]>;
}

/** The IndexedDB vault used in the browser. */
export const indexedDbVault: KeyVault = {
  get: idbGet,
  set: idbSet,
  delete: idbDelete,
  keys: idbKeys,
};

type StoredIdentity =
  | { kind: 'webcrypto'; keyPair: CryptoKeyPair; publicKey: string; deviceId: string }
  | { kind: 'noble'; secretKey: Uint8Array; publicKey: string; deviceId: string };

const encoder = new TextEncoder();

function vaultKey(profile: string): string {
  return `identity:${profile}`;
}

async function webCryptoEd25519(subtle: SubtleCrypto | null): Promise<CryptoKeyPair | null> {
  if (!subtle) return null;
  try {
    // Non-extractable: page script (and any XSS) can sign with it but never read it out.
    return (await subtle.generateKey({ name: 'Ed25519' }, false, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
  } catch {
    return null;
  }
}

async function createIdentity(subtle: SubtleCrypto | null): Promise<StoredIdentity> {
  const keyPair = await webCryptoEd25519(subtle);
  if (keyPair && subtle) {
    const raw = new Uint8Array(await subtle.exportKey('raw', keyPair.publicKey));
    const digest = new Uint8Array(await subtle.digest('SHA-256', raw));
    return { kind: 'webcrypto', keyPair, publicKey: base64Url(raw), deviceId: hex(digest) };
  }
  const { secretKey, publicKey, digest } = (await fallback()).createFallbackKey();
  return { kind: 'noble', secretKey, publicKey: base64Url(publicKey), deviceId: hex(digest) };
}

function toIdentity(stored: StoredIdentity, subtle: SubtleCrypto | null): DeviceIdentity {
  const base = { deviceId: stored.deviceId, publicKey: stored.publicKey };
  if (stored.kind === 'webcrypto' && subtle) {
    const privateKey = stored.keyPair.privateKey;
    return {
      ...base,
      nonExtractable: true,
      sign: async (payload) =>
        base64Url(
          new Uint8Array(await subtle.sign('Ed25519', privateKey, encoder.encode(payload))),
        ),
    };
  }
  if (stored.kind === 'noble') {
    const secretKey = stored.secretKey;
    return {
      ...base,
      nonExtractable: false,
      sign: async (payload) =>
        base64Url((await fallback()).fallbackSign(encoder.encode(payload), secretKey)),
    };
  }
  throw new Error('stored WebCrypto identity cannot be used without WebCrypto');
}

/** Loads this browser's device identity for a profile, creating and persisting one on first use (`subtle` null = no WebCrypto). */
export async function loadDeviceIdentity(
  profile = 'default',
  vault: KeyVault = indexedDbVault,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
): Promise<DeviceIdentity> {
  const stored = await vault.get<StoredIdentity>(vaultKey(profile));
  if (stored && (stored.kind === 'noble' || subtle)) return toIdentity(stored, subtle);
  const created = await createIdentity(subtle);
  await vault.set(vaultKey(profile), created);
  return toIdentity(created, subtle);
}

import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryVault } from '../testing/fake-websocket';
import { loadDeviceIdentity } from './identity';

function verifies(identity: { publicKey: string }, message: string, signature: string) {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: identity.publicKey },
    format: 'jwk',
  });
  return verify(null, Buffer.from(message), key, Buffer.from(signature, 'base64url'));
}

describe('device identity', () => {
  it('uses a non-extractable WebCrypto key, persisted and reused', async () => {
    const vault = memoryVault();
    const first = await loadDeviceIdentity('default', vault);
    expect(first.nonExtractable).toBe(true);
    const stored = vault.map.get('identity:default') as { keyPair: CryptoKeyPair };
    expect(stored.keyPair.privateKey.extractable).toBe(false);
    const raw = Buffer.from(first.publicKey, 'base64url');
    expect(raw).toHaveLength(32);
    expect(first.deviceId).toBe(createHash('sha256').update(raw).digest('hex'));
    const again = await loadDeviceIdentity('default', vault);
    expect(again.deviceId).toBe(first.deviceId);
    expect(verifies(first, 'hello', await again.sign('hello'))).toBe(true);
  });

  it('falls back to a pure-JS key where WebCrypto is missing (insecure context)', async () => {
    const vault = memoryVault();
    const identity = await loadDeviceIdentity('default', vault, null);
    expect(identity.nonExtractable).toBe(false);
    const raw = Buffer.from(identity.publicKey, 'base64url');
    expect(identity.deviceId).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(verifies(identity, 'v3|payload', await identity.sign('v3|payload'))).toBe(true);
  });

  it('keeps the pure-JS identity across reloads of an insecure page', async () => {
    const vault = memoryVault();
    const first = await loadDeviceIdentity('default', vault, null);
    const again = await loadDeviceIdentity('default', vault, null);
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.nonExtractable).toBe(false);
    expect(verifies(first, 'x', await again.sign('x'))).toBe(true);
    // A secure page later keeps using it: WebCrypto does not replace a working identity.
    const secure = await loadDeviceIdentity('default', vault);
    expect(secure.deviceId).toBe(first.deviceId);
    expect(verifies(first, 'y', await secure.sign('y'))).toBe(true);
  });

  it('makes a pure-JS identity when a WebCrypto one cannot be used without WebCrypto', async () => {
    const vault = memoryVault();
    const webcrypto = await loadDeviceIdentity('default', vault);
    const insecure = await loadDeviceIdentity('default', vault, null);
    expect(insecure.deviceId).not.toBe(webcrypto.deviceId);
    expect(insecure.nonExtractable).toBe(false);
    expect(verifies(insecure, 'z', await insecure.sign('z'))).toBe(true);
  });

  it('keeps separate identities per profile', async () => {
    const vault = memoryVault();
    const a = await loadDeviceIdentity('default', vault);
    const b = await loadDeviceIdentity('observer', vault);
    expect(a.deviceId).not.toBe(b.deviceId);
  });
});

import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

// Insecure contexts have no crypto.subtle, so noble gets a synchronous pure-JS SHA-512.
ed.hashes.sha512 = sha512;

/** A fresh pure-JS Ed25519 key pair, for contexts without WebCrypto Ed25519. */
export function createFallbackKey(): {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  digest: Uint8Array;
} {
  const secretKey = ed.utils.randomSecretKey();
  const publicKey = ed.getPublicKey(secretKey);
  return { secretKey, publicKey, digest: sha256(publicKey) };
}

/** Signs with a pure-JS key. */
export function fallbackSign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed.sign(message, secretKey);
}

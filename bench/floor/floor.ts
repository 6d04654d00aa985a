// The floor a console like ours can reach: only `@openclaw/gateway-client/browser`, connecting
// with a token and a device identity (a non-extractable WebCrypto Ed25519 key, made while the
// socket opens), as the gateway requires of a browser console. No framework, no stores, no
// IndexedDB (a cold browser has nothing stored anyway). Its hello-ok snapshot's health verdict
// goes on screen, as our overview shows it.
import {
  GatewayBrowserDeviceAuthLifecycle,
  GatewayProtocolClient,
  type GatewayBrowserDeviceAuthPlan,
  type GatewayBrowserDeviceIdentity,
  type GatewayBrowserDeviceTokenRecord,
} from '@openclaw/gateway-client/browser';
import { browserSocketFactory } from '../../src/lib/gateway/socket';
import { base64Url, hex } from '../../src/lib/gateway/encoding';
import { handoff, showHealth, showPhase } from './show';

async function makeIdentity(): Promise<GatewayBrowserDeviceIdentity> {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
  const deviceId = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw)));
  const encoder = new TextEncoder();
  return {
    deviceId,
    publicKey: base64Url(raw),
    sign: async (payload) =>
      base64Url(
        new Uint8Array(
          await crypto.subtle.sign('Ed25519', keys.privateKey, encoder.encode(payload)),
        ),
      ),
  };
}

const { url, token } = handoff();
const identity = makeIdentity();
const tokens = new Map<string, GatewayBrowserDeviceTokenRecord>();
const lifecycle = new GatewayBrowserDeviceAuthLifecycle({
  loadIdentity: () => identity,
  tokenStore: {
    load: ({ deviceId }) => tokens.get(deviceId) ?? null,
    store: ({ deviceId, token: issued, scopes }) =>
      void tokens.set(deviceId, { token: issued, scopes }),
    clear: ({ deviceId }) => void tokens.delete(deviceId),
  },
});
const client = { id: 'openclaw-control-ui', version: '0', platform: 'web', mode: 'ui' } as const;
let nextId = 0;
const gateway = new GatewayProtocolClient<GatewayBrowserDeviceAuthPlan>({
  createSocket: browserSocketFactory(url, WebSocket),
  createRequestId: () => String(++nextId),
  buildConnectPlan: ({ nonce, challengeTs }) =>
    lifecycle.buildPlan({
      client,
      role: 'operator',
      defaultScopes: ['operator.read'],
      token,
      nonce,
      challengeTs,
    }),
  buildConnectParams: (plan) => ({
    minProtocol: 4,
    maxProtocol: 4,
    client,
    role: plan.role,
    scopes: plan.scopes,
    caps: ['tool-events'],
    auth: plan.auth,
    device: plan.device,
  }),
  onConnectHello: (hello, { plan }) => {
    showPhase('Connected');
    // A just-started gateway's snapshot has no verdict yet: ask, as our console does.
    if (!showHealth(hello.snapshot.health)) void gateway.request('health').then(showHealth);
    void lifecycle.acceptHello(hello, plan);
  },
  resolveClose: () => ({ retry: false, notify: true }),
  handshake: { mode: 'require-challenge', timeoutMs: 10_000 },
  reconnect: { initialMs: 1_000, multiplier: 2, maxMs: 30_000 },
});
gateway.start();

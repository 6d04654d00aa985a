import { vi } from 'vitest';
import { GatewayConnection } from '../gateway/connection';
import type { ConnectionListener, GatewayConnectionOptions } from '../gateway/connection-types';
import { deviceTokenStore } from '../gateway/device-tokens';
import { loadDeviceIdentity, type KeyVault } from '../gateway/identity';
import { FakeWebSocket, memoryVault } from './fake-websocket';

/** The gateway URL the connection tests use. */
export const URL = 'ws://127.0.0.1:18789';
/** The scopes the test connection asks for. */
export const SCOPES = ['operator.admin', 'operator.read', 'operator.write'];

/** A GatewayConnection on a fake socket with spy listeners and an in-memory vault. */
export function setup(
  credentials: { token?: string; password?: string } = { token: 'secret' },
  /** Where identities and tokens go instead of the returned in-memory vault (a slow disk, say). */
  store?: KeyVault,
  /** Options over the defaults (a socket worker, say). */
  extra: Partial<GatewayConnectionOptions> = {},
) {
  const vault = memoryVault();
  const listener = {
    phase: vi.fn(),
    hello: vi.fn(),
    event: vi.fn(),
    gap: vi.fn(),
    activity: vi.fn(),
    malformed: vi.fn(),
    closed: vi.fn(),
  } satisfies ConnectionListener;
  const connection = new GatewayConnection({
    url: URL,
    credentials: () => credentials,
    credentialsJustEntered: true,
    scopes: SCOPES,
    identity: () => loadDeviceIdentity('default', store ?? vault),
    tokens: deviceTokenStore(URL, store ?? vault),
    listener,
    instanceId: 'tab-1',
    locale: 'en',
    userAgent: 'vitest',
    origin: 'http://127.0.0.1:4173',
    WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
    random: () => 0.5,
    ...extra,
  });
  return { connection, listener, vault };
}

/** Opens the newest socket, sends the challenge and waits for the signed connect request. */
export async function handshake(socket = FakeWebSocket.last()) {
  socket.open();
  socket.receive({
    type: 'event',
    event: 'connect.challenge',
    payload: { nonce: 'n-1', ts: 1_795_552_519_686 },
  });
  await vi.waitFor(() => socket.lastRequest('connect'));
  return socket.lastRequest('connect');
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceTokenStore } from '../gateway/device-tokens';
import { FakeWebSocket } from '../testing/fake-websocket';
import { useFakePlatform, type FakeDom } from '../testing/fake-platform';
import { connectionState, disconnect, gatewaySettings } from './connection';
import { currentCredentials } from './sign-in';
import {
  acceptProposal,
  declineProposal,
  dismissLinkNotice,
  forgetGateway,
  gatewayProposal,
  initConnection,
  linkNotice,
} from './gateway-choice';
import { platform } from './platform';
import { activeProfileId, profiles, saveProfile } from './profiles';

const URL = 'ws://127.0.0.1:18789';
const OTHER = 'ws://10.0.0.9:18789';

let dom: FakeDom;
beforeEach(() => {
  dom = useFakePlatform();
  activeProfileId.set('');
  profiles.set([]);
  gatewaySettings.set({ url: '', remember: '', observer: '' });
  declineProposal();
  dismissLinkNotice();
});
afterEach(() => disconnect());

const DEFAULT = 'ws://127.0.0.1:18789';
const EVIL = 'wss://evil.example:443';
const socketUrls = () => FakeWebSocket.instances.map((socket) => socket.url);

async function issue(url: string, deviceId: string): Promise<void> {
  await deviceTokenStore(url, platform().vault).store({
    clientId: 'openclaw-control-ui',
    deviceId,
    role: 'operator',
    token: `token-${deviceId}`,
    scopes: ['operator.read'],
  });
}

function storedTokens(): string[] {
  const { map } = platform().vault as unknown as { map: Map<string, unknown> };
  return [...map.keys()].filter((key) => key.startsWith('device-token:'));
}

describe('forgetGateway', () => {
  it('clears every device token for that gateway, whichever profile or observer identity got it', async () => {
    // Three identities used this gateway: two profiles and an observer; another gateway has one too.
    await issue(URL, 'profile-a');
    await issue(URL, 'profile-b');
    await issue(URL, 'observer-b');
    await issue(OTHER, 'profile-a');
    activeProfileId.set('b');

    await forgetGateway(URL);

    expect(storedTokens()).toHaveLength(1);
    expect(storedTokens()[0]).toContain('10.0.0.9');
  });
});

describe('start-up links', () => {
  it('a link to a gateway this browser never used asks first and changes nothing until agreed', async () => {
    gatewaySettings.setKey('url', DEFAULT);
    dom.address.hash = `#gateway=${encodeURIComponent(EVIL)}&token=stolen`;
    await initConnection(DEFAULT);

    expect(dom.address.hash).toBe('');
    expect(gatewayProposal.get()?.url).toBe(EVIL);
    expect(gatewaySettings.get().url).toBe(DEFAULT);
    expect(socketUrls()).not.toContain(EVIL);
    expect(currentCredentials(EVIL).token).toBeUndefined();

    acceptProposal();
    expect(gatewayProposal.get()).toBeUndefined();
    expect(gatewaySettings.get().url).toBe(EVIL);
    expect(currentCredentials(EVIL).token).toBe('stolen');
    expect(connectionState.get().url).toBe(EVIL);
  });

  it('declining keeps the saved gateway and forgets the proposed token', async () => {
    gatewaySettings.setKey('url', DEFAULT);
    dom.address.hash = `#gateway=${encodeURIComponent(EVIL)}&token=stolen`;
    await initConnection(DEFAULT);
    declineProposal();
    expect(gatewaySettings.get().url).toBe(DEFAULT);
    expect(connectionState.get().url).toBe(DEFAULT);
    expect(currentCredentials(EVIL).token).toBeUndefined();
  });

  it('a link with a scheme other than ws:// or wss:// is ignored and said so', async () => {
    dom.address.hash = '#gateway=javascript:alert(1)&token=t';
    await initConnection(DEFAULT);
    expect(gatewayProposal.get()).toBeUndefined();
    expect(linkNotice.get()).toMatchObject({ kind: 'bad-scheme' });
    expect(socketUrls()).toEqual([]);
  });

  it('the saved gateway and saved profiles connect without asking', async () => {
    saveProfile({ name: 'lab', url: 'ws://10.1.1.1:18789' });
    dom.address.hash = `#gateway=${encodeURIComponent('ws://10.1.1.1:18789')}`;
    await initConnection(DEFAULT);
    expect(gatewayProposal.get()).toBeUndefined();
    expect(socketUrls()).toEqual(['ws://10.1.1.1:18789']);
  });

  it('the gateway npm start serves for connects at once, the token fetched with a one-time code', async () => {
    dom.serverConfig = { gateways: [DEFAULT], anyGateway: false };
    dom.handoffCodes.set('c0de', 'demo-token');
    dom.address.hash = `#gateway=${encodeURIComponent(DEFAULT)}&code=c0de`;
    await initConnection(DEFAULT);
    expect(gatewayProposal.get()).toBeUndefined();
    expect(currentCredentials(DEFAULT).token).toBe('demo-token');
    expect(socketUrls()).toEqual([DEFAULT]);
    expect(dom.address.hash).toBe('');
    expect(linkNotice.get()).toBeUndefined();
  });

  it('a used or expired code says so instead of connecting with nothing', async () => {
    dom.serverConfig = { gateways: [DEFAULT], anyGateway: false };
    dom.address.hash = `#gateway=${encodeURIComponent(DEFAULT)}&code=used`;
    await initConnection(DEFAULT);
    expect(linkNotice.get()).toMatchObject({ kind: 'code-unusable' });
  });

  it('a #token= with no saved gateway is a proposal too, and says what the address leaves behind', async () => {
    dom.address.hash = '#token=secret';
    await initConnection(DEFAULT);
    expect(gatewayProposal.get()).toMatchObject({ url: DEFAULT, token: 'secret' });
    expect(currentCredentials(DEFAULT).token).toBeUndefined();
    expect(linkNotice.get()).toMatchObject({ kind: 'token-in-url' });
  });
});

describe('a page the gateway itself served', () => {
  it('takes the gateway’s own #token= link for that gateway, not the one this browser used last', async () => {
    const own = 'ws://127.0.0.1:18790';
    gatewaySettings.set({ url: OTHER, remember: '', observer: '' });
    // What platform().serverConfig answers when the gateway served the page: its own origin.
    dom.serverConfig = { gateways: [own], anyGateway: false };
    dom.address.hash = '#token=gateway-token';
    await initConnection(own);
    expect(currentCredentials(OTHER).token).toBeUndefined();
    expect(currentCredentials(own).token).toBe('gateway-token');
    expect(socketUrls()).toEqual([own]);
  });
});

describe('one-time codes', () => {
  it('are never exchanged for a gateway other than the one the server names', async () => {
    dom.serverConfig = { gateways: [DEFAULT], anyGateway: false };
    dom.handoffCodes.set('c0de', 'demo-token');
    dom.address.hash = `#gateway=${encodeURIComponent(EVIL)}&code=c0de`;
    await initConnection(DEFAULT);
    expect(dom.handoffCodes.has('c0de')).toBe(true);
    expect(gatewayProposal.get()).toEqual({ url: EVIL, token: undefined });
    expect(linkNotice.get()).toMatchObject({ kind: 'code-unusable' });
  });
});

import { describe, expect, it } from 'vitest';
import { memoryVault } from '../testing/fake-websocket';
import { deviceTokenStore } from './device-tokens';

const device = { clientId: 'openclaw-control-ui', deviceId: 'd-1', role: 'operator' };

describe('deviceTokenStore', () => {
  it('keeps the token each gateway issued apart, per device and role, and clears only one', async () => {
    const vault = memoryVault();
    const here = deviceTokenStore('ws://127.0.0.1:18789', vault);
    const there = deviceTokenStore('ws://10.0.0.2:18789', vault);
    await here.store({ ...device, token: 'tok-here', scopes: ['operator.read'] });
    await there.store({ ...device, token: 'tok-there', scopes: [] });
    await here.store({ ...device, role: 'node', token: 'tok-node', scopes: [] });
    expect(await here.load(device)).toEqual({ token: 'tok-here', scopes: ['operator.read'] });
    expect(await there.load(device)).toMatchObject({ token: 'tok-there' });
    expect(await here.load({ ...device, deviceId: 'd-2' })).toBeNull();
    await here.clear(device);
    expect(await here.load(device)).toBeNull();
    expect(await here.load({ ...device, role: 'node' })).toMatchObject({ token: 'tok-node' });
    expect(await there.load(device)).toMatchObject({ token: 'tok-there' });
  });
});

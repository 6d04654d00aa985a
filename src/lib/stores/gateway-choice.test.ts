import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceTokenStore } from '../gateway/device-tokens';
import { useFakePlatform } from '../testing/fake-platform';
import { disconnect } from './connection';
import { forgetGateway } from './gateway-choice';
import { platform } from './platform';
import { activeProfileId } from './profiles';

const URL = 'ws://127.0.0.1:18789';
const OTHER = 'ws://10.0.0.9:18789';

beforeEach(() => {
  useFakePlatform();
  activeProfileId.set('');
});
afterEach(() => disconnect());

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

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFakePlatform } from '../testing/fake-platform';
import { FakeWebSocket } from '../testing/fake-websocket';
import { completeHandshake } from '../testing/handshake';
import { connectLive } from '../testing/live';
import { connectionState, disconnect } from './connection';
import { connect } from './connect-form';
import { switchProfile } from './gateway-choice';
import { activeProfile, activeProfileId, profiles } from './profiles';

const URL = 'ws://127.0.0.1:18789';
const deviceIdOf = (socket: FakeWebSocket) =>
  (socket.lastRequest('connect').params.device as { id: string }).id;

beforeEach(() => {
  useFakePlatform();
  profiles.set([]);
  activeProfileId.set('');
});
afterEach(() => disconnect());

describe('saving the working connection as a profile', () => {
  it('keeps the connection up and the device it is paired as', async () => {
    const first = await connectLive();
    const sockets = FakeWebSocket.instances.length;
    connect({ url: URL, remember: false, profileName: 'Ops' });
    expect(FakeWebSocket.instances).toHaveLength(sockets);
    expect(connectionState.get().phase).toBe('connected');
    expect(activeProfile.get()?.name).toBe('Ops');

    // Later, opened from the profile: the same device signs in, so its device token still fits.
    disconnect();
    switchProfile(activeProfile.get()!.id);
    const again = FakeWebSocket.last();
    await completeHandshake(again);
    expect(deviceIdOf(again)).toBe(deviceIdOf(first));
  });

  it('gives a profile for another gateway a device of its own', async () => {
    const first = await connectLive();
    connect({ url: 'ws://127.0.0.1:18799', token: 'other', remember: false, profileName: 'Lab' });
    const other = FakeWebSocket.last();
    expect(other).not.toBe(first);
    await completeHandshake(other);
    expect(deviceIdOf(other)).not.toBe(deviceIdOf(first));
  });
});

import { describe, expect, it } from 'vitest';
import { activeProfileId, profiles } from './profiles';
import { shareLink } from './share';

describe('shareLink', () => {
  it('carries the profile name, view and session, never a credential', () => {
    profiles.set([{ id: 'p1', name: 'prod eu', url: 'ws://gw.example:18789', colour: '#000' }]);
    activeProfileId.set('p1');
    const link = shareLink({
      origin: 'http://console.lan:4173',
      pathname: '/sessions/agent%3Amain%3Amain',
    });
    expect(link).toBe('http://console.lan:4173/sessions/agent%3Amain%3Amain?profile=prod+eu');
    expect(link).not.toMatch(/token|password|#/);
  });
});

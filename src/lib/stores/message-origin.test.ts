import { describe, expect, it } from 'vitest';
import { messageOrigins, rememberSentHere, shownModel } from './message-origin';

const from = (...ids: unknown[]) => ({
  __openclaw: { transport: { clients: ids.map((id) => ({ id })) } },
});

describe('where a turn came from', () => {
  it('names this console for a turn it sent, whatever client id the gateway recorded', () => {
    rememberSentHere('k-1');
    const turn = { idempotencyKey: 'k-1:user', ...from('openclaw-control-ui') };
    expect(messageOrigins(turn)).toEqual([{ kind: 'here' }]);
  });

  it('words known clients and keeps other ids as they are, once each, ignoring non-strings', () => {
    expect(
      messageOrigins(from('openclaw-control-ui', 'cli', 'telegram', 'telegram', 7, '')),
    ).toEqual([{ kind: 'console' }, { kind: 'cli' }, { kind: 'client', id: 'telegram' }]);
    expect(messageOrigins({ __openclaw: { transport: { clients: 'nope' } } })).toEqual([]);
  });

  it('hides the gateway’s placeholder model of a turn it wrote itself', () => {
    expect(shownModel({ model: 'gateway-injected' })).toBeUndefined();
    expect(shownModel({ model: 'gpt-x' })).toBe('gpt-x');
  });
});

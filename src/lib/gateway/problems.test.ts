import { describe, expect, it } from 'vitest';
import { problemFromClose } from './problems';

const ctx = {
  origin: 'http://127.0.0.1:4173',
  url: 'ws://127.0.0.1:18789',
  offeredProtocol: 4,
  now: 0,
};

describe('problemFromClose (close codes as GATEWAY.md describes them)', () => {
  it('4001: the shared token was rotated; stops and asks for the new one', () => {
    expect(problemFromClose(4001, 'token rotated', true, ctx)).toMatchObject({
      code: 'token-rotated',
      fatal: true,
    });
  });

  it('1012: the gateway restarts; keeps trying', () => {
    expect(problemFromClose(1012, 'service restart', true, ctx)).toMatchObject({
      code: 'restarting',
      fatal: false,
    });
  });

  it('1008: closed by policy, with the gateway’s reason', () => {
    expect(problemFromClose(1008, 'origin not allowed', true, ctx)).toEqual({
      code: 'policy-close',
      params: { reason: 'origin not allowed' },
      fatal: false,
    });
  });

  it('1002: a protocol close adds nothing to the refused connect that came before it', () => {
    // The PROTOCOL_MISMATCH response before the close is what drives renegotiation.
    expect(problemFromClose(1002, 'protocol mismatch', true, ctx)).toBeUndefined();
  });

  it('a socket that never opened: the gateway is unreachable at that address', () => {
    expect(problemFromClose(1006, '', false, ctx)).toMatchObject({
      code: 'unreachable',
      params: { url: ctx.url },
      fatal: false,
    });
  });
});

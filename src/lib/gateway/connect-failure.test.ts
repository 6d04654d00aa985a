import { GatewayProtocolRequestError } from '@openclaw/gateway-client/browser';
import { describe, expect, it } from 'vitest';
import { nextStepAfterRefusal } from './connect-failure';

const context = { origin: 'http://127.0.0.1:4173', url: 'ws://gw', offeredProtocol: 4, now: 0 };
const refusal = (message: string, details: unknown) =>
  new GatewayProtocolRequestError({ code: 'INVALID_REQUEST', message, details });
const revoked = refusal('device token mismatch', { code: 'AUTH_DEVICE_TOKEN_MISMATCH' });

describe('the step after a refused connect', () => {
  it('offers the protocol an older gateway asks for, when the console speaks it', () => {
    const old = refusal('protocol mismatch', { expectedProtocol: 3 });
    const attempt = { usedDeviceToken: false, hasSharedSecret: true };
    expect(nextStepAfterRefusal(old, attempt, context)).toEqual({
      kind: 'renegotiate',
      protocol: 3,
    });
    const unknown = refusal('protocol mismatch', { expectedProtocol: 9 });
    expect(nextStepAfterRefusal(unknown, attempt, context).kind).toBe('problem');
  });

  it('forgets a revoked device token and retries with the shared secret when there is one', () => {
    const withSecret = { usedDeviceToken: true, hasSharedSecret: true };
    expect(nextStepAfterRefusal(revoked, withSecret, context)).toEqual({
      kind: 'retryWithSecret',
      forgetDeviceToken: true,
    });
    const without = nextStepAfterRefusal(
      revoked,
      { usedDeviceToken: true, hasSharedSecret: false },
      context,
    );
    expect(without).toMatchObject({ kind: 'problem', forgetDeviceToken: true });
  });

  it('keeps the device token when the refusal was about something else', () => {
    const wrongSecret = refusal('unauthorized', { code: 'AUTH_TOKEN_MISMATCH' });
    const step = nextStepAfterRefusal(
      wrongSecret,
      { usedDeviceToken: false, hasSharedSecret: true },
      context,
    );
    expect(step).toMatchObject({ kind: 'problem', forgetDeviceToken: false });
  });
});

import { describe, expect, it } from 'vitest';
import { problemFromClose, problemFromConnectError, type Problem } from './problems';

const ctx = {
  origin: 'http://127.0.0.1:4173',
  url: 'ws://127.0.0.1:18789',
  offeredProtocol: 4,
  now: 1_000,
};

describe('problemFromClose (close codes as GATEWAY.md describes them)', () => {
  it('4001: the shared token was rotated; stops and asks for the new one', () => {
    expect(problemFromClose(4001, 'token rotated', true, ctx)).toEqual({
      code: 'token-rotated',
      params: { url: ctx.url },
      fatal: true,
    });
  });

  it.each([1012, 1013])('%i: the gateway restarts or is still starting; keeps trying', (code) => {
    expect(problemFromClose(code, 'service restart', true, ctx)).toEqual({
      code: 'restarting',
      params: {},
      fatal: false,
    });
  });

  it('1008: closed by policy, with the gateway’s reason', () => {
    expect(problemFromClose(1008, 'origin not allowed', true, ctx)).toEqual({
      code: 'policy-close',
      params: { reason: 'origin not allowed' },
      fatal: false,
    });
    expect(problemFromClose(1008, '', true, ctx)?.params).toEqual({ reason: '—' });
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

const refused = (code: string, extra: Record<string, unknown> = {}) => ({
  code: 'INVALID_REQUEST',
  message: 'refused',
  details: { code, ...extra },
});
const url = { url: ctx.url };

describe('problemFromConnectError (each refusal, with what its explanation quotes)', () => {
  it.each<[string, ReturnType<typeof refused>, Problem]>([
    [
      'no token',
      refused('AUTH_TOKEN_MISSING'),
      { code: 'token-missing', params: url, fatal: true },
    ],
    [
      'auth required',
      refused('AUTH_REQUIRED'),
      { code: 'token-missing', params: url, fatal: true },
    ],
    [
      'wrong token',
      refused('AUTH_TOKEN_MISMATCH'),
      { code: 'token-mismatch', params: url, fatal: true },
    ],
    [
      'unauthorized',
      refused('AUTH_UNAUTHORIZED'),
      { code: 'token-mismatch', params: url, fatal: true },
    ],
    [
      'no password',
      refused('AUTH_PASSWORD_MISSING'),
      { code: 'password-missing', params: url, fatal: true },
    ],
    [
      'wrong password',
      refused('AUTH_PASSWORD_MISMATCH'),
      { code: 'password-mismatch', params: url, fatal: true },
    ],
    [
      'revoked device token',
      refused('AUTH_DEVICE_TOKEN_MISMATCH'),
      { code: 'device-token-mismatch', params: url, fatal: true },
    ],
    [
      'protocol',
      refused('PROTOCOL_MISMATCH', { expectedProtocol: 5 }),
      { code: 'protocol-unsupported', params: { expected: 5, offered: 4 }, fatal: true },
    ],
    [
      'protocol, no number',
      refused('PROTOCOL_MISMATCH', { expectedProtocol: 'five' }),
      { code: 'protocol-unsupported', params: { expected: '?', offered: 4 }, fatal: true },
    ],
    [
      'origin',
      refused('CONTROL_UI_ORIGIN_NOT_ALLOWED'),
      { code: 'origin-not-allowed', params: { origin: ctx.origin }, fatal: true },
    ],
    [
      'device identity',
      refused('DEVICE_IDENTITY_REQUIRED'),
      { code: 'device-identity-required', params: { origin: ctx.origin }, fatal: true },
    ],
    [
      'control UI device identity',
      refused('CONTROL_UI_DEVICE_IDENTITY_REQUIRED'),
      { code: 'device-identity-required', params: { origin: ctx.origin }, fatal: true },
    ],
    ['scope', refused('AUTH_SCOPE_MISMATCH'), { code: 'scope-mismatch', params: {}, fatal: true }],
    [
      'bad device signature',
      refused('DEVICE_AUTH_SIGNATURE_INVALID'),
      {
        code: 'device-auth-invalid',
        params: { detail: 'DEVICE_AUTH_SIGNATURE_INVALID' },
        fatal: true,
      },
    ],
  ])('%s', (_label, error, problem) => {
    expect(problemFromConnectError(error, ctx)).toEqual(problem);
  });

  it('a rate limit says until when, from the error, its details, or a minute', () => {
    const limited = (retryAfterMs?: number, details: Record<string, unknown> = {}) =>
      problemFromConnectError(
        { ...refused('AUTH_RATE_LIMITED', details), ...(retryAfterMs ? { retryAfterMs } : {}) },
        ctx,
      );
    expect(limited(30_000)).toEqual({
      code: 'rate-limited',
      params: { until: 31_000 },
      fatal: true,
      retryAfterMs: 30_000,
    });
    expect(limited(undefined, { retryAfterMs: 5_000 })).toMatchObject({
      params: { until: 6_000 },
      retryAfterMs: 5_000,
    });
    expect(limited(undefined, { retryAfterMs: Infinity })).toMatchObject({
      params: { until: 61_000 },
      retryAfterMs: 60_000,
    });
  });

  it('pairing keeps asking every 5 s and names the request', () => {
    const pairing = refused('PAIRING_REQUIRED', { requestId: 'req-7', reason: 'scope-upgrade' });
    expect(problemFromConnectError(pairing, ctx)).toEqual({
      code: 'pairing-required',
      params: { requestId: 'req-7', reason: 'scope-upgrade' },
      fatal: false,
      retryAfterMs: 5_000,
    });
    expect(problemFromConnectError(refused('PAIRING_REQUIRED'), ctx)?.params).toEqual({
      requestId: '',
      reason: 'not-paired',
    });
  });

  it('a legacy protocol refusal without a detail code is still a protocol problem', () => {
    const legacy = { message: 'protocol mismatch', details: { expectedProtocol: 3 } };
    expect(problemFromConnectError(legacy, ctx)).toEqual({
      code: 'protocol-unsupported',
      params: { expected: 3, offered: 4 },
      fatal: true,
    });
  });

  it('anything else is shown with its message: retried when the gateway says it may work', () => {
    const other = { code: 'SOMETHING_NEW', message: 'not today' };
    expect(problemFromConnectError(other, ctx)).toEqual({
      code: 'rejected',
      params: { message: 'not today', detail: 'SOMETHING_NEW' },
      fatal: true,
    });
    expect(
      problemFromConnectError({ ...other, retryable: true, retryAfterMs: 2_000 }, ctx),
    ).toEqual({
      code: 'rejected',
      params: { message: 'not today', detail: 'SOMETHING_NEW' },
      fatal: false,
      retryAfterMs: 2_000,
    });
    expect(problemFromConnectError({ message: 'no code' }, ctx).params).toEqual({
      message: 'no code',
      detail: '',
    });
  });

  it('a gateway starting up or restarting is retried, after the delay it asks for', () => {
    const starting = {
      code: 'UNAVAILABLE',
      message: 'unavailable',
      retryable: true,
      retryAfterMs: 700,
      details: { reason: 'startup-sidecars' },
    };
    expect(problemFromConnectError(starting, ctx)).toEqual({
      code: 'restarting',
      params: {},
      fatal: false,
      retryAfterMs: 700,
    });
    const draining = {
      code: 'UNAVAILABLE',
      message: 'unavailable',
      retryable: true,
      retryAfterMs: 1_500,
      details: { reason: 'gateway-restarting' },
    };
    expect(problemFromConnectError(draining, ctx)).toEqual({
      code: 'restarting',
      params: {},
      fatal: false,
      retryAfterMs: 1_500,
    });
  });
});

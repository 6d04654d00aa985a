import {
  ConnectErrorDetailCodes as C,
  GATEWAY_STARTUP_CLOSE_CODE,
  isRetryableGatewayStartupUnavailableError,
  readConnectErrorDetailCode,
  readPairingConnectErrorDetails,
  resolveGatewayStartupRetryAfterMs,
} from '@openclaw/gateway-client/browser';
import { isGatewayRestartUnavailableError } from '@openclaw/gateway-protocol/restart-unavailable';

/** Every connection problem the console can explain; each has a sentence in the i18n catalogues. */
export type ProblemCode =
  | 'token-missing'
  | 'token-mismatch'
  | 'password-missing'
  | 'password-mismatch'
  | 'device-token-mismatch'
  | 'rate-limited'
  | 'protocol-unsupported'
  | 'origin-not-allowed'
  | 'device-identity-required'
  | 'device-auth-invalid'
  | 'pairing-required'
  | 'scope-mismatch'
  | 'token-rotated'
  | 'unreachable'
  | 'restarting'
  | 'policy-close'
  | 'unresponsive'
  | 'csp-blocked'
  | 'rejected';

/** A connection problem with the values its explanation needs. */
export interface Problem {
  code: ProblemCode;
  params: Record<string, string | number>;
  /** True when retrying cannot help until the user or an operator changes something. */
  fatal: boolean;
  /** Retry no sooner than this delay (rate limits, pairing polls). */
  retryAfterMs?: number;
}

/** The gateway's error as the connect request returned it. */
export interface ConnectErrorLike {
  code?: string;
  message: string;
  details?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
}

/** Facts about this page the explanations quote (the origin to allow, the URL tried). */
export interface ProblemContext {
  origin: string;
  url: string;
  offeredProtocol: number;
  now: number;
}

/** How often to ask again while a pairing request waits for an operator. */
const PAIRING_POLL_MS = 5_000;

function detailNumber(details: unknown, field: string): number | undefined {
  const value = (details as Record<string, unknown> | null)?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Turns a refused `connect` into a problem the console can explain and act on. */
export function problemFromConnectError(error: ConnectErrorLike, ctx: ProblemContext): Problem {
  // A gateway that is starting up or draining for a restart refuses connects for a moment.
  if (isRetryableGatewayStartupUnavailableError(error) || isGatewayRestartUnavailableError(error)) {
    return {
      code: 'restarting',
      params: {},
      fatal: false,
      retryAfterMs: resolveGatewayStartupRetryAfterMs(error) ?? error.retryAfterMs,
    };
  }
  const code = readConnectErrorDetailCode(error.details) ?? error.code ?? '';
  const fatal = (c: ProblemCode, params: Problem['params'] = {}): Problem => ({
    code: c,
    params,
    fatal: true,
  });
  switch (code) {
    case C.AUTH_TOKEN_MISSING:
    case C.AUTH_REQUIRED:
      return fatal('token-missing', { url: ctx.url });
    case C.AUTH_TOKEN_MISMATCH:
    case C.AUTH_UNAUTHORIZED:
      return fatal('token-mismatch', { url: ctx.url });
    case C.AUTH_PASSWORD_MISSING:
      return fatal('password-missing', { url: ctx.url });
    case C.AUTH_PASSWORD_MISMATCH:
      return fatal('password-mismatch', { url: ctx.url });
    case C.AUTH_DEVICE_TOKEN_MISMATCH:
      return fatal('device-token-mismatch', { url: ctx.url });
    case C.AUTH_RATE_LIMITED: {
      const waitMs = error.retryAfterMs ?? detailNumber(error.details, 'retryAfterMs') ?? 60_000;
      return { ...fatal('rate-limited', { until: ctx.now + waitMs }), retryAfterMs: waitMs };
    }
    case C.PROTOCOL_MISMATCH:
      return fatal('protocol-unsupported', {
        expected: detailNumber(error.details, 'expectedProtocol') ?? '?',
        offered: ctx.offeredProtocol,
      });
    case C.CONTROL_UI_ORIGIN_NOT_ALLOWED:
      return fatal('origin-not-allowed', { origin: ctx.origin });
    case C.CONTROL_UI_DEVICE_IDENTITY_REQUIRED:
    case C.DEVICE_IDENTITY_REQUIRED:
      return fatal('device-identity-required', { origin: ctx.origin });
    case C.PAIRING_REQUIRED: {
      const pairing = readPairingConnectErrorDetails(error.details);
      // Keep asking: the gateway lets the device in as soon as an operator approves the request.
      return {
        code: 'pairing-required',
        params: { requestId: pairing?.requestId ?? '', reason: pairing?.reason ?? 'not-paired' },
        fatal: false,
        retryAfterMs: PAIRING_POLL_MS,
      };
    }
    case C.AUTH_SCOPE_MISMATCH:
      return fatal('scope-mismatch');
    default:
      if (/protocol mismatch/i.test(error.message)) {
        return fatal('protocol-unsupported', {
          expected: detailNumber(error.details, 'expectedProtocol') ?? '?',
          offered: ctx.offeredProtocol,
        });
      }
      if (code.startsWith('DEVICE_AUTH_')) return fatal('device-auth-invalid', { detail: code });
      if (error.retryable) {
        // The gateway says trying again can work: keep retrying, but say why we are not in.
        return {
          code: 'rejected',
          params: { message: error.message, detail: code },
          fatal: false,
          retryAfterMs: error.retryAfterMs,
        };
      }
      return fatal('rejected', { message: error.message, detail: code });
  }
}

/** Explains a close that came without a refused `connect` (codes per GATEWAY.md). */
export function problemFromClose(
  code: number,
  reason: string,
  socketOpened: boolean,
  ctx: ProblemContext,
): Problem | undefined {
  if (code === 4001) return { code: 'token-rotated', params: { url: ctx.url }, fatal: true };
  if (code === 1012 || code === GATEWAY_STARTUP_CLOSE_CODE) {
    return { code: 'restarting', params: {}, fatal: false };
  }
  if (!socketOpened) return { code: 'unreachable', params: { url: ctx.url }, fatal: false };
  if (code === 1008)
    return { code: 'policy-close', params: { reason: reason || '—' }, fatal: false };
  return undefined;
}

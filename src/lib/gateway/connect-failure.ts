import {
  ConnectErrorDetailCodes,
  readConnectErrorDetailCode,
  type GatewayProtocolRequestError,
} from '@openclaw/gateway-client/browser';
import { SUPPORTED_PROTOCOLS } from './client-info';
import { problemFromConnectError, type Problem, type ProblemContext } from './problems';

/** What to do after the gateway refused a `connect`: try another protocol, retry with the shared secret, or stop on a problem. */
export type ConnectFailureStep =
  | { kind: 'renegotiate'; protocol: number }
  | { kind: 'retryWithSecret'; forgetDeviceToken: true }
  | { kind: 'problem'; problem: Problem; forgetDeviceToken: boolean };

/** Decides the next step after a refused `connect`, from the error and what this attempt used. */
export function nextStepAfterRefusal(
  error: GatewayProtocolRequestError,
  attempt: { usedDeviceToken: boolean; hasSharedSecret: boolean },
  context: ProblemContext,
): ConnectFailureStep {
  const detailCode = readConnectErrorDetailCode(error.details);
  const expected = (error.details as { expectedProtocol?: unknown } | undefined)?.expectedProtocol;
  // 2026.4.x gateways send `details: {expectedProtocol}` without a detail code.
  const mismatch =
    detailCode === ConnectErrorDetailCodes.PROTOCOL_MISMATCH ||
    (!detailCode && /protocol mismatch/i.test(error.message));
  if (
    mismatch &&
    typeof expected === 'number' &&
    expected !== context.offeredProtocol &&
    (SUPPORTED_PROTOCOLS as readonly number[]).includes(expected)
  ) {
    return { kind: 'renegotiate', protocol: expected };
  }
  // The gateway revoked our device token: forget it, and fall back to the shared secret if we have one.
  const revoked =
    detailCode === ConnectErrorDetailCodes.AUTH_DEVICE_TOKEN_MISMATCH && attempt.usedDeviceToken;
  if (revoked && attempt.hasSharedSecret)
    return { kind: 'retryWithSecret', forgetDeviceToken: true };
  return {
    kind: 'problem',
    problem: problemFromConnectError(error, context),
    forgetDeviceToken: revoked,
  };
}

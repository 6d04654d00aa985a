import {
  GATEWAY_CLIENT_CAPS,
  GATEWAY_CLIENT_IDS,
  GATEWAY_CLIENT_MODES,
  type GatewayBrowserDeviceAuthPlan,
  type GatewayClientInfo,
} from '@openclaw/gateway-client/browser';

/** Protocol versions this console speaks, newest first. */
export const SUPPORTED_PROTOCOLS = [4, 3] as const;

/** The console's own version, reported to the gateway. */
const CONSOLE_VERSION = '0.1.0';

/** Scopes an operator console asks for; the gateway grants what the device is allowed. */
export const OPERATOR_SCOPES = [
  'operator.admin',
  'operator.read',
  'operator.write',
  'operator.approvals',
  'operator.pairing',
  // Agent questions (question.*) need it even with admin. Measured: 2026.9.6 grants it on
  // reconnect of an already-paired device; 2026.4.29 connects and pairs, and leaves it out.
  'operator.questions',
] as const;

/** Scopes an observer asks for: read only. */
export const OBSERVER_SCOPES = ['operator.read'] as const;

/** Capabilities we advertise; without tool-events the gateway does not stream tool calls to us. */
export const CLIENT_CAPS = [GATEWAY_CLIENT_CAPS.TOOL_EVENTS];

/**
 * The client block sent in `connect`. `platform` must never change for a paired
 * device (the gateway asks for re-pairing when it does), so it is a constant, not
 * read from the browser.
 */
export function consoleClientInfo(instanceId: string): GatewayClientInfo {
  return {
    id: GATEWAY_CLIENT_IDS.CONTROL_UI,
    displayName: 'OpenClaw Console',
    version: CONSOLE_VERSION,
    platform: 'web',
    mode: GATEWAY_CLIENT_MODES.UI,
    instanceId,
  };
}

/** The `connect` request's params for one signed plan, at the plan's single protocol version. */
export function connectParams(
  plan: GatewayBrowserDeviceAuthPlan & { protocol: number },
  about: { client: GatewayClientInfo; locale?: string; userAgent?: string },
): unknown {
  return {
    minProtocol: plan.protocol,
    maxProtocol: plan.protocol,
    client: about.client,
    role: plan.role,
    scopes: plan.scopes,
    caps: CLIENT_CAPS,
    auth: plan.auth,
    device: plan.device,
    locale: about.locale,
    userAgent: about.userAgent,
  };
}

import type { Problem } from '../gateway/problems';
import type { PolicyViolation } from './platform';

function origin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** The sources a policy's connect-src allows besides the page itself, as the user would type them. */
export function allowedConnections(policy: string): string {
  const directives = policy.split(';').map((part) => part.trim().split(/\s+/));
  const directive =
    directives.find(([name]) => name === 'connect-src') ??
    directives.find(([name]) => name === 'default-src');
  const sources = (directive ?? []).slice(1).filter((source) => !source.startsWith("'"));
  return sources.join(', ') || '—';
}

/**
 * A CSP refusal of our gateway socket as a problem the status line explains:
 * the socket never opens, and without this it would look like a slow connect.
 */
export function cspRefusal(violation: PolicyViolation, gatewayUrl: string): Problem | undefined {
  if (violation.directive !== 'connect-src' && violation.directive !== 'default-src')
    return undefined;
  const blocked = origin(violation.blockedURI);
  if (!blocked || blocked !== origin(gatewayUrl)) return undefined;
  return {
    code: 'csp-blocked',
    params: { url: gatewayUrl, allowed: allowedConnections(violation.policy) },
    fatal: true,
  };
}

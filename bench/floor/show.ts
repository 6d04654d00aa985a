// What both floor pages draw: the same status line and health verdict our overview shows, so
// the bench recognises "live health on screen" with the same selectors for all three.

/** Writes the connection phase into the status line. */
export function showPhase(text: string): void {
  document.querySelector('[data-testid="connection-phase"]')!.textContent = text;
}

/** Writes the health verdict of a hello-ok snapshot (or of a `health` reply); false if it has none. */
export function showHealth(health: unknown): boolean {
  const ok = (health as { ok?: unknown } | undefined)?.ok;
  if (typeof ok !== 'boolean') return false;
  document.querySelector('[data-testid="health-state"]')!.textContent = ok
    ? 'Healthy'
    : 'Unhealthy';
  return true;
}

/** The gateway URL and token from the page's `#gateway=…&token=…` fragment, as ours reads them. */
export function handoff(): { url: string; token: string } {
  const params = new URLSearchParams(location.hash.slice(1));
  return { url: params.get('gateway') ?? '', token: params.get('token') ?? '' };
}

/** The `connect` request both raw pages send: a token and no device identity (so no scopes). */
export function tokenConnect(token: string): string {
  return JSON.stringify({
    type: 'req',
    id: 'connect',
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 4,
      client: { id: 'webchat-ui', version: '0', platform: 'web', mode: 'webchat' },
      role: 'operator',
      scopes: [],
      auth: { token },
    },
  });
}

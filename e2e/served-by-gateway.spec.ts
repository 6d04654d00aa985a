import { fileURLToPath } from 'node:url';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { connectionStatus, expect, test } from './support/fixtures';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/shots';

// The simplest deployment: the gateway serves our build (gateway.controlUi.root = dist/) on its
// own port, under its own headers, and the page connects to its own origin.
test('a gateway serving the built console: its own #token= link connects to it, no allowedOrigins', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const gateway = await startGateway({ name: 'e2e-served', controlUiRoot: dist });
  try {
    const response = await page.goto(`${gateway.httpUrl}/#token=${gateway.token}`);
    // The gateway's own headers, not ours: proof that it served the page.
    expect(response?.headers()['content-security-policy']).toContain('ws:');
    await expect(page.locator('html')).toHaveAttribute('data-openclaw-control-ui-base-path', '');
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
    // Nothing asked which gateway to trust, and the token left the address bar.
    await expect(page.getByTestId('gateway-proposal')).toHaveCount(0);
    expect(page.url()).not.toContain(gateway.token);

    // A deep link is served the app too (the gateway's single-page fallback) and reconnects.
    await page.goto(`${gateway.httpUrl}/sessions`);
    await expect(connectionStatus(page)).toContainText('Connected');
    await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
  } finally {
    await gateway.close();
  }
});

// The same build under a prefix (gateway.controlUi.basePath): nothing rebuilt, the page reads the
// prefix the gateway marks on <html> and keeps every address, link and its WebSocket under it.
test('a gateway serving the built console under a basePath: routes, links, reloads and connects under it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const gateway = await startGateway({
    name: 'e2e-served-base',
    controlUiRoot: dist,
    controlUiBasePath: '/console',
  });
  const at = (path: string) => `${gateway.httpUrl}/console${path}`;
  const nav = page.getByRole('navigation', { name: 'Pages' });
  try {
    const response = await page.goto(at(`/#token=${gateway.token}`));
    expect(response?.headers()['content-security-policy']).toContain('ws:');
    await expect(page.locator('html')).toHaveAttribute(
      'data-openclaw-control-ui-base-path',
      '/console',
    );
    // Its own gateway, at the gateway's WebSocket under the prefix, without asking.
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}/console`);
    await expect(page.getByTestId('gateway-proposal')).toHaveCount(0);
    expect(page.url()).not.toContain(gateway.token);
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.screenshot({ path: `${SHOTS}/served-base-overview.png` });

    // Links carry the prefix (a new tab or a copied link lands in the console too) and the router
    // follows them in place.
    await expect(nav.getByRole('link', { name: 'Logs' })).toHaveAttribute('href', '/console/logs');
    await nav.getByRole('link', { name: /^Sessions/ }).click();
    await expect(page).toHaveURL(at('/sessions'));
    await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(at('/'));

    // A deep link and a reload on it: the gateway falls back to the app, the assets still load.
    await page.goto(at('/sessions'));
    await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
    await page.reload();
    await expect(connectionStatus(page)).toContainText('Connected');
    await expect(page.getByRole('heading', { name: 'Sessions' })).toBeVisible();
    // Two levels deep: the session view, and its way back keeps the prefix.
    await page.goto(at('/sessions/agent%3Amain%3Amain'));
    await expect(connectionStatus(page)).toContainText('Connected');
    await expect(page.getByRole('link', { name: 'All sessions' }).first()).toHaveAttribute(
      'href',
      '/console/sessions',
    );
    await page.screenshot({ path: `${SHOTS}/served-base-session.png` });

    // The service worker and the manifest live under the prefix too.
    const scope = await page.evaluate(() =>
      navigator.serviceWorker.ready.then((registration) => registration.scope),
    );
    expect(scope).toBe(at('/'));
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!;
      const body = (await (await fetch(link.href)).json()) as { start_url: string; scope: string };
      return { href: link.href, start: new URL(body.start_url, link.href).href };
    });
    expect(manifest).toEqual({ href: at('/manifest.webmanifest'), start: at('/') });
  } finally {
    await gateway.close();
  }
});

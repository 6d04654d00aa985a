import { fileURLToPath } from 'node:url';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { connectionStatus, expect, test } from './support/fixtures';

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

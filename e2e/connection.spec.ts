import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';

// Every test gets a fresh browser context: new IndexedDB, so a new device identity
// that the real openclaw gateway pairs on its first loopback connect.

test.describe('connecting to a real openclaw gateway', () => {
  test('connects with a token and shows live health and presence', async ({ page, gateway }) => {
    await page.goto('/');
    await connectWithForm(page, gateway.url, gateway.token);

    const status = connectionStatus(page);
    await expect(status).toContainText(`Connected to ${gateway.url}`);
    await expect(status).toContainText(`Gateway ${gateway.version} · protocol 4`);
    await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
    await expect(page.getByTestId('agents')).toContainText('main');
    const self = page.getByTestId('presence-panel').locator('tr[data-self="true"]');
    await expect(self).toContainText('this console');
    // The token typed into the form is in sessionStorage only (not remembered).
    const stored = await page.evaluate(() => ({
      local: JSON.stringify(localStorage),
      session: JSON.stringify(sessionStorage),
    }));
    expect(stored.local).not.toContain(gateway.token);
    expect(stored.session).toContain(gateway.token);
  });

  test('pairs the device and reconnects with the device token alone', async ({ page, gateway }) => {
    await page.goto('/');
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText('Connected');
    await expect(page.getByText('Signed in with this device’s token')).toHaveCount(0);

    // Remove the shared token entirely: only the device token issued at pairing is left.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
    await expect(page.getByText('Signed in with this device’s token')).toBeVisible();
    await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
  });

  test('a token in the #token= fragment connects and is removed from the address bar', async ({
    page,
    gateway,
  }) => {
    await page.goto(`/#gateway=${encodeURIComponent(gateway.url)}&token=${gateway.token}`);
    expect(page.url()).not.toContain(gateway.token);
    expect(page.url()).not.toContain('token=');
    // A gateway this browser never used (and the preview server does not name) is asked about first.
    await expect(page.getByTestId('accept-gateway')).toContainText(`Connect to`);
    await expect(page.getByTestId('accept-gateway')).toContainText(gateway.url);
    await page.getByTestId('accept-gateway').click();
    await expect(connectionStatus(page)).toContainText('Connected');
    // The page says what such a link leaves behind.
    await expect(page.getByTestId('link-notice')).toContainText('history');
  });

  test('the socket lives in a worker; with the worker blocked the page opens its own', async ({
    page,
    browser,
    gateway,
  }) => {
    // Counts the sockets a page opens on its own main thread.
    const countPageSockets = () => {
      const Native = window.WebSocket;
      const counter = window as unknown as { pageSockets: number };
      counter.pageSockets = 0;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          counter.pageSockets += 1;
        }
      };
    };
    const pageSockets = (p: typeof page) =>
      p.evaluate(() => (window as unknown as { pageSockets: number }).pageSockets);
    await page.addInitScript(countPageSockets);
    await page.goto('/');
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
    expect(page.workers().map((w) => w.url())).toContainEqual(
      expect.stringMatching(/\/assets\/socket-worker-[\w-]+\.js$/),
    );
    expect(await pageSockets(page)).toBe(0);

    // A browser or policy that will not run the worker still connects, on the page's socket.
    const context = await browser.newContext();
    const blocked = await context.newPage();
    await blocked.route(/socket-worker-[\w-]+\.js$/, (route) => route.abort());
    await blocked.addInitScript(countPageSockets);
    await blocked.goto('/');
    await connectWithForm(blocked, gateway.url, gateway.token);
    await expect(connectionStatus(blocked)).toContainText(`Connected to ${gateway.url}`);
    await expect(blocked.getByTestId('health-state')).toHaveText(/Healthy/);
    expect(await pageSockets(blocked)).toBe(1);
    await context.close();
  });

  test('a wrong token is explained and not retried', async ({ page, gateway }) => {
    await page.clock.install();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto('/');
    await connectWithForm(page, gateway.url, 'not-the-token');

    await expect(connectionStatus(page)).toContainText(`Stopped: ${gateway.url}`);
    await expect(page.getByText('The gateway refused this token.')).toBeVisible();
    await expect(page.getByText(/openclaw config get gateway\.auth\.token/)).toBeVisible();
    // Let five minutes of timers run: a retry policy would have opened more sockets by now.
    await page.clock.runFor(5 * 60_000);
    expect(sockets).toHaveLength(1);
    await expect(connectionStatus(page)).toContainText('Stopped');
  });

  test('a missing token is explained and not retried', async ({ page, gateway }) => {
    await page.clock.install();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto('/');
    await connectWithForm(page, gateway.url, '');

    await expect(page.getByText('The gateway needs a token.')).toBeVisible();
    await expect(connectionStatus(page)).toContainText('Stopped');
    await page.clock.runFor(5 * 60_000);
    expect(sockets).toHaveLength(1);
  });

  test('reconnects by itself when the gateway stops and starts again', async ({
    page,
    gateway,
  }) => {
    await page.goto('/');
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText('Connected');
    await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);

    await gateway.stop();
    await expect(connectionStatus(page)).toContainText(/Reconnecting to/);
    // SIGTERM makes the gateway announce `shutdown` (no restart promised) before it closes.
    await expect(connectionStatus(page)).toContainText(
      'The gateway is shutting down (gateway stopping)',
    );
    await expect(page.getByTestId('health-panel').getByText('Stale: not connected')).toBeVisible();

    await gateway.start();
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`, {
      timeout: 60_000,
    });
    await expect(page.getByTestId('health-panel').getByText('Stale: not connected')).toHaveCount(0);
    await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
  });
});

test.describe('legacy gateway', () => {
  test('connects to openclaw 2026.4.29 with protocol 3', async ({ page, legacyGateway }) => {
    await page.goto('/');
    await connectWithForm(page, legacyGateway.url, legacyGateway.token);
    await expect(connectionStatus(page)).toContainText(
      `Gateway ${legacyGateway.version} · protocol 3`,
    );
    await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
  });
});

import type { Page } from '@playwright/test';
import { securityHeaders } from '../csp.config.js';
import { consoleServerMiddleware, createHandoff } from '../scripts/handoff.mjs';
import { startFakeGateway, type FakeGateway } from './fake/fake-gateway.mjs';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { serveConsole, serveFramer, type Host } from './support/console-host';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  openOverviewTools,
} from './support/fixtures';

// Issue 13: what a hostile page, link, client or gateway could do, tried against the built console.

const hosts: Host[] = [];
const fakes: FakeGateway[] = [];
test.afterEach(async () => {
  await Promise.all([...hosts.splice(0), ...fakes.splice(0)].map((h) => h.close()));
});

async function host<T extends Host>(started: Promise<T>): Promise<T> {
  const value = await started;
  hosts.push(value);
  return value;
}

/** Serves the built console allowing only `gatewayUrl` (its CSP and its /console-config.json). */
function hostLockedTo(gatewayUrl: string, handoff?: ReturnType<typeof createHandoff>) {
  return host(
    serveConsole({
      headers: securityHeaders(`'self' ${gatewayUrl}`),
      middleware: consoleServerMiddleware({
        gateways: [gatewayUrl],
        anyGateway: false,
        handoff,
      }) as never,
    }),
  );
}

async function fake(options: Parameters<typeof startFakeGateway>[0] = {}): Promise<FakeGateway> {
  const value = await startFakeGateway(options);
  fakes.push(value);
  return value;
}

/** Device-token keys in the console's IndexedDB vault. */
function deviceTokenKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('openclaw-console', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('kv').objectStore('kv').getAllKeys();
          keys.onsuccess = () =>
            resolve(keys.result.map(String).filter((key) => key.startsWith('device-token:')));
        };
      }),
  );
}

test.describe('clickjacking', () => {
  test('the preview server refuses to be framed, and a framing page gets nothing to click', async ({
    page,
    request,
  }) => {
    const response = await request.get('/');
    expect(response.headers()['x-frame-options']).toBe('DENY');
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

    const framer = await host(serveFramer('http://127.0.0.1:4173/'));
    await page.goto(framer.origin);
    await expect(page.getByText('Win a prize!')).toBeVisible();
    await page.waitForTimeout(1_500);
    const frame = page.frameLocator('#target');
    await expect(frame.locator('#app')).toHaveCount(0);
    await expect(frame.locator('button, input, a')).toHaveCount(0);
  });

  test('on a host that sends no headers, the framed console shows why and offers no action', async ({
    page,
  }) => {
    const bare = await host(serveConsole());
    const framer = await host(serveFramer(`${bare.origin}/`));
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(framer.origin);
    const frame = page.frameLocator('#target');
    await expect(frame.getByTestId('framed')).toContainText('does not work inside a frame');
    await expect(frame.locator('button, input, select, textarea')).toHaveCount(0);
    // The only link opens the console in its own tab.
    await expect(frame.getByRole('link')).toHaveAttribute('target', '_blank');
    expect(sockets).toEqual([]);
  });
});

test.describe('start-up links', () => {
  test('a link to a gateway this browser never used asks first and changes nothing until agreed', async ({
    page,
    gateway,
  }) => {
    await page.goto('/');
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);

    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    // A link opened from elsewhere loads the page afresh (a hash change alone would not).
    await page.goto('about:blank');
    await page.goto(`/#gateway=${encodeURIComponent('ws://127.0.0.1:9')}&token=stolen-token`);
    const proposal = page.getByTestId('gateway-proposal');
    await expect(proposal).toContainText('ws://127.0.0.1:9');
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
    expect(sockets.some((url) => url.includes(':9/') || url.endsWith(':9'))).toBe(false);
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain('stolen-token');
    expect(stored).not.toContain('127.0.0.1:9"');

    await proposal.getByRole('button', { name: 'Ignore the link' }).click();
    await expect(proposal).toHaveCount(0);
    await page.reload();
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
  });

  test('a link naming something other than a ws:// or wss:// gateway is ignored and said so', async ({
    page,
  }) => {
    await page.goto(`/#gateway=${encodeURIComponent('javascript:alert(1)')}&token=t`);
    await expect(page.getByTestId('link-notice')).toContainText('not a ws:// or wss://');
    await expect(page.getByTestId('gateway-proposal')).toHaveCount(0);
  });

  test('npm start’s link: a one-time code instead of the token, no prompt, useless after', async ({
    page,
    browser,
    gateway,
  }) => {
    const handoff = createHandoff({ token: gateway.token });
    const served = await hostLockedTo(gateway.url, handoff);
    const code = handoff.mint();
    const link = `${served.origin}/#gateway=${encodeURIComponent(gateway.url)}&code=${code}`;
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(link);
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
    await expect(page.getByTestId('gateway-proposal')).toHaveCount(0);
    expect(page.url()).not.toContain(code);
    expect(urls.join('\n')).not.toContain(gateway.token);

    // The same link again, in another browser profile: the code is spent.
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(link);
    await expect(again.getByTestId('link-notice')).toContainText('already used or has expired');
    await expect(connectionStatus(again)).not.toContainText('Connected');
    await other.close();
  });

  test('a gateway the server’s CSP refuses is explained at once, not shown as connecting', async ({
    page,
    gateway,
  }) => {
    const served = await hostLockedTo(gateway.url);
    await page.goto(`${served.origin}/`);
    await connectWithForm(page, 'ws://127.0.0.1:9', 'any');
    await expect(
      page.getByText(`This server only allows connections to ${gateway.url}.`),
    ).toBeVisible({
      timeout: 5_000,
    });
    await expect(
      page.getByText(/Start the console with --gateway ws:\/\/127\.0\.0\.1:9/),
    ).toBeVisible();
    await expect(connectionStatus(page)).toContainText('Stopped');
  });
});

test('forgetting a gateway clears the device tokens of every profile that used it', async ({
  page,
  gateway,
}) => {
  await page.goto('/connect');
  // The form says that a device token outlives the tab, whether or not the token is remembered.
  await expect(page.locator('#gw-remember-hint')).toContainText('device token');
  // A profile, then an observer: each signs in with its own identity and gets its own device token.
  for (const [name, observer] of [
    ['one', false],
    ['two', true],
  ] as const) {
    await page.goto('/connect');
    await page.getByLabel('Profile name (optional)').fill(name);
    await page.getByLabel('Observer (read-only): ask only for read access').setChecked(observer);
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
  }
  await expect.poll(() => deviceTokenKeys(page)).toHaveLength(2);

  await page.goto('/connect');
  await page.getByRole('button', { name: 'Forget this gateway' }).click();
  await expect(page.getByText(/were forgotten/)).toBeVisible();
  expect(await deviceTokenKeys(page)).toEqual([]);
});

test('clients whose instance ids collide with our key scheme all show', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const client = (instanceId: string, ts: number) => ({
    instanceId,
    host: `host-${ts}`,
    mode: 'webchat',
    ts,
    reason: 'connect',
  });
  const gw = await fake({ presence: [client('K', 1), client('K', 2), client('K#1', 3)] });
  await page.goto('/');
  await connectWithForm(page, gw.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  await expect(page.getByTestId('presence-count')).toHaveText('3 clients');
  await expect(page.getByTestId('presence-panel').locator('tbody tr')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a session key with a lone surrogate lists and opens', async ({ page, gateway }) => {
  const key = 'agent:main:x-\ud800-y';
  const client = await connectGateway(gateway.url, {
    token: gateway.token,
    scopes: ['operator.admin', 'operator.read', 'operator.write'],
  });
  await chatRun(client, 'reply:ok', { sessionKey: key });
  client.close();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await page.goto('/sessions');
  const link = page.locator('a.session-link').filter({ hasText: 'x-' }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/sessions\/agent%3Amain%3Ax-~D800-y$/);
  await expect(page.getByText('Loading…')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a device name with a bidi override stays inside its isolate; approving takes two presses', async ({
  page,
}) => {
  const pending = [
    {
      requestId: 'req-1',
      deviceId: 'd1',
      displayName: 'laptop\u202E nimda.rotarepo',
      platform: 'linux\u202E',
      role: 'operator',
      scopes: ['operator.read'],
      remoteIp: '127.0.0.1',
    },
  ];
  const gw = await fake({ answers: { 'device.pair.list': { pending } } });
  await page.goto('/');
  await connectWithForm(page, gw.url, 'fake-token');
  const row = page.getByTestId('pending-device');
  await expect(row).toBeVisible();
  const isolation = await row.evaluate((li) => ({
    name: getComputedStyle(li.querySelector('bdi')!).unicodeBidi,
    detail: li.querySelector('.small')!.textContent!,
  }));
  expect(isolation.name).toBe('isolate');
  // Each field the device chose is wrapped in FSI … PDI, with its own bidi controls dropped.
  expect(isolation.detail).toContain('\u2068linux\u2069');
  expect(isolation.detail).not.toContain('\u202E');

  const approve = row.getByRole('button', { name: 'Approve' });
  await approve.click();
  await expect(row.getByRole('button', { name: /^Confirm: approve/ })).toContainText(
    'operator.read',
  );
  // Left alone, it disarms.
  await expect(row.getByRole('button', { name: 'Approve' })).toBeVisible({ timeout: 8_000 });
  expect(gw.requests.some((r) => r.method === 'device.pair.approve')).toBe(false);
  // From the keyboard: Enter arms, Enter again approves.
  await row.getByRole('button', { name: 'Approve' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => gw.requests.some((r) => r.method === 'device.pair.approve')).toBe(true);
});

test('with a 30 s tick, a gateway that stops answering is named within about 10 s', async ({
  page,
}) => {
  const gw = await fake({ tickIntervalMs: 30_000 });
  await page.goto('/');
  await connectWithForm(page, gw.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  // The reconnect after a stall can succeed within milliseconds (the fake answers a new socket),
  // so record whether the status line ever said it, rather than hoping to catch it on screen.
  // Both instants come from the page's monotonic clock: CI failed once with 16.75 s between a
  // Node Date.now() and a page Date.now() in a test that took 10 s in all (a wall-clock step).
  const silentSince = await page.evaluate(() => {
    const seen = window as unknown as { __stall?: number };
    new MutationObserver(() => {
      if (!seen.__stall && document.body.textContent?.includes('The gateway stopped answering'))
        seen.__stall = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    return performance.now();
  });
  gw.silence();
  const stalledAt = () =>
    page.evaluate(() => (window as unknown as { __stall?: number }).__stall ?? 0);
  await expect.poll(stalledAt, { timeout: 15_000 }).toBeGreaterThan(0);
  expect((await stalledAt()) - silentSince).toBeLessThan(13_000);
  // …and it reconnected.
  await expect.poll(() => gw.connections, { timeout: 15_000 }).toBeGreaterThan(1);
  await expect(connectionStatus(page)).toContainText('Connected');
});

test('malformed gateway data is dropped and counted; every view still renders', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const gw = await fake({
    // The real gateway never sends these shapes; a broken or hostile one might.
    editHello: (hello) => void delete hello.policy,
    presence: [
      { instanceId: 'a', host: 'alpha', mode: 'webchat', ts: 1, reason: 'connect', scopes: 'all' },
      { instanceId: 'b', host: 'beta', mode: 'cli', ts: 2, reason: 'connect' },
      'not an entry' as never,
    ],
    sessions: [
      { key: 'agent:main:a', label: 'costly', estimatedCostUsd: '0.5', totalTokens: 'lots' },
      { key: 'agent:main:a', label: 'costly again' },
      { key: 'agent:main:b', label: 'fine', estimatedCostUsd: 0.25 },
      { label: 'no key' },
    ],
  });
  await page.goto('/');
  await connectWithForm(page, gw.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  gw.event(
    'health',
    {
      ok: true,
      ts: Date.now(),
      eventLoop: { degraded: true, reasons: 'cpu', delayP99Ms: 'slow', utilization: 0.5 },
      channels: { telegram: { ok: true } },
      channelOrder: ['telegram', 'telegram'],
      agents: [{ agentId: 'main' }, { agentId: 'main', name: 'twin' }, { name: 'no id' }],
    },
    { stateVersion: { presence: 1, health: 10_000 } },
  );
  await expect(page.getByTestId('agents')).toContainText('twin');
  await expect(page.getByTestId('agents').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('health-panel')).toContainText('telegram');
  await expect(page.getByTestId('presence-count')).toHaveText('2 clients');
  await openOverviewTools(page);
  await page.getByTestId('diagnostics').locator('summary').click();
  await expect
    .poll(async () => Number(await page.getByTestId('diag-unreadableItems').textContent()))
    .toBeGreaterThan(3);

  await page.goto('/sessions');
  await expect(page.locator('a.session-link')).toHaveCount(2);
  await expect(page.getByText('$0.2500')).toBeVisible();
  expect(errors).toEqual([]);
});

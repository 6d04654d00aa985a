import AxeBuilder from '@axe-core/playwright';
import { chatRun, connectGateway, type GatewayClient } from '../harness/gateway/client.mjs';
import { expect, openConnected, test, type GatewayHandle } from './support/fixtures';
import { shootEverySize } from './support/shots';

interface Row {
  status: string;
  eventType: string;
  sessionKey?: string;
  errorCode?: string;
}

/** Waits until the gateway's ledger holds a row (its writes drain in the background). */
async function ledgerHas(client: GatewayClient, match: (row: Row) => boolean): Promise<Row> {
  let found: Row | undefined;
  await expect
    .poll(
      async () => {
        const reply = await client.request<{ events: Row[] }>('audit.activity.list', {
          limit: 100,
        });
        found = reply.events.find(match);
        return !!found;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

/** Makes real activity: `ok` runs that succeed and one that fails. */
async function makeActivity(gateway: GatewayHandle, tag: string, ok: number, fail = false) {
  const client = await connectGateway(gateway.url, { token: gateway.token });
  for (let i = 0; i < ok; i++)
    await chatRun(client, `activity ${tag} ${i}`, { sessionKey: `agent:main:e2e-act-${tag}-${i}` });
  const last = `agent:main:e2e-act-${tag}-${fail ? 'err' : ok - 1}`;
  if (fail) await chatRun(client, 'fail400 please', { sessionKey: last });
  const row = await ledgerHas(
    client,
    (r) => r.sessionKey === last && r.status !== 'started' && r.eventType === 'agent_run',
  );
  client.close();
  return row;
}

test.describe('activity on a real gateway', () => {
  test('lists real runs with their outcomes, filters by status and pages older', async ({
    page,
    gateway,
  }) => {
    const failed = await makeActivity(gateway, 'list', 3, true);
    console.log('the failed run as the ledger has it:', JSON.stringify(failed));
    await openConnected(page, gateway, '/activity');
    await expect(page.getByRole('heading', { name: 'What happened' })).toBeVisible();
    const items = page.getByTestId('activity-item');
    await expect(items.filter({ hasText: 'Succeeded' }).first()).toBeVisible({ timeout: 20_000 });
    await expect(items.filter({ hasText: 'e2e-act-list-err' }).first()).toBeVisible();
    const bad = page.locator(`[data-testid="activity-item"][data-status="${failed.status}"]`);
    await expect(bad.first()).toBeVisible();

    // Filter by the failed run's status: only such rows, and the address holds the filter.
    await page.getByLabel('Status').selectOption(failed.status);
    await expect(page).toHaveURL(new RegExp(`status=${failed.status}`));
    await expect(items.first()).toHaveAttribute('data-status', failed.status);
    for (const status of await items.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-status')),
    ))
      expect(status).toBe(failed.status);
    if (failed.errorCode) await expect(items.first()).toContainText(failed.errorCode);
    // Bookmarkable: a reload keeps the filter.
    await page.reload();
    await expect(page.getByLabel('Status')).toHaveValue(failed.status);

    // Its session link opens the session.
    await items
      .filter({ hasText: 'e2e-act-list-err' })
      .first()
      .getByRole('link', { name: /Open session/ })
      .click();
    await expect(page).toHaveURL(/\/sessions\/agent%3Amain%3Ae2e-act-list-err$/);

    // Two rows a page: Load older walks back by the gateway's cursor to the oldest row.
    await page.goto('/activity?limit=2');
    await expect(items).toHaveCount(2, { timeout: 20_000 });
    const older = page.getByRole('button', { name: 'Load older' });
    await older.click();
    await expect(items).toHaveCount(4);
    while (await older.isVisible()) {
      const before = await items.count();
      await older.click();
      await expect(items).not.toHaveCount(before);
    }
    await expect(page.getByTestId('activity-end')).toBeVisible();
    expect(await items.count()).toBeGreaterThanOrEqual(8);

    await page.goto('/activity');
    await expect(items.first()).toBeVisible({ timeout: 20_000 });
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => [v.id, v.nodes.map((n) => n.html.slice(0, 120))])).toEqual([]);
    await shootEverySize(page, 'activity');
  });

  test('new activity waits behind "N new" and is marked "new since you last looked" after a reload', async ({
    page,
    gateway,
  }) => {
    await makeActivity(gateway, 'before', 1);
    await openConnected(page, gateway, '/activity');
    const items = page.getByTestId('activity-item');
    await expect(items.first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('activity-marker')).toHaveCount(0);
    const firstBefore = await items.first().textContent();

    await makeActivity(gateway, 'after', 1);
    const more = page.getByRole('button', { name: /new items? — show/ });
    await expect(more).toBeVisible({ timeout: 30_000 });
    // The list did not move under the reader.
    expect(await items.first().textContent()).toBe(firstBefore);

    await page.reload();
    const marker = page.getByTestId('activity-marker');
    await expect(marker).toBeVisible({ timeout: 20_000 });
    await expect(marker).toContainText('New since you last looked');
    // The new run is above the marker, the earlier one below it.
    const above = page.locator(
      '[data-testid="activity-item"]:has-text("e2e-act-after-0") ~ [data-testid="activity-marker"]',
    );
    await expect(above).toHaveCount(1);
    await page.screenshot({ path: '/tmp/shots-activity/activity-marker-1280.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: '/tmp/shots-activity/activity-marker-1280-dark.png' });

    // Seen now: the next visit has nothing new to mark.
    await page.reload();
    await expect(items.first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('activity-marker')).toHaveCount(0);
  });

  test('the wallboard ticker shows failed work, clamped to the screen', async ({
    page,
    gateway,
  }) => {
    await makeActivity(gateway, 'wall', 0, true);
    await openConnected(page, gateway, '/wall?ticker=1');
    const ticker = page.getByTestId('wall-ticker');
    await expect(ticker.getByTestId('wall-ticker-item').first()).toBeVisible({ timeout: 20_000 });
    await expect(ticker).toContainText('e2e-act-wall-err');
    for (const [width, height] of [
      [1920, 1080],
      [1280, 800],
      [360, 740],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `/tmp/shots-activity/wall-ticker-${width}.png` });
      // A wall cannot scroll: the ticker ends inside the screen.
      const bottom = await ticker.evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom).toBeLessThanOrEqual(height);
    }
    const axe = await new AxeBuilder({ page }).include('[data-testid="wall-ticker"]').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('an observer reads activity too', async ({ page, gateway }) => {
    await makeActivity(gateway, 'observer', 1);
    await openConnected(page, gateway, '/activity', { observer: true });
    await expect(
      page.getByTestId('activity-item').filter({ hasText: 'e2e-act-observer-0' }).first(),
    ).toBeVisible({
      timeout: 20_000,
    });
  });

  test('an old gateway without audit.activity.list says so in words', async ({
    page,
    legacyGateway,
  }) => {
    await openConnected(page, legacyGateway, '/activity');
    await expect(page.getByTestId('activity-unavailable')).toContainText(
      'This gateway keeps no activity history',
    );
    await expect(page.getByRole('link', { name: 'Activity' })).toBeVisible();
  });
});

import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { connectGateway } from '../harness/gateway/client.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  type GatewayHandle,
} from './support/fixtures';
import { shootEverySize } from './support/shots';

async function openLogs(page: Page, gateway: GatewayHandle) {
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto('/logs');
  await expect(page.getByRole('heading', { name: 'Gateway log' })).toBeVisible();
}

/** Makes the gateway write a line naming `word`: a request for a method it does not have. */
async function logWord(gateway: GatewayHandle, word: string) {
  const client = await connectGateway(gateway.url, { token: gateway.token });
  await client.request(`e2e.${word}`, {}).catch(() => undefined);
  client.close();
}

const lines = (page: Page) => page.getByTestId('log-line');

test.describe('the live gateway log', () => {
  test('lines the gateway writes appear live; filters, pause and resume work', async ({
    page,
    gateway,
  }) => {
    await openLogs(page, gateway);
    await expect(lines(page).first()).toBeVisible();
    await expect(page.getByText('Only the newest 5,000 lines are kept here.')).toBeVisible();

    // Something real happens on the gateway after the page opened: it shows without a reload.
    await logWord(gateway, 'wombatlive');
    const live = lines(page).filter({ hasText: 'e2e.wombatlive' });
    await expect(live.first()).toBeVisible({ timeout: 20_000 });
    // Read on from the cursor: the line shows once, not again on later reads.
    await page.waitForTimeout(4_500);
    await expect(live).toHaveCount(1);

    // Text filter: only matching lines stay.
    await page.getByLabel('Filter lines').fill('wombatlive');
    await expect(lines(page)).toHaveCount(1);
    await page.getByLabel('Filter lines').fill('');
    // Level filter: only the ticked levels stay.
    const level = await live.first().getAttribute('data-level');
    expect(level).toBeTruthy();
    await page.getByRole('checkbox', { name: level!, exact: true }).check();
    const levels = await lines(page).evaluateAll((rows) => rows.map((r) => r.dataset.level));
    expect(new Set(levels)).toEqual(new Set([level]));
    await page.getByRole('checkbox', { name: level!, exact: true }).uncheck();

    // Paused: the list holds still while the gateway goes on writing, then catches up.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await logWord(gateway, 'wombatpaused');
    await expect(page.getByTestId('logs-paused')).toContainText(/Paused: [1-9]\d* new line/, {
      timeout: 20_000,
    });
    await expect(lines(page).filter({ hasText: 'e2e.wombatpaused' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(lines(page).filter({ hasText: 'e2e.wombatpaused' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Jump to newest' })).toHaveCount(0);

    // A line copies, and a long line expands.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await live.first().getByRole('button', { name: 'Copy' }).click();
    await expect(live.first().getByRole('button', { name: 'Copied' })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('e2e.wombatlive');
    const more = page.getByRole('button', { name: 'More' }).first();
    await more.click();
    await expect(page.getByRole('button', { name: 'Less' }).first()).toHaveAttribute(
      'aria-expanded',
      'true',
    );

    const results = await new AxeBuilder({ page }).include('main').analyze();
    expect(results.violations.map((v) => [v.id, v.nodes.map((n) => n.html.slice(0, 120))])).toEqual(
      [],
    );
  });

  test('looks right at every size, light and dark', async ({ page, gateway }) => {
    await openLogs(page, gateway);
    await expect(lines(page).first()).toBeVisible();
    // Paused, so the list holds still for the pictures.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await shootEverySize(page, 'logs');
  });
});

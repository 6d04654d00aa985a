import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { connectGateway } from '../harness/gateway/client.mjs';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { startBotApi, type BotApi } from '../harness/telegram/bot-api.mjs';
import { expect, openConnected, test as base, type GatewayHandle } from './support/fixtures';
import { heardAnnouncements } from './support/jobs';
import { SIZES } from './support/shots';

// A gateway running its real, bundled Telegram channel against the harness's Bot API stand-in.
const test = base.extend<object, { telegram: { gateway: GatewayHandle; botApi: BotApi } }>({
  telegram: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const botApi = await startBotApi();
      const gateway = await startGateway({
        name: 'e2e-channels',
        telegram: { apiRoot: botApi.apiRoot, botToken: '123456:offline-test-token' },
      });
      await use({ gateway, botApi });
      await gateway.close();
      await botApi.close();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

type Client = Awaited<ReturnType<typeof connectGateway>>;
interface Account {
  accountId: string;
  running?: boolean;
  connected?: boolean;
  lastInboundAt?: number | null;
}
async function telegramAccount(client: Client): Promise<Account | undefined> {
  const status = (await client.request('channels.status', {})) as {
    channelAccounts?: { telegram?: Account[] };
  };
  return status.channelAccounts?.telegram?.[0];
}
const SHOTS = '/tmp/shots-s3-b';

/** Screenshots one part of the page at every size, light and dark; checks nothing scrolls sideways. */
async function shoot(page: Page, part: Locator, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await part.scrollIntoViewIfNeeded();
      await part.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png` });
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
      );
      expect(sideways, `${name} at ${width}px (${scheme}) scrolls sideways`).toBe(false);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test.setTimeout(240_000);

test('an operator restarts the Telegram account from the overview; the others hear it and it runs again', async ({
  page,
  telegram,
}) => {
  const { gateway, botApi } = telegram;
  const client = await connectGateway(gateway.url, { token: gateway.token });
  const heard = heardAnnouncements(client);
  await expect.poll(async () => (await telegramAccount(client))?.connected).toBe(true);
  const startsBefore = botApi.count('getMe');
  await openConnected(page, gateway, '/');

  const row = page.getByTestId('channel-account').filter({ hasText: 'Telegram' });
  await expect(row.getByTestId('channel-state')).toHaveText('running');
  await shoot(page, row, 'channel-row');
  await row.getByRole('button', { name: 'Restart Telegram account default', exact: true }).click();
  const confirm = row.getByTestId('channel-confirm');
  await expect(confirm).toContainText(
    'Stops and starts the Telegram account default. It is not logged out. Messages sent during the restart wait at Telegram',
  );
  await shoot(page, row, 'channel-confirm');
  await confirm.getByRole('button', { name: 'Restart Telegram account', exact: true }).click();
  await expect(row.getByTestId('channel-restart')).toContainText(
    'Restarted: the gateway reports it running.',
    { timeout: 30_000 },
  );
  await shoot(page, row, 'channel-restarted');

  // The gateway really stopped and started the plugin (a second getMe), and told the others.
  expect(botApi.count('getMe')).toBeGreaterThan(startsBefore);
  await expect
    .poll(() => heard.find((text) => text.includes('restarted a channel account')))
    .toMatch(/restarted a channel account: telegram account "default"$/);
  await expect.poll(async () => (await telegramAccount(client))?.connected).toBe(true);
  // And it still takes messages in.
  botApi.deliverText({ text: 'after the restart' });
  await expect
    .poll(async () => (await telegramAccount(client))?.lastInboundAt ?? 0, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await client.close();
});

test('the watchdog names an account another operator stopped, with its timeline and a restart that clears it', async ({
  page,
  telegram,
}) => {
  const { gateway } = telegram;
  const client = await connectGateway(gateway.url, { token: gateway.token });
  await expect.poll(async () => (await telegramAccount(client))?.connected).toBe(true);
  await openConnected(page, gateway, '/');
  const row = page.getByTestId('channel-account').filter({ hasText: 'Telegram' });
  await expect(row.getByTestId('channel-state')).toHaveText('running');

  await client.request('channels.stop', { channel: 'telegram', accountId: 'default' });
  // No event says a channel stopped: the watchdog reads channels.status every 15 s.
  const alarm = row.getByTestId('channel-alarm');
  await expect(alarm).toContainText('Down since', { timeout: 30_000 });
  const attention = page.getByRole('region', { name: 'Needs attention' });
  // Named once: by the health snapshot when it already says so, else by the watchdog.
  await expect(attention).toContainText(
    /1 channel down: Telegram|1 channel account needs a look \(down or quiet\): Telegram\/default/,
  );
  await alarm.getByText('Outage timeline').click();
  await expect(alarm.getByTestId('channel-timeline')).toContainText('stopped (gateway)');
  await expect(alarm.getByTestId('channel-timeline')).toContainText('down (seen here)');
  await shoot(page, row, 'channel-alarm');

  await row.getByRole('button', { name: 'Restart Telegram account default', exact: true }).click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const axe = await new AxeBuilder({ page })
      .include('[data-testid="channels-panel"]')
      .include('[data-testid="attention"]')
      .analyze();
    expect(axe.violations.map((v) => `${scheme} ${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await row.getByRole('button', { name: 'Restart Telegram account', exact: true }).click();
  await expect(row.getByTestId('channel-state')).toHaveText('running', { timeout: 30_000 });
  await expect(alarm).toHaveCount(0);
  await expect(attention).not.toContainText('channel account');
  // The health snapshot's own "channel down" is asked for again once the restart settled.
  await expect(attention).not.toContainText('channel down', { timeout: 30_000 });
  await client.close();
});

test('an observer sees the accounts but no restart', async ({ page, telegram }) => {
  await openConnected(page, telegram.gateway, '/', { observer: true });
  const row = page.getByTestId('channel-account').filter({ hasText: 'Telegram' });
  await expect(row.getByTestId('channel-state')).toBeVisible();
  await expect(row.getByRole('button', { name: /Restart/ })).toHaveCount(0);
  await expect(page.getByLabel(/Restart a down or quiet account/)).toHaveCount(0);
  await page.getByTestId('channel-watch').getByText('Watchdog (this display)').click();
  await shoot(page, page.getByTestId('channels-panel'), 'channels-observer');
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { startGateway } from '../harness/gateway/gateway.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test as base,
  type GatewayHandle,
} from './support/fixtures';

// A gateway whose fake model has a price ($ per million tokens), so real runs cost money.
const test = base.extend<object, { pricedGateway: GatewayHandle }>({
  pricedGateway: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const gateway = await startGateway({
        name: 'e2e-usage',
        modelCost: { input: 3, output: 15 },
      });
      await use(gateway);
      await gateway.close();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});

const SHOTS = '/tmp/shots-usage';

async function runs(gateway: GatewayHandle, turns: [sessionKey: string, text: string][]) {
  const protocol = gateway.version.startsWith('2026.4') ? 3 : 4;
  const client = await connectGateway(gateway.url, {
    token: gateway.token,
    protocol,
    scopes: ['operator.read', 'operator.write'],
  });
  try {
    for (const [sessionKey, text] of turns) await chatRun(client, text, { sessionKey });
  } finally {
    client.close();
  }
}

async function openUsage(page: Page, gateway: GatewayHandle, observer = false) {
  await page.goto('/');
  if (observer) await page.getByLabel(/Observer \(read-only\)/).check();
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto('/usage');
  await expect(page.getByRole('heading', { name: 'Usage and cost', level: 2 })).toBeVisible();
}

/** The dollars a figure shows ("$0.000594" → 0.000594). */
async function dollars(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).locator('strong').textContent()) ?? '';
  return Number(text.replace(/[^0-9.]/g, ''));
}

test.describe('usage and cost on a real 2026.9.6 gateway with a priced model', () => {
  test('real runs show non-zero tokens and cost by day, agent, model and session', async ({
    page,
    pricedGateway,
  }) => {
    await runs(pricedGateway, [
      ['agent:main:usage-a', 'hello number one with a few more words'],
      ['agent:main:usage-a', 'hello number two with a few more words'],
      ['agent:main:usage-b', 'another session says hi'],
    ]);
    await openUsage(page, pricedGateway);
    // The gateway may first answer "still counting" with zeros; the page asks again by itself.
    await expect.poll(() => dollars(page, 'usage-today'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('usage-today')).toContainText(/tokens/);
    expect(await dollars(page, 'usage-last-hour')).toBeGreaterThan(0);
    expect(await dollars(page, 'usage-total')).toBeCloseTo(await dollars(page, 'usage-today'), 6);

    const costChart = page.getByRole('img', { name: /^Cost per day, .* in all$/ });
    await expect(costChart).toBeVisible();
    await expect(costChart.locator('canvas')).toHaveCount(1);
    await expect(page.getByRole('img', { name: /^Tokens per day/ })).toBeVisible();

    const bySession = page.getByRole('region', { name: 'By session' });
    await expect(bySession.getByRole('link', { name: 'agent:main:usage-a' })).toBeVisible();
    await expect(bySession.getByRole('link', { name: 'agent:main:usage-b' })).toBeVisible();
    const byModel = page.getByRole('region', { name: 'By model' });
    await expect(byModel.getByRole('rowheader', { name: 'fake/fake-model' })).toBeVisible();
    const byAgent = page.getByRole('region', { name: 'By agent' });
    await expect(byAgent.getByRole('rowheader', { name: 'main' })).toBeVisible();

    // The table alternative holds the same numbers as the chart.
    await page.getByText('The same numbers as a table').click();
    const today = page.getByRole('table').filter({ hasText: 'Date' }).getByRole('row').nth(1);
    await expect(today).toContainText(/\$0\.000\d+/);
    await expect(page.getByRole('button', { name: 'Last 30 days' })).toBeEnabled();
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect.poll(() => dollars(page, 'usage-total')).toBeGreaterThan(0);

    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
  });

  test('a run that ends while the page is open is counted without reloading or polling', async ({
    page,
    pricedGateway,
  }) => {
    await runs(pricedGateway, [['agent:main:usage-live', 'warm up the live session']]);
    // Every usage read the page sends, to show it re-reads on events, not on a timer.
    const reads: number[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"method":"sessions.usage"')) reads.push(Date.now());
      }),
    );
    await openUsage(page, pricedGateway);
    await expect.poll(() => dollars(page, 'usage-total'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByText('The gateway is still counting')).toHaveCount(0);
    const before = await dollars(page, 'usage-total');
    const readsBefore = reads.length;
    await runs(pricedGateway, [['agent:main:usage-live', 'one more turn to count please']]);
    // The gateway caches its answer for 30 s: the page reads again once it can have changed.
    await expect
      .poll(() => dollars(page, 'usage-total'), { timeout: 75_000, intervals: [1_000] })
      .toBeGreaterThan(before);
    const afterRun = reads.length - readsBefore;
    expect(afterRun).toBeGreaterThan(0);
    expect(afterRun).toBeLessThanOrEqual(7);
    // Quiet again: no reads while nothing happens.
    const settled = reads.length;
    await page.waitForTimeout(8_000);
    expect(reads.length).toBe(settled);
  });

  test('observer mode shows the same page, read-only', async ({ page, pricedGateway }) => {
    await runs(pricedGateway, [['agent:main:usage-observer', 'observer sees this']]);
    await openUsage(page, pricedGateway, true);
    await expect.poll(() => dollars(page, 'usage-total'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'By session' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('the sessions list and the session page show what a session cost', async ({
    page,
    pricedGateway,
  }) => {
    await runs(pricedGateway, [['agent:main:usage-cost', 'what did this cost']]);
    await page.goto('/');
    await connectWithForm(page, pricedGateway.url, pricedGateway.token);
    await expect(connectionStatus(page)).toContainText('Connected');
    await page.goto('/sessions');
    const item = page.getByRole('listitem').filter({ hasText: 'usage-cost' });
    await expect(item).toContainText(/\$0\.0\d+/);
    await item.getByRole('link').click();
    await expect(page.getByTestId('session-usage')).toContainText(/\$0\.0\d+/);
  });

  test('screenshots at 360, 1280 and 1920 px, light and dark', async ({
    browser,
    pricedGateway,
  }) => {
    mkdirSync(SHOTS, { recursive: true });
    await runs(pricedGateway, [['agent:main:usage-shots', 'a turn for the pictures']]);
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [width, height] of [
        [360, 740],
        [1280, 800],
        [1920, 1080],
      ] as const) {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme });
        const page = await context.newPage();
        await openUsage(page, pricedGateway);
        await expect
          .poll(() => dollars(page, 'usage-total'), { timeout: 30_000 })
          .toBeGreaterThan(0);
        await expect(page.getByText('The gateway is still counting')).toHaveCount(0);
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
        expect(sideways, `sideways scroll at ${width}px`).toBe(false);
        const axe = await new AxeBuilder({ page }).include('main').analyze();
        expect(axe.violations.map((v) => `${v.id} (${colorScheme} ${width})`)).toEqual([]);
        await page.screenshot({
          path: `${SHOTS}/usage-${width}-${colorScheme}.png`,
          fullPage: true,
        });
        if (width === 360) {
          // Thirty days of labels must still fit a phone.
          await page.getByRole('button', { name: 'Last 30 days' }).click();
          await expect(page.getByRole('img', { name: /^Cost per day/ })).toBeVisible();
          await page.screenshot({
            path: `${SHOTS}/usage-360-30d-${colorScheme}.png`,
            fullPage: true,
          });
        }
        if (width === 1280 && colorScheme === 'light') {
          await page.getByLabel('Language').selectOption('zh-CN');
          await expect(page.getByRole('heading', { name: '用量与费用' })).toBeVisible();
          // The charts are drawn again in the new language's number format.
          await expect(page.getByRole('img', { name: /^每日费用/ })).toBeVisible();
          await page.screenshot({ path: `${SHOTS}/usage-1280-zh.png`, fullPage: true });
        }
        await context.close();
      }
    }
  });
});

test.describe('usage on the legacy 2026.4.29 gateway', () => {
  test('the page works with what the old gateway offers', async ({ page, legacyGateway }) => {
    // 2026.4.29 without its bundled plugins ends every run before the model: no tokens, no cost.
    await runs(legacyGateway, [['agent:main:usage-legacy', 'hello old gateway']]);
    const sent: Record<string, unknown>[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { method?: string; params?: unknown };
        if (frame.method?.includes('usage')) sent.push(frame);
      }),
    );
    await openUsage(page, legacyGateway);
    await expect(page.getByTestId('usage-today')).toContainText('$0.00');
    // 2026.4.29 counts messages by the quarter-hour but not tokens (utcQuarterHourTokenUsage).
    await expect(page.getByTestId('usage-last-hour')).toContainText(
      'This gateway does not report use by the hour.',
    );
    await expect(page.getByRole('img', { name: /^Cost per day/ })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    // It refuses agentScope/timeZone, so sessions.usage is asked again in its own shape.
    const usage = sent.filter((f) => f.method === 'sessions.usage');
    expect(usage.length).toBeGreaterThanOrEqual(2);
    expect(usage[0]!.params).toHaveProperty('agentScope', 'all');
    expect(usage[1]!.params).not.toHaveProperty('agentScope');
    expect(sent.filter((f) => f.method === 'usage.cost')).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/usage-legacy-1280.png`, fullPage: true });
  });
});

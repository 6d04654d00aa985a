import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  type GatewayHandle,
} from './support/fixtures';
import { shootEverySize } from './support/shots';

const SESSION = 'agent:main:e2e-search';

async function connect(page: Page, gateway: GatewayHandle) {
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
}

test.describe('transcript search on a real gateway', () => {
  test('finds a message a real run wrote, marks the word, and opens the session at it', async ({
    page,
    gateway,
  }) => {
    // The message to find, then enough long replies after it that it is far above the newest.
    const client = await connectGateway(gateway.url, { token: gateway.token });
    await chatRun(client, 'quokkaflux sits in the middle', { sessionKey: SESSION });
    for (let i = 0; i < 3; i++) await chatRun(client, `long answer ${i}`, { sessionKey: SESSION });
    client.close();

    await connect(page, gateway);
    await page.goto('/search');
    await expect(page.getByRole('heading', { name: 'Search transcripts' })).toBeVisible();
    // The `/` shortcut reaches the box.
    await page.keyboard.press('/');
    await expect(page.getByLabel('Words to find')).toBeFocused();
    await page.keyboard.type('quokkaflux');
    await expect(page).toHaveURL(/\/search\?q=quokkaflux$/);
    const hits = page.getByTestId('search-hit');
    await expect(hits.first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('search-status')).toContainText(/\d+ messages? found/);
    await expect(hits.first().locator('mark')).toHaveText(/quokkaflux/i);

    // Bookmarkable: the address alone brings the same results back.
    await page.reload();
    await expect(page.getByLabel('Words to find')).toHaveValue('quokkaflux');
    const userHit = hits.filter({ hasText: 'User' }).filter({ hasText: 'sits in the middle' });
    await expect(userHit).toHaveCount(1, { timeout: 20_000 });

    const results = await new AxeBuilder({ page }).include('main').analyze();
    expect(results.violations.map((v) => [v.id, v.nodes.map((n) => n.html.slice(0, 120))])).toEqual(
      [],
    );
    await shootEverySize(page, 'search');

    await userHit.click();
    await expect(page).toHaveURL(/\/sessions\/agent%3Amain%3Ae2e-search\?message=[\w-]+$/);
    const target = page.locator('[data-target]');
    await expect(target).toHaveCount(1, { timeout: 20_000 });
    await expect(target).toContainText('quokkaflux sits in the middle');
    await expect(target).toBeInViewport();
    // It was not simply the newest: the transcript is held well above its end.
    const fromEnd = await page
      .getByRole('region', { name: 'Conversation' })
      .evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight);
    expect(fromEnd).toBeGreaterThan(100);
    await page.screenshot({ path: '/tmp/shots-logs/search-landed-1280.png' });
  });

  test('an observer searches too', async ({ page, gateway }) => {
    const client = await connectGateway(gateway.url, { token: gateway.token });
    await chatRun(client, 'numbatglow for the observer', { sessionKey: `${SESSION}-observer` });
    client.close();
    await page.goto('/');
    await page.getByLabel('Observer (read-only): ask only for read access').check();
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText('Connected');
    await page.goto('/search?q=numbatglow');
    await expect(page.getByTestId('search-hit').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('search-hit').first().locator('mark')).toHaveText('numbatglow');
  });

  test('an old gateway without sessions.search says so; its log still shows', async ({
    page,
    legacyGateway,
  }) => {
    await connect(page, legacyGateway);
    await page.goto('/search');
    await expect(page.getByText('This gateway cannot search transcripts')).toBeVisible();
    await page.goto('/logs');
    await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 20_000 });
  });
});

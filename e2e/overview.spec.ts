import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';

/** The presence count as the overview words it ("1 client", "2 clients"). */
const clients = (n: number) => (n === 1 ? '1 client' : `${n} clients`);

test('overview and presence show the gateway’s data and update live when a second client connects', async ({
  page,
  browser,
  gateway,
}) => {
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await expect(page.getByTestId('gateway-version')).toHaveText(gateway.version);
  await expect(page.getByTestId('status-panel')).toContainText('Sessions');
  const count = page.getByTestId('presence-count');
  await expect(count).toHaveText(/^\d+ clients?$/);
  const before = Number((await count.textContent())?.match(/\d+/)?.[0]);

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/');
  await connectWithForm(second, gateway.url, gateway.token);
  await expect(connectionStatus(second)).toContainText('Connected');

  // The first console learns of the second from a pushed presence event, not a reload.
  await expect(count).toHaveText(clients(before + 1));
  await expect(page.getByTestId('presence-panel').locator('tr[data-self="true"]')).toHaveCount(1);

  await other.close();
  await expect(count).toHaveText(clients(before));
});

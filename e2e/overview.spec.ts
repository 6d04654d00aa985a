import { connectGateway } from '../harness/gateway/client.mjs';
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

test('the overview leads with what needs attention: an approval raised on the gateway appears, links to itself and goes once answered', async ({
  page,
  gateway,
}) => {
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toContainText('Nothing needs you on this gateway right now.');

  // A real exec approval, raised by another operator client through the gateway.
  const agent = await connectGateway(gateway.url, {
    token: gateway.token,
    scopes: ['operator.read', 'operator.write', 'operator.approvals'],
  });
  const asked = agent.request<{ id: string }>('exec.approval.request', {
    command: 'ls /tmp/attention-e2e',
    agentId: 'main',
    sessionKey: 'agent:main:main',
    host: 'gateway',
    timeoutMs: 120_000,
    twoPhase: true,
  });
  const link = attention.getByRole('link', { name: '1 approval waiting' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/approvals$/);
  await page
    .getByRole('navigation', { name: /Waiting/ })
    .getByRole('button', { name: /attention-e2e/ })
    .click();
  // Answered, so the gateway is left with nothing pending (a pending approval delays its stop).
  await page.getByTestId('approval-detail').getByRole('button', { name: /Deny/ }).click();
  await expect(page.getByTestId('approval-outcome')).toContainText('Denied by you');
  await asked;
  await agent.close();

  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(attention).toContainText('Nothing needs you on this gateway right now.');

  // The occasional forms are folded away, and load when the fold is opened from the keyboard.
  await expect(page.getByLabel('System event text')).toHaveCount(0);
  await page.getByTestId('overview-tools').locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('System event text')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Alerts on this display' })).toBeVisible();
});

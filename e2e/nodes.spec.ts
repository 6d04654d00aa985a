import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectGateway, type GatewayClient } from '../harness/gateway/client.mjs';
import { expect, openConnected, test, type GatewayHandle } from './support/fixtures';
import { shootEverySize } from './support/shots';

const SHOTS = '/tmp/shots-cron';

async function openNodes(page: Page, gateway: GatewayHandle, observer = false) {
  await openConnected(page, gateway, '/nodes', { observer });
  await expect(page.getByRole('heading', { name: 'Nodes and devices', level: 2 })).toBeVisible();
}

/** A real node: the harness client connected with role "node" (a second device). */
function connectNode(gateway: GatewayHandle): Promise<GatewayClient> {
  return connectGateway(gateway.url, {
    token: gateway.token,
    role: 'node',
    mode: 'node',
    clientId: 'node-host',
    scopes: [],
  });
}

const device = (page: Page, id: string) =>
  page.locator(`[data-testid="paired-device"][data-device-id="${id}"]`);

test.describe('nodes and devices on a real gateway', () => {
  test('no node, then a real node connects and reports host stats', async ({ page, gateway }) => {
    const operator = await connectGateway(gateway.url, { token: gateway.token });
    const before = await operator.request<{ nodes: unknown[] }>('node.list', {});
    await openNodes(page, gateway);
    if (before.nodes.length === 0) await expect(page.getByTestId('no-nodes')).toBeVisible();

    const node = await connectNode(gateway);
    const id = (node.device as { id: string }).id;
    const card = page.locator(`[data-testid="node"][data-node-id="${id}"]`);
    await expect(card).toHaveAttribute('data-connected', 'true');
    await expect(card).toContainText('Capabilities waiting for approval');
    // Until its capabilities are approved the gateway refuses the node's events.
    await card.getByRole('button', { name: 'Approve capabilities: node-host' }).click();
    await card.getByRole('button', { name: 'Confirm: allow tool-events' }).click();
    await expect(card.getByTestId('node-caps')).toHaveText('tool-events');
    await expect(card).not.toContainText('Capabilities waiting for approval');
    await node.request('node.event', {
      event: 'node.host.stats',
      payloadJSON: JSON.stringify({
        cpuCount: 2,
        loadAverage: [0.5, 0.25, 0.1],
        memoryTotalBytes: 8 * 1024 ** 3,
        memoryFreeBytes: 2 * 1024 ** 3,
      }),
    });
    await expect(card.getByTestId('node-stats')).toContainText('2 CPUs');
    await expect(card.getByTestId('node-stats')).toContainText('memory 2 GB free of 8 GB');
    await card.getByRole('button', { name: 'Details: node-host' }).click();
    await expect(card.getByTestId('node-detail')).toContainText(id);

    node.close();
    await expect(card).toHaveAttribute('data-connected', 'false');
    operator.close();
  });

  test('paired devices: rename one, revoke and remove others, never the console by accident', async ({
    page,
    gateway,
  }) => {
    const other = await connectGateway(gateway.url, { token: gateway.token });
    const otherId = (other.device as { id: string }).id;
    other.close();
    const node = await connectNode(gateway);
    const nodeId = (node.device as { id: string }).id;
    await openNodes(page, gateway);

    const self = page.locator('[data-testid="paired-device"][data-self="true"]');
    await expect(self.getByTestId('this-console')).toHaveText('This console');
    await expect(page.getByTestId('paired-device').first()).toHaveAttribute('data-self', 'true');

    // Rename the harness operator device.
    const row = device(page, otherId);
    await row.getByRole('button', { name: 'Rename: test' }).click();
    await row.getByLabel('New name').fill('e2e harness');
    await row.getByRole('button', { name: 'Save name' }).click();
    await expect(row.locator('strong')).toHaveText('e2e harness');

    // Revoke the node's token: two presses.
    const nodeRow = device(page, nodeId);
    await nodeRow.getByRole('button', { name: 'Revoke node token: node-host' }).click();
    await nodeRow.getByRole('button', { name: 'Confirm: revoke node token of node-host' }).click();
    await expect(nodeRow).toContainText('node (revoked)');

    // Remove the harness device: two presses, then it is gone from the gateway's list.
    await row.getByRole('button', { name: 'Remove: e2e harness' }).click();
    await row.getByRole('button', { name: 'Confirm: remove e2e harness' }).click();
    await expect(row).toHaveCount(0);
    node.close();

    // The console's own device: the confirming press waits for an explicit "I understand".
    await self.getByRole('button', { name: /^Remove: / }).click();
    await expect(self.getByTestId('self-warning')).toContainText('the console you are using');
    const confirm = self.getByRole('button', { name: /^Confirm: remove / });
    await expect(confirm).toBeDisabled();
    await self.getByLabel('I understand: this signs out the console I am using').check();
    await expect(confirm).toBeEnabled();
    await confirm.press('Escape');
    await expect(self.getByTestId('self-warning')).toHaveCount(0);
    await expect(self).toBeVisible();

    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await shootEverySize(page, 'nodes', { dir: SHOTS, fullPage: true });
  });

  test('an observer sees nodes, and why paired devices are not shown', async ({
    page,
    gateway,
  }) => {
    await openNodes(page, gateway, true);
    await expect(page.getByTestId('nodes-panel')).toBeVisible();
    await expect(page.getByTestId('paired-unavailable')).toContainText('operator.pairing');
    await expect(page.getByRole('button', { name: /^Remove: / })).toHaveCount(0);
  });
});

test('the page works on the old 2026.4.29 gateway; rename is not offered there', async ({
  page,
  legacyGateway,
}) => {
  await openNodes(page, legacyGateway);
  await expect(page.getByTestId('nodes-panel')).toBeVisible();
  const self = page.locator('[data-testid="paired-device"][data-self="true"]');
  await expect(self).toBeVisible();
  const rename = self.getByRole('button', { name: /^Rename: / });
  await expect(rename).toBeDisabled();
  await expect(rename).toHaveAttribute('title', /device\.pair\.rename/);
});

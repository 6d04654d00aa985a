import { test as base, expect, type Page } from '@playwright/test';
// The harness is plain Node ESM so `npm start` can use it without a TypeScript step.
import { startGateway, type GatewayHandle } from '../../harness/gateway/gateway.mjs';

interface Workers {
  gateway: GatewayHandle;
  legacyGateway: GatewayHandle;
}

/** Playwright test with real gateways as worker fixtures (started once, shared by a worker's tests). */
export const test = base.extend<object, Workers>({
  gateway: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const gateway = await startGateway({ name: 'e2e-current' });
      await use(gateway);
      await gateway.close();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  legacyGateway: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const gateway = await startGateway({ version: '2026.4.29', name: 'e2e-legacy' });
      await use(gateway);
      await gateway.close();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});

export { expect, type GatewayHandle };

/** The connection status region every screen shows. */
export function connectionStatus(page: Page) {
  return page.getByRole('status').filter({ has: page.getByTestId('connection-phase') });
}

/** Fills and submits the connect form. */
export async function connectWithForm(
  page: Page,
  url: string,
  token: string,
  options: { remember?: boolean } = {},
): Promise<void> {
  await page.getByLabel('Gateway URL', { exact: true }).fill(url);
  await page.getByLabel('Token', { exact: true }).fill(token);
  if (options.remember) await page.getByLabel('Remember the token on this device').check();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** Connects the console to a gateway from the form (as an observer if asked), then opens `path`. */
export async function openConnected(
  page: Page,
  gateway: GatewayHandle,
  path: string,
  options: { observer?: boolean } = {},
): Promise<void> {
  await page.goto('/');
  if (options.observer)
    await page.getByLabel('Observer (read-only): ask only for read access').check();
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto(path);
}

/** Connects with the form and saves the connection as a named profile (for the fleet). */
export async function saveProfile(page: Page, name: string, url: string, token: string) {
  await page.goto('/connect');
  await page.getByLabel('Gateway URL', { exact: true }).fill(url);
  await page.getByLabel('Profile name (optional)').fill(name);
  await page.getByLabel('Token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionStatus(page)).toContainText(`Connected to ${url}`);
}

/** Opens the overview's folded operator tools (system event, alerts, diagnostics). */
export async function openOverviewTools(page: Page) {
  const fold = page.getByTestId('overview-tools');
  await fold.getByText('Operator tools').click();
  await expect(fold).toHaveAttribute('open', '');
}

/** Opens the session page's folded settings (label, model, reset, delete); already open stays open. */
export async function openSessionSettings(page: Page) {
  const fold = page.getByTestId('session-settings');
  if ((await fold.getAttribute('open')) === null) await fold.getByText('Session settings').click();
  await expect(fold).toHaveAttribute('open', '');
}

import { connectGateway } from '../harness/gateway/client.mjs';
import { chromiumArgs, chromiumPath } from '../harness/chromium.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  openOverviewTools,
  openSessionSettings,
} from './support/fixtures';

// A LAN-like origin: Chromium resolves console.lan to 127.0.0.1, so the page's origin is
// http://console.lan:4173 — not loopback to the gateway, and not a secure context.
const LAN_ORIGIN = 'http://console.lan:4173';
test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--host-resolver-rules=MAP console.lan 127.0.0.1'],
  },
});

test('a LAN origin is refused with the exact origin to allow, then connects once it is allowed', async ({
  page,
  gateway,
}) => {
  await page.goto(
    `${LAN_ORIGIN}/#gateway=${encodeURIComponent(gateway.url)}&token=${gateway.token}`,
  );
  await expect(page.getByTestId('accept-gateway')).toContainText(`Connect to`);
  await expect(page.getByTestId('accept-gateway')).toContainText(gateway.url);
  await page.getByTestId('accept-gateway').click();
  await expect(
    page.getByText('The gateway refused connections from this page’s origin.'),
  ).toBeVisible();
  await expect(
    page.getByText(`Add "${LAN_ORIGIN}" to gateway.controlUi.allowedOrigins`),
  ).toBeVisible();
  await expect(connectionStatus(page)).toContainText('Stopped');

  await gateway.setAllowedOrigins([LAN_ORIGIN]);
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
  await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
  // Plain http on a LAN name has no WebCrypto: the pure-JS key is in use and the page says so.
  await expect(page.getByText(/not a secure context/)).toBeVisible();
});

test('an operator approves a waiting device from the console', async ({ page, gateway }) => {
  // A real pairing request: a paired device that changes its platform must be re-approved.
  const first = await connectGateway(gateway.url, { token: gateway.token, platform: 'linux' });
  const device = first.device;
  first.close();
  const refusal = await connectGateway(gateway.url, {
    token: gateway.token,
    platform: 'macos',
    device,
  }).then(
    () => undefined,
    (error: { details?: { code?: string; requestId?: string } }) => error.details,
  );
  expect(refusal?.code).toBe('PAIRING_REQUIRED');
  const requestId = refusal!.requestId!;

  await page.goto('http://127.0.0.1:4173/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  const pending = page.getByTestId('pending-device').filter({ hasText: requestId });
  await expect(pending).toBeVisible();
  await pending.getByRole('button', { name: 'Approve' }).click();
  // One press only arms it: the device is still waiting, and the button names what it grants.
  const confirm = pending.getByRole('button', { name: /^Confirm: approve .* for / });
  await expect(confirm).toContainText('operator.');
  await page.waitForTimeout(500);
  await expect(pending).toHaveCount(1);
  await confirm.click();
  await expect(pending).toHaveCount(0);

  const approved = await connectGateway(gateway.url, {
    token: gateway.token,
    platform: 'macos',
    device,
  });
  expect(approved.hello).toMatchObject({ type: 'hello-ok' });
  approved.close();
});

test('observer mode connects read-only and cannot change anything', async ({ page, gateway }) => {
  await page.goto('http://127.0.0.1:4173/');
  await page.getByLabel('Observer (read-only): ask only for read access').check();
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await expect(page.getByTestId('read-only')).toBeVisible();
  await expect(page.getByTestId('health-state')).toHaveText(/Healthy/);
  await openOverviewTools(page);
  await expect(page.getByRole('button', { name: 'Post system event' })).toBeDisabled();
  await expect(page.getByTestId('devices-panel')).toHaveCount(0);

  await page.goto('http://127.0.0.1:4173/sessions/agent%3Amain%3Amain');
  await expect(page.getByText('Read-only: your role cannot send messages here.')).toBeVisible();
  await expect(page.getByLabel('Message', { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await openSessionSettings(page);
  await expect(page.getByRole('button', { name: 'Rename' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Reset' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();

  await page.goto('http://127.0.0.1:4173/sessions');
  await expect(page.getByRole('button', { name: 'New session' })).toBeDisabled();
});

import { connectionStatus, expect, saveProfile, test } from './support/fixtures';
import { shootEverySize } from './support/shots';

test('two real gateways on two ports in the fleet view at once', async ({
  page,
  gateway,
  legacyGateway,
}) => {
  await saveProfile(page, 'alpha', gateway.url, gateway.token);
  await saveProfile(page, 'beta', legacyGateway.url, legacyGateway.token);

  await page.getByRole('link', { name: 'Fleet' }).click();
  const cards = page.getByTestId('fleet-card');
  await expect(cards).toHaveCount(2);
  const alpha = cards.filter({ hasText: 'alpha' });
  const beta = cards.filter({ hasText: 'beta' });
  await expect(alpha).toHaveAttribute('data-phase', 'connected');
  await expect(beta).toHaveAttribute('data-phase', 'connected');
  await expect(alpha).toContainText(`Gateway ${gateway.version} · protocol 4`);
  await expect(beta).toContainText(`Gateway ${legacyGateway.version} · protocol 3`);
  await expect(alpha).toContainText('healthy');
  // Triage reads the old gateway too: what it does not offer is said, never shown as zero.
  for (const card of [alpha, beta])
    await expect(card).toContainText(/Nothing needs you here|waiting|down|failing|offline|overdue/);

  // One gateway going away shows on its card only.
  await legacyGateway.stop();
  await expect(beta).toHaveAttribute('data-phase', /reconnecting|connecting/);
  await expect(alpha).toHaveAttribute('data-phase', 'connected');
  await legacyGateway.start();
  await expect(beta).toHaveAttribute('data-phase', 'connected', { timeout: 60_000 });

  // Opening a card switches the main connection without a reload.
  await page.evaluate(
    () => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true),
  );
  await alpha.getByRole('button', { name: 'Open alpha' }).click();
  await expect(connectionStatus(page)).toContainText(`Connected to ${gateway.url}`);
  await expect(page.getByText('Profile: alpha')).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true);
});

test('a wall shows the fleet: one row per saved gateway, named or all, readable and never scrolling', async ({
  page,
  gateway,
  legacyGateway,
}) => {
  await saveProfile(page, 'alpha', gateway.url, gateway.token);
  await saveProfile(page, 'beta', legacyGateway.url, legacyGateway.token);

  // Names pick and order the rows; a name not saved is said, not silently dropped.
  await page.goto('/wall?fleet=beta,nope,alpha');
  const rows = page.getByTestId('wall-fleet-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('beta');
  await expect(rows.last()).toContainText('alpha');
  await expect(page.getByTestId('wall-fleet')).toContainText('Not among the saved gateways: nope');
  await expect(rows.last().getByTestId('wall-fleet-state')).toHaveText('healthy');
  for (const row of [rows.first(), rows.last()]) {
    await expect(row).toHaveAttribute('data-phase', 'connected');
    // Every gateway says something: all clear, or what needs someone there.
    await expect(row.getByTestId('wall-fleet-signals')).toContainText(
      /All clear|waiting|down|failing|offline|overdue|failed/,
    );
  }

  // One gateway stopping shows on its row only.
  await legacyGateway.stop();
  await expect(rows.first()).toHaveAttribute('data-phase', /reconnecting|connecting/);
  await expect(rows.first().getByTestId('wall-fleet-state')).toContainText('beta');
  await expect(rows.last()).toHaveAttribute('data-phase', 'connected');
  await legacyGateway.start();
  await expect(rows.first()).toHaveAttribute('data-phase', 'connected', { timeout: 60_000 });

  await page.goto('/wall?fleet=all');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('wall')).toBeVisible();
  await shootEverySize(page, 'wall-fleet', { dir: process.env.SHOTS_DIR ?? '/tmp/shots-fleet' });
  // A wall cannot scroll: the rows stay inside the screen at the wall size.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const bottom = await rows.last().evaluate((el) => el.getBoundingClientRect().bottom);
  expect(bottom).toBeLessThanOrEqual(1080);
});

import { connectionStatus, expect, saveProfile, test } from './support/fixtures';

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

import { expect, test } from './support/fixtures';

// Installable, and the app shell opens offline (the gateway is then simply unreachable, said in
// the console's own words, not a browser error page).
test('the console installs and opens offline from its service worker', async ({
  page,
  context,
}) => {
  await page.goto('/');
  // The worker takes control once it has the shell cached.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);

  await context.setOffline(true);
  // A page never opened before, offline: the shell still answers, and the route renders.
  await page.goto('/sessions');
  await expect(page.getByRole('heading', { name: 'OpenClaw Console' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeAttached();
  await context.setOffline(false);
});

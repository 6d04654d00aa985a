import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../harness/chromium.mjs';
import { CONSOLE_PORT } from '../playwright.config';
import { expect, test } from './support/fixtures';

// Installable, and the app shell opens offline (the gateway is then simply unreachable, said in
// the console's own words, not a browser error page). A real browser profile on disk: Chromium
// never offers to install from an incognito one, which is what a default test context is.
test('the console installs and opens offline from its service worker', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'console-pwa-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${CONSOLE_PORT}/`);
    // The worker takes control once it has the shell cached.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);

    // A deep link under the worker: every chunk comes from one path, the one the page asked
    // below (two paths would load the app twice, with two Svelte runtimes).
    await page.goto(`http://127.0.0.1:${CONSOLE_PORT}/sessions/agent%3Amain%3Apwa`);
    await expect(page.getByRole('heading', { name: 'OpenClaw Console' })).toBeVisible();
    const scriptDirs = await page.evaluate(() => [
      ...new Set(
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.endsWith('.js') && path.includes('/assets/'))
          .map((path) => path.slice(0, path.lastIndexOf('/') + 1)),
      ),
    ]);
    expect(scriptDirs).toEqual(['/sessions/assets/']);

    await context.setOffline(true);
    // A page never opened before, offline: the shell still answers, and the route renders.
    await page.goto(`http://127.0.0.1:${CONSOLE_PORT}/sessions`);
    await expect(page.getByRole('heading', { name: 'OpenClaw Console' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Pages' })).toBeAttached();
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// Takes the screenshots in docs/ from the real thing: a real gateway from the test
// harness, the built console, Debian's Chromium. `node scripts/screenshots.mjs`
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { build, preview } from 'vite';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { chromiumArgs, chromiumPath } from '../harness/chromium.mjs';

const PORT = 4190;
const base = `http://127.0.0.1:${PORT}`;
await mkdir('docs', { recursive: true });
await build({ logLevel: 'warn' });
const server = await preview({
  preview: { host: '127.0.0.1', port: PORT, strictPort: true },
  logLevel: 'warn',
});
const gateway = await startGateway({ name: 'screenshots' });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
});

try {
  // Some history and another operator for the views to show.
  const other = await connectGateway(gateway.url, { token: gateway.token });
  await chatRun(other, 'markdown please', { sessionKey: 'agent:main:release-notes' });
  await chatRun(other, 'hello from the other operator', { sessionKey: 'agent:main:main' });

  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
  });
  const page = await context.newPage();
  const shot = (name) => page.screenshot({ path: `docs/${name}.png`, fullPage: true });

  await page.goto(`${base}/connect`);
  await page.getByLabel('Gateway URL', { exact: true }).fill(gateway.url);
  await page.getByLabel('Token', { exact: true }).fill('wrong-token');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByText('The gateway refused this token.').waitFor();
  await shot('connect-error');

  await page.getByLabel('Token', { exact: true }).fill(gateway.token);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByTestId('health-state').getByText('Healthy').waitFor();
  await page.getByTestId('gateway-version').waitFor();
  await shot('overview');

  await page.getByRole('link', { name: 'Sessions' }).click();
  await page.getByRole('link', { name: /release-notes/ }).waitFor();
  await shot('sessions');

  await page.goto(`${base}/sessions/${encodeURIComponent('agent:main:release-notes')}`);
  await page.getByTestId('message').first().waitFor();
  await page.getByLabel('Message', { exact: true }).fill('slow please');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByTestId('run-text').getByText(/3/).waitFor({ timeout: 60_000 });
  await shot('session-streaming');
  await page.getByRole('button', { name: 'Stop' }).click();

  const zh = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    colorScheme: 'dark',
    locale: 'zh-CN',
  });
  const zhPage = await zh.newPage();
  await zhPage.goto(`${base}/#gateway=${encodeURIComponent(gateway.url)}&token=${gateway.token}`);
  // The preview server names no gateway, so the console asks before switching to this one.
  await zhPage.getByTestId('accept-gateway').click();
  await zhPage.getByTestId('link-notice').getByRole('button').click();
  await zhPage.getByTestId('health-state').getByText('正常').waitFor();
  await zhPage.screenshot({ path: 'docs/overview-zh-dark.png', fullPage: true });

  await page.goto(`${base}/wall`);
  await page.getByTestId('wall-health').getByText('Healthy').waitFor();
  const slow = chatRun(other, 'slow please', {
    sessionKey: 'agent:main:nightly-report',
    timeoutMs: 90_000,
  }).catch(() => {});
  await page.getByTestId('run-board').waitFor({ timeout: 60_000 });
  await shot('wallboard');
  await gateway.stop();
  await page.getByTestId('wall-stale').waitFor();
  await shot('wallboard-stale');
  await gateway.start();
  await slow;
  other.close();
  console.log('screenshots written to docs/');
} finally {
  await browser.close();
  await gateway.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}

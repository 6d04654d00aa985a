import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, chromiumPath } from '../harness/chromium.mjs';
import { startFakeGateway, type FakeGateway } from './fake/fake-gateway.mjs';
import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';

// Volumes a test gateway does not have: the scripted fake gateway stands in.
let fake: FakeGateway;
test.afterEach(async () => {
  await fake?.close();
});

const presence = Array.from({ length: 500 }, (_, i) => ({
  host: `node-${i}`,
  mode: i % 2 ? 'ui' : 'cli',
  platform: 'linux',
  version: '2026.9.6',
  reason: 'connect',
  ts: Date.now() - i * 1000,
  instanceId: `instance-${i}`,
}));
const sessions = Array.from({ length: 5_000 }, (_, i) => ({
  key: `agent:main:load-${i}`,
  agentId: 'main',
  label: `Load session ${i}`,
  model: 'fake-model',
  totalTokens: i,
  updatedAt: Date.now() - i * 1000,
}));

/** Time from a click to the frame that shows its result: the page must still answer quickly. */
async function clickToPaintMs(page: Page) {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        (document.querySelector('button[type="button"]') as HTMLButtonElement).click();
        requestAnimationFrame(() => resolve(performance.now() - started));
      }),
  );
}

test('500 presence entries and 5,000 sessions stay usable', async ({ page }) => {
  fake = await startFakeGateway({ presence, sessions });
  await page.goto('/');
  await connectWithForm(page, fake.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  await expect(page.getByTestId('presence-count')).toHaveText('500 clients');

  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByTestId('sessions-count')).toHaveText('5000 of 5000 sessions', {
    timeout: 30_000,
  });
  await page.getByLabel('Search sessions').fill('Load session 4999');
  await expect(page.getByTestId('sessions-count')).toHaveText('1 of 5000 sessions');
  const latency = await clickToPaintMs(page);
  test.info().annotations.push({ type: 'click-to-paint-ms', description: latency.toFixed(1) });
  expect(latency).toBeLessThan(1_000);
});

test('20 runs streaming at once show on the run board', async ({ page }) => {
  fake = await startFakeGateway();
  await page.goto('/');
  await connectWithForm(page, fake.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto('/wall');
  await expect(page.getByTestId('wall-health')).toHaveText('Healthy');

  for (let tick = 1; tick <= 30; tick++) {
    for (let run = 0; run < 20; run++) {
      fake.event('chat', {
        runId: `run-${run}`,
        sessionKey: `agent:main:load-${run}`,
        seq: tick,
        state: 'delta',
        deltaText: ` word${tick}`,
      });
    }
  }
  await expect(page.getByTestId('run-board').locator('tbody tr')).toHaveCount(20);
  for (let run = 0; run < 20; run++) {
    fake.event('chat', {
      runId: `run-${run}`,
      sessionKey: `agent:main:load-${run}`,
      seq: 31,
      state: 'final',
    });
  }
  await expect(page.getByText('No runs in flight.')).toBeVisible();
});

test('10 console tabs on one real gateway all connect and see each other', async ({
  browser,
  gateway,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto('/');
  await connectWithForm(first, gateway.url, gateway.token);
  await expect(connectionStatus(first)).toContainText('Connected');
  await expect(first.getByTestId('presence-count')).toHaveText(/^\d+ clients?$/);
  const before = Number(
    (await first.getByTestId('presence-count').textContent())?.match(/\d+/)?.[0],
  );
  // The other nine reuse the first tab's device token, as tabs of one browser do.
  const others = await Promise.all(Array.from({ length: 9 }, () => context.newPage()));
  await Promise.all(others.map((tab) => tab.goto('/')));
  for (const tab of others) await expect(connectionStatus(tab)).toContainText('Connected');
  await expect(first.getByTestId('presence-count')).toHaveText(`${before + 9} clients`);
  await context.close();
});

test('a draft survives a reload and a tab that dies without unloading', async ({
  browser,
  gateway,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto('/sessions/agent%3Amain%3Ae2e-draft');
  await page.getByLabel('Message', { exact: true }).fill('half-written thought');
  await page.reload();
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('half-written thought');

  // The draft is saved on every keystroke, so a tab that dies without running any
  // unload handler (as in a crash) loses nothing.
  const revived = await context.newPage();
  await page.close({ runBeforeUnload: false });
  await revived.goto('/sessions/agent%3Amain%3Ae2e-draft');
  await expect(revived.getByLabel('Message', { exact: true })).toHaveValue('half-written thought');
  await context.close();
});

test('two tabs on one session keep their own drafts: sending in one leaves the other’s', async ({
  browser,
  gateway,
}) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  await a.goto('/');
  await connectWithForm(a, gateway.url, gateway.token);
  await expect(connectionStatus(a)).toContainText('Connected');
  const session = '/sessions/agent%3Amain%3Ae2e-two-drafts';
  const box = (page: typeof a) => page.getByLabel('Message', { exact: true });
  await a.goto(session);
  await box(a).fill('draft in tab A');

  const b = await context.newPage();
  await b.goto(session);
  await expect(connectionStatus(b)).toContainText('Connected');
  await expect(box(b)).toHaveValue('');
  await box(b).fill('reply: sent from tab B');
  await b.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(box(b)).toHaveValue('');
  await expect(
    b.getByTestId('message').filter({ hasText: 'sent from tab B' }).first(),
  ).toBeVisible();

  await expect(box(a)).toHaveValue('draft in tab A');
  await a.reload();
  await expect(box(a)).toHaveValue('draft in tab A');
  await context.close();
});

test('a draft survives a renderer crash and a browser restart', async ({ gateway, baseURL }) => {
  // A browser of its own with a profile on disk: a crashed renderer can leave a browser unable
  // to open tabs, and a restart is what a person does after a crash anyway.
  const profile = await mkdtemp(path.join(tmpdir(), 'openclaw-console-crash-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      baseURL,
    });
  const session = '/sessions/agent%3Amain%3Ae2e-crash-draft';
  let context = await launch();
  try {
    const page = await context.newPage();
    await page.goto('/');
    await connectWithForm(page, gateway.url, gateway.token);
    await expect(connectionStatus(page)).toContainText('Connected');
    await page.goto(session);
    await page.getByLabel('Message', { exact: true }).fill('typed just before the crash');

    const crashed = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    // Not awaited: the renderer dies without answering, and the call settles only on close.
    cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await context.close();

    context = await launch();
    const revived = await context.newPage();
    await revived.goto(session);
    await expect(revived.getByLabel('Message', { exact: true })).toHaveValue(
      'typed just before the crash',
    );
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

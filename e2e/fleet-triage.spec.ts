import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { startFakeGateway } from './fake/fake-gateway.mjs';
import {
  connectionStatus,
  expect,
  saveProfile,
  test as base,
  type GatewayHandle,
} from './support/fixtures';
import { shootEverySize } from './support/shots';

// Three real gateways at once: alpha and beta plain, gamma with a priced model (real cost).
const test = base.extend<object, { fleet: GatewayHandle[] }>({
  fleet: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const fleet = [
        await startGateway({ name: 'e2e-fleet-a' }),
        await startGateway({ name: 'e2e-fleet-b', execAsk: true }),
        await startGateway({ name: 'e2e-fleet-c', modelCost: { input: 3, output: 15 } }),
      ];
      await use(fleet);
      await Promise.all(fleet.map((gateway) => gateway.close()));
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});

const SHOTS = '/tmp/shots-fleet';
const NAMES = ['alpha', 'beta', 'gamma'];

/** Main-thread busy time and JS heap, from Chrome's own counters (CDP Performance.getMetrics). */
async function metrics(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const byName = new Map(list.map((m) => [m.name, m.value]));
    return (name: string) => byName.get(name) ?? 0;
  };
  return { read, cdp };
}

/**
 * Starts Chrome's counters; `done(label)` prints main-thread busy time while the fleet page
 * opened and connected, then over an idle window, and the JS heap.
 */
async function startMeasuring(page: Page) {
  const { read } = await metrics(page);
  const start = await read();
  return async (label: string, idleMs: number) => {
    const connected = await read();
    await page.waitForTimeout(idleMs); // a measuring window, not a synchronisation
    const after = await read();
    const ms = (a: typeof start, b: typeof start, name: string) => (b(name) - a(name)) * 1000;
    const numbers = {
      label,
      busyMsToConnect: Math.round(ms(start, connected, 'TaskDuration')),
      scriptMsToConnect: Math.round(ms(start, connected, 'ScriptDuration')),
      busyMsPerMinuteIdle: Math.round((ms(connected, after, 'TaskDuration') / idleMs) * 60_000),
      jsHeapUsedMB: +(after('JSHeapUsedSize') / 2 ** 20).toFixed(1),
      domNodes: after('Nodes'),
    };
    console.log(`[fleet-measure] ${JSON.stringify(numbers)}`);
  };
}

test('three real gateways: an approval on one leads from the strip to it; a tiny budget warns from real usage', async ({
  page,
  fleet,
}) => {
  test.setTimeout(240_000);
  for (const [i, gw] of fleet.entries()) await saveProfile(page, NAMES[i]!, gw.url, gw.token);
  const measured = await startMeasuring(page);
  await page.getByRole('link', { name: 'Fleet' }).click();
  const cards = page.getByTestId('fleet-card');
  await expect(cards).toHaveCount(3);
  for (const name of NAMES)
    await expect(cards.filter({ hasText: name })).toHaveAttribute('data-phase', 'connected');
  await expect(page.getByTestId('fleet-strip')).toContainText('Nothing needs you');
  await measured('3 real gateways', 30_000);

  // A real approval on beta: a run there asks to execute a command on the gateway host (beta
  // asks a human for every command), and waits for the answer.
  const [, beta, gamma] = fleet as [GatewayHandle, GatewayHandle, GatewayHandle];
  const agent = await connectGateway(beta.url, {
    token: beta.token,
    scopes: ['operator.read', 'operator.write', 'operator.approvals'],
  });
  const command = 'echo fleet-approved';
  const execRun = chatRun(agent, `exec: ${command}`, {
    sessionKey: 'agent:main:fleet-exec',
    timeoutMs: 180_000,
  });
  const strip = page.getByTestId('fleet-strip');
  const signal = strip.getByRole('button', { name: /^beta: 1 approval or question waiting/ });
  // The run reaches its command after the gateway prepared the agent (about 25 s measured).
  await expect(signal).toBeVisible({ timeout: 120_000 });
  await expect(signal).toContainText(command);
  await expect(cards.filter({ hasText: 'beta' }).getByTestId('fleet-signal')).toHaveCount(1);

  // Real spend on gamma (priced model) and a tiny daily budget for it.
  const runner = await connectGateway(gamma.url, {
    token: gamma.token,
    scopes: ['operator.read', 'operator.write'],
  });
  await chatRun(runner, 'hello from the fleet with a few more words', {
    sessionKey: 'agent:main:fleet',
  });
  runner.close();
  // A real, non-zero cost ("$0.000213"): any digit other than zero after the point.
  await expect(cards.filter({ hasText: 'gamma' }).getByTestId('fleet-spend')).toHaveText(
    /Spent today: \$0\.0*[1-9]/,
    { timeout: 60_000 },
  );

  await shootEverySize(page, 'fleet-signals', { dir: SHOTS, fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Allowed in place, over the fleet's own connection to beta: the console stays on gamma (the
  // profile saved last), and the agent that asked is released with the decision.
  const ask = strip.getByTestId('fleet-ask');
  await expect(ask.getByTestId('fleet-ask-command')).toHaveText(command);
  await expect(ask.getByRole('button', { name: 'Open on beta' })).toBeVisible();
  await shootEverySize(page, 'fleet-approve', { dir: '/tmp/shots-s3-c', fullPage: true });
  await ask.getByRole('button', { name: 'Allow once' }).click();
  // The run on beta goes on: the command ran and the model saw its output.
  const { last } = (await execRun) as { last: { state?: string } };
  expect(last.state).toBe('final');
  expect(JSON.stringify(last)).toContain('Ran it: fleet-approved');
  await expect(signal).toBeHidden();
  await expect(strip.getByTestId('fleet-decided')).toContainText(
    'Sent on beta: Allowed (Allow once)',
  );
  await expect(cards.filter({ hasText: 'beta' }).getByTestId('fleet-signal')).toHaveCount(0);
  await expect(connectionStatus(page)).toContainText(`Connected to ${gamma.url}`);

  // Another one: the click leads to the approval itself, on beta (the console switches profile).
  const second = 'ls /tmp/fleet-triage-e2e';
  const { id: secondId } = await agent.request<{ id: string }>('exec.approval.request', {
    command: second,
    agentId: 'main',
    sessionKey: 'agent:main:main',
    host: 'gateway',
    timeoutMs: 120_000,
    twoPhase: true,
  });
  await expect(signal).toContainText(second);
  await signal.click();
  await expect(connectionStatus(page)).toContainText(`Connected to ${beta.url}`);
  await expect(page).toHaveURL(new RegExp(`/approvals\\?id=${secondId}`));
  await expect(page.getByTestId('approval-command')).toHaveText(second);
  agent.close();

  // Budget on gamma from its own Usage page.
  await page.getByRole('link', { name: 'Fleet' }).click();
  await cards.filter({ hasText: 'gamma' }).getByRole('button', { name: 'Open gamma' }).click();
  await expect(connectionStatus(page)).toContainText(`Connected to ${gamma.url}`);
  await page.getByRole('link', { name: 'Usage' }).click();
  await page.getByLabel('Daily budget (US$)').fill('0.000001');
  await page.getByLabel('Warn at (% of the budget, comma-separated)').fill('50, 100');
  await page.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByTestId('budget-warning')).toContainText(/of today’s budget spent/, {
    timeout: 30_000,
  });
  const badge = page.getByRole('navigation', { name: 'Pages' }).getByTestId('budget-badge');
  await expect(badge).toHaveAttribute('data-over', 'true');
  await shootEverySize(page, 'usage-budget', { dir: SHOTS, fullPage: true });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: 'Fleet' })
    .click();
  await expect(strip.getByRole('button', { name: /^gamma: \d+% of the daily budget/ })).toBeVisible(
    { timeout: 60_000 },
  );
});

test('twenty scripted gateways: the fleet page stays cheap', async ({ page }) => {
  test.setTimeout(240_000);
  const fakes = await Promise.all(Array.from({ length: 20 }, () => startFakeGateway()));
  try {
    for (const [i, fake] of fakes.entries()) await saveProfile(page, `fake-${i}`, fake.url, 't');
    await page.goto('/');
    const measured = await startMeasuring(page);
    await page.getByRole('link', { name: 'Fleet' }).click();
    const cards = page.getByTestId('fleet-card');
    await expect(cards).toHaveCount(20);
    await expect(page.locator('[data-testid=fleet-card][data-phase=connected]')).toHaveCount(20);
    await measured('20 scripted gateways', 30_000);
    const perGateway = fakes.map((f) => f.requests.filter((r) => r.method !== 'connect').length);
    console.log(`[fleet-measure] requests per fake gateway (both connections): ${perGateway}`);
  } finally {
    await Promise.all(fakes.map((f) => f.close()));
  }
});

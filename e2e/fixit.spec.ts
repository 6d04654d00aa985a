import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chatRun, connectGateway, type GatewayClient } from '../harness/gateway/client.mjs';
import { connectionStatus, expect, openConnected, test } from './support/fixtures';
import { addJob, disableOthersJobs, heardAnnouncements, jobEnabled } from './support/jobs';
import { shootEverySize } from './support/shots';

const SHOTS = '/tmp/shots-fixit';

/** Starts a slow run (the model server streams 200 words, 300 ms apart) and waits for its first words. */
async function slowRun(client: GatewayClient, sessionKey: string) {
  let streaming!: () => void;
  const started = new Promise<void>((resolve) => (streaming = resolve));
  const off = client.onEvent((frame) => {
    const p = frame.payload as { sessionKey?: string; state?: string };
    if (frame.event === 'chat' && p.sessionKey === sessionKey && p.state === 'delta') streaming();
  });
  const run = chatRun(client, 'slow please', { sessionKey, timeoutMs: 120_000 });

  await started;
  off();
  return run;
}

const panel = (page: Page, id: string) => page.getByTestId(id);

async function busy(client: GatewayClient, key: string) {
  const list = await client.request<{ sessions: { key: string; hasActiveRun?: boolean }[] }>(
    'sessions.list',
    {},
  );
  return list.sessions.find((row) => row.key === key)?.hasActiveRun === true;
}

test.describe('fix it, on a real gateway', () => {
  let client: GatewayClient;
  test.beforeAll(async ({ gateway }) => {
    client = await connectGateway(gateway.url, { token: gateway.token });
  });
  test.afterAll(() => client?.close());

  test('stop everything aborts a slow run and turns the enabled job off; resume turns back on only that job', async ({
    page,
    gateway,
  }) => {
    const heard = heardAnnouncements(client);
    // The worker's gateway is shared: jobs other specs left enabled would be paused too.
    await disableOthersJobs(client);
    const on = await addJob(client, 'e2e stop: hourly', true);
    const off = await addJob(client, 'e2e stop: already off', false);
    const run = slowRun(client, 'agent:main:e2e-stopall');
    await openConnected(page, gateway, '/');
    const stop = panel(page, 'stop-panel');
    await stop.getByRole('button', { name: 'Stop everything…' }).click();
    const plan = stop.getByTestId('stop-plan');
    await expect(plan).toContainText('abort 1 run in flight');
    await expect(plan).toContainText('pause heartbeats');
    await expect(plan).toContainText('e2e stop: hourly');
    await expect(plan).not.toContainText('already off');
    await expect(stop).toContainText('It cannot stop: runs that start after this moment');
    await stop.getByRole('button', { name: 'Stop all of this' }).click();

    const status = stop.getByTestId('stop-status');
    await expect(status).toHaveAttribute('data-phase', 'stopped', { timeout: 30_000 });
    await expect(status).toContainText('1 run aborted');
    await expect(status).toContainText('Heartbeats paused');
    await expect(status).toContainText('1 job turned off');
    // Asked of the gateway itself: the Node client does not always hear the terminal event.
    void run.catch(() => undefined);
    await expect
      .poll(() => busy(client, 'agent:main:e2e-stopall'), { timeout: 30_000 })
      .toBe(false);
    expect(await jobEnabled(client, on)).toBe(false);
    await expect.poll(() => heard.some((text) => text.includes('stopped everything'))).toBe(true);

    // A reload keeps what was paused here, so resume still knows exactly what to turn back on.
    await page.reload();
    const paused = panel(page, 'paused-here');
    await expect(paused).toContainText('1 scheduled job: e2e stop: hourly');
    await expect(paused).toContainText('heartbeats');
    await paused.getByRole('button', { name: 'Resume' }).click();
    await paused.getByRole('button', { name: 'Confirm: turn these back on' }).click();
    await expect(stop.getByTestId('stop-status')).toContainText('1 job back on');
    await expect(stop.getByTestId('stop-status')).toContainText('heartbeats back on');
    await expect(panel(page, 'paused-here')).toHaveCount(0);
    expect(await jobEnabled(client, on)).toBe(true);
    expect(await jobEnabled(client, off)).toBe(false);
    // The announcement shows to this console too, from the presence list.
    await expect(panel(page, 'announcements')).toContainText('resumed what they had paused');
    for (const id of [on, off]) await client.request('cron.remove', { id });
  });

  test('a busy gateway says what it is busy with; "restart now" restarts it in place and the console says it is back', async ({
    page,
    gateway,
  }) => {
    test.setTimeout(240_000);
    const pid = gateway.pid;
    const run = slowRun(client, 'agent:main:e2e-restart');
    await openConnected(page, gateway, '/');
    const restart = panel(page, 'restart-panel');
    await restart.getByRole('button', { name: 'Restart the gateway…' }).click();
    await expect(restart).toContainText('The gateway is busy with');
    await expect(restart.getByTestId('restart-blockers')).toContainText('embedded run');
    await expect(restart).toContainText('cannot be called off');
    await expect(restart.getByRole('button', { name: 'Restart when idle' })).toBeVisible();
    await restart.getByRole('button', { name: 'Restart now' }).click();
    const status = restart.getByTestId('restart-status');
    await expect(status).toHaveAttribute('data-phase', /waiting|draining|restarting|back/);
    await expect(status).toHaveAttribute('data-phase', 'back', { timeout: 150_000 });
    await expect(status).toContainText('The gateway is back');
    await expect(connectionStatus(page)).toContainText('Connected');
    // Measured: 2026.9.6 restarts in place (SIGUSR2 in the same process), so the harness keeps it.
    expect(gateway.pid).toBe(pid);
    expect(() => process.kill(pid!, 0)).not.toThrow();
    await restart.getByRole('button', { name: 'Done' }).click();
    // The interrupted run ends one way or another; the old client's socket is gone.
    void run.catch(() => undefined);
    client.close();
    client = await connectGateway(gateway.url, { token: gateway.token });
  });

  test('an observer sees no gateway actions, and why; the panels fit every screen', async ({
    page,
    gateway,
  }) => {
    await openConnected(page, gateway, '/', { observer: true });
    await expect(panel(page, 'fixit-observer')).toContainText('Observer mode');
    await expect(page.getByRole('button', { name: 'Restart the gateway…' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Stop everything…' })).toHaveCount(0);
  });

  test('screenshots, light and dark, with the stop plan open', async ({ page, gateway }) => {
    await openConnected(page, gateway, '/');
    await panel(page, 'stop-panel').getByRole('button', { name: 'Stop everything…' }).click();
    await expect(panel(page, 'stop-plan')).toBeVisible();
    await panel(page, 'restart-panel')
      .getByRole('button', { name: 'Restart the gateway…' })
      .click();
    await expect(
      panel(page, 'restart-panel').getByRole('button', { name: 'Cancel' }),
    ).toBeVisible();
    const axe = await new AxeBuilder({ page })
      .include('[data-testid="stop-panel"]')
      .include('[data-testid="restart-panel"]')
      .include('[data-testid="announcements"]')
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await shootEverySize(page, 'fixit', { dir: SHOTS, fullPage: true });
  });
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connectGateway, type GatewayClient } from '../harness/gateway/client.mjs';
import { expect, openConnected, test, type GatewayHandle } from './support/fixtures';
import { shootEverySize } from './support/shots';

const SHOTS = '/tmp/shots-cron';

async function openCron(page: Page, gateway: GatewayHandle, observer = false) {
  await openConnected(page, gateway, '/cron', { observer });
  await expect(page.getByRole('heading', { name: 'Scheduled jobs', level: 2 })).toBeVisible();
}

/** Makes a real job through the gateway, as another operator would. */
async function addJob(client: GatewayClient, name: string, message: string, everyMs = 3_600_000) {
  const job = await client.request<{ id: string }>('cron.add', {
    name,
    schedule: { kind: 'every', everyMs },
    sessionTarget: 'isolated',
    wakeMode: 'now',
    payload: { kind: 'agentTurn', message },
    delivery: { mode: 'none' },
  });
  return job.id;
}

const jobRow = (page: Page, id: string) =>
  page.locator(`[data-testid="cron-job"][data-job-id="${id}"]`);

test.describe('scheduled jobs on a real gateway', () => {
  let client: GatewayClient;
  test.beforeAll(async ({ gateway }) => {
    client = await connectGateway(gateway.url, { token: gateway.token });
  });
  test.afterAll(() => client?.close());

  test('a job made through the gateway shows, runs now, and is disabled and enabled', async ({
    page,
    gateway,
  }) => {
    const id = await addJob(client, 'e2e hourly echo', 'reply: cron says hi');
    await openCron(page, gateway);
    const row = jobRow(page, id);
    await expect(row.getByTestId('job-schedule')).toHaveText('Every hour');
    await expect(row.getByTestId('job-last')).toHaveText('Never run');

    await row.getByRole('button', { name: 'Run now: e2e hourly echo' }).click();
    await expect(row.getByTestId('job-outcome')).toHaveText('succeeded', { timeout: 90_000 });
    await row.getByRole('button', { name: 'Recent runs: e2e hourly echo' }).click();
    const run = row.getByTestId('cron-run').first();
    await expect(run).toHaveAttribute('data-status', 'ok');
    await expect(run).toContainText('cron says hi');

    await row.getByRole('button', { name: 'Disable: e2e hourly echo' }).click();
    await expect(row.getByTestId('job-disabled')).toBeVisible();
    const listed = await client.request<{ jobs: Array<{ id: string; enabled: boolean }> }>(
      'cron.list',
      { includeDisabled: true },
    );
    expect(listed.jobs.find((job) => job.id === id)?.enabled).toBe(false);
    await row.getByRole('button', { name: 'Enable: e2e hourly echo' }).click();
    await expect(row.getByTestId('job-disabled')).toHaveCount(0);

    // Edit: the form starts from the job as it is; the gateway keeps the new schedule.
    await row.getByRole('button', { name: 'Edit: e2e hourly echo' }).click();
    await expect(row.getByLabel('Interval')).toHaveValue('1');
    await row.getByLabel('Interval').fill('2');
    await row.getByRole('button', { name: 'Save changes' }).click();
    await expect(row.getByTestId('job-schedule')).toHaveText('Every 2 hours');
    const edited = await client.request<{ jobs: Array<{ id: string; schedule: unknown }> }>(
      'cron.list',
      { includeDisabled: true },
    );
    expect(edited.jobs.find((job) => job.id === id)?.schedule).toMatchObject({
      kind: 'every',
      everyMs: 7_200_000,
    });
  });

  test('a failing job is marked and listed first, with its error', async ({ page, gateway }) => {
    const id = await addJob(client, 'e2e failing job', 'fail400 please');
    await openCron(page, gateway);
    const row = jobRow(page, id);
    await row.getByRole('button', { name: 'Run now: e2e failing job' }).click();
    await expect(row).toHaveAttribute('data-attention', 'failing', { timeout: 90_000 });
    await expect(row.getByTestId('job-outcome')).toHaveText('failed');
    await expect(row.getByTestId('job-error')).not.toBeEmpty();
    await expect(page.getByTestId('cron-job').first()).toHaveAttribute('data-job-id', id);
    await expect(page.getByTestId('cron-attention')).toBeVisible();
    await row.getByRole('button', { name: 'Recent runs: e2e failing job' }).click();
    await expect(row.getByTestId('cron-run').first()).toHaveAttribute('data-status', 'error');
    await expect(row.getByTestId('run-error').first()).not.toBeEmpty();
  });

  test('a job added with the form is checked first, then made by the gateway', async ({
    page,
    gateway,
  }) => {
    await openCron(page, gateway);
    await page.getByRole('button', { name: 'Add a job…' }).click();
    await page.getByLabel('Name', { exact: true }).fill('e2e weekday note');
    await page.getByLabel('Cron expression', { exact: true }).check();
    await page.getByLabel('Cron expression (minute hour day month weekday)').fill('every day');
    await page.getByLabel('Message', { exact: true }).fill('reply: good morning');
    await page.getByRole('button', { name: 'Add job' }).click();
    await expect(page.getByRole('alert')).toContainText('five (or six) fields');
    await page.getByLabel('Cron expression (minute hour day month weekday)').fill('0 9 * * 1-5');
    await expect(page.getByTestId('add-preview')).toHaveText('Runs: Weekdays at 09:00');
    await page.getByRole('button', { name: 'Add job' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added' })).toContainText(
      'e2e weekday note',
    );
    const row = page.getByTestId('cron-job').filter({ hasText: 'e2e weekday note' });
    await expect(row.getByTestId('job-schedule')).toHaveText('Weekdays at 09:00');
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await shootEverySize(page, 'cron', { dir: SHOTS, fullPage: true });
    // The same schedule in Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(row.getByTestId('job-schedule')).toHaveText('工作日 09:00');
    await expect(page.getByRole('heading', { name: '定时任务', level: 2 })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/cron-1920-dark-zh.png`, fullPage: true });
  });

  test('an observer sees the jobs but cannot change them', async ({ page, gateway }) => {
    const id = await addJob(client, 'e2e observed job', 'reply: seen');
    await openCron(page, gateway, true);
    const row = jobRow(page, id);
    await expect(row.getByTestId('job-schedule')).toHaveText('Every hour');
    await expect(row.getByRole('button', { name: 'Run now: e2e observed job' })).toBeDisabled();
    await expect(row.getByRole('button', { name: 'Disable: e2e observed job' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Add a job…' })).toBeDisabled();
    await expect(page.getByTestId('cron-read-only')).toContainText('operator.admin');
  });
});

test('the page works on the old 2026.4.29 gateway', async ({ page, legacyGateway }) => {
  const old = await connectGateway(legacyGateway.url, { token: legacyGateway.token, protocol: 3 });
  const job = await old.request<{ id: string }>('cron.add', {
    name: 'legacy job',
    schedule: { kind: 'cron', expr: '*/5 * * * *' },
    sessionTarget: 'main',
    wakeMode: 'next-heartbeat',
    payload: { kind: 'systemEvent', text: 'tick' },
  });
  old.close();
  await openCron(page, legacyGateway);
  await expect(jobRow(page, job.id).getByTestId('job-schedule')).toHaveText('Every 5 minutes');
  await expect(page.getByTestId('cron-unavailable')).toHaveCount(0);
});

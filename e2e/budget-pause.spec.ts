import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { expect, openConnected, test as base, type GatewayHandle } from './support/fixtures';
import { addJob, heardAnnouncements, jobEnabled } from './support/jobs';

// A gateway of its own with a priced model, so a run has a real cost.
const test = base.extend<object, { priced: GatewayHandle }>({
  priced: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    async ({}, use) => {
      const gateway = await startGateway({
        name: 'e2e-budget-pause',
        modelCost: { input: 3, output: 15 },
      });
      await use(gateway);
      await gateway.close();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

test.setTimeout(300_000);
test('at the budget limit an opted-in console pauses heartbeats and the enabled job, and resume turns them back on', async ({
  page,
  priced,
}) => {
  const client = await connectGateway(priced.url, { token: priced.token });
  const heard = heardAnnouncements(client);
  const job = await addJob(client, 'e2e budget: hourly', true);
  await openConnected(page, priced, '/usage');

  await page.getByLabel('Daily budget (US$)').fill('0.000001');
  await page.getByLabel('Warn at (% of the budget, comma-separated)').fill('100');
  await page
    .getByLabel('At the limit (100 %), pause heartbeats and scheduled jobs on this gateway')
    .check();
  await expect(page.getByTestId('pause-confirm')).toContainText(
    'this browser turns off every enabled scheduled job and pauses heartbeats there',
  );
  await page.getByRole('button', { name: 'Save and turn on the pause' }).click();
  await expect(page.getByText('The pause at the limit is on for this gateway.')).toBeVisible();
  expect(await jobEnabled(client, job)).toBe(true);

  // A real priced run spends past the limit; the console reads the spend and pauses. Measured:
  // the gateway's usage.cost showed the run's cost in this range 106 s after it ended (its
  // transcript cache says "refreshing" meanwhile); the console reads it once a minute.
  await chatRun(client, 'spend a little, please, with a few more words', {
    sessionKey: 'agent:main:budget',
  });
  await expect.poll(() => jobEnabled(client, job), { timeout: 200_000 }).toBe(false);

  // The overview says what was paused here, and resume turns back on exactly that.
  await page.getByRole('link', { name: 'Overview' }).click();
  const paused = page.getByTestId('paused-here');
  await expect(paused).toContainText('1 scheduled job: e2e budget: hourly');
  await expect(paused).toContainText('heartbeats');
  await expect
    .poll(() => heard.some((text) => text.includes('spend budget was reached')))
    .toBe(true);
  await paused.getByRole('button', { name: 'Resume' }).click();
  await paused.getByRole('button', { name: 'Confirm: turn these back on' }).click();
  await expect(page.getByTestId('stop-panel').getByTestId('stop-status')).toContainText(
    '1 job back on',
  );
  expect(await jobEnabled(client, job)).toBe(true);

  // Over the limit, the overview says so first (once a pause per period is done, the unit
  // tests check that no second one follows).
  await expect(page.getByRole('region', { name: 'Needs attention' })).toContainText(
    'Spend budget exceeded',
  );
  await client.request('cron.remove', { id: job });
  client.close();
});

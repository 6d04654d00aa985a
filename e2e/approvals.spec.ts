import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { connectGateway, type GatewayClient } from '../harness/gateway/client.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  test,
  type GatewayHandle,
} from './support/fixtures';
import { shootEverySize } from './support/shots';

const SCOPES = ['operator.read', 'operator.write', 'operator.approvals', 'operator.questions'];

/** Connects the console in a page and opens the approvals page (a full load, with the device token). */
async function openInbox(page: Page, gw: GatewayHandle, options: { observer?: boolean } = {}) {
  await page.goto('/connect');
  if (options.observer) await page.getByLabel(/Observer \(read-only\)/).check();
  await connectWithForm(page, gw.url, gw.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto('/approvals');
  await expect(page.getByRole('heading', { name: 'Approvals and questions' })).toBeVisible();
  // Only a connected approval client makes a request reviewable: with none, the gateway denies
  // it at once (reason no-route). So the inbox must be live before anything is asked.
  await expect(connectionStatus(page)).toContainText('Connected');
  if (!options.observer)
    await expect(page.locator('nav.inbox')).toHaveAttribute('data-loaded', 'true');
}

/** A Node operator client that raises real approvals through the gateway. */
function requester(gw: GatewayHandle, protocol = 4): Promise<GatewayClient> {
  return connectGateway(gw.url, { token: gw.token, scopes: SCOPES, protocol });
}

/** Raises an exec approval; resolves with its id once the gateway has accepted it. */
async function askExec(client: GatewayClient, command: string, timeoutMs = 120_000) {
  const reply = await client.request<{ id: string; status?: string }>('exec.approval.request', {
    command,
    agentId: 'main',
    sessionKey: 'agent:main:main',
    host: 'gateway',
    timeoutMs,
    twoPhase: true,
  });
  return reply.id;
}

interface Snapshot {
  status: string;
  decision?: string;
  resolver?: { kind: string; id?: string };
}
const record = async (client: GatewayClient, id: string) =>
  (await client.request<{ approval: Snapshot }>('approval.get', { id })).approval;

const inboxRow = (page: Page, text: string) =>
  page.getByRole('navigation', { name: /Waiting/ }).getByRole('button', { name: new RegExp(text) });

test('an operator allows one command with the mouse and denies another from the keyboard', async ({
  page,
  gateway,
}) => {
  await openInbox(page, gateway);
  const agent = await requester(gateway);
  const long = `echo start && ${'x'.repeat(3000)} && echo end`;
  const first = await askExec(agent, 'rm -rf /tmp/approvals-e2e');
  const second = await askExec(agent, long);

  await inboxRow(page, 'rm -rf /tmp/approvals-e2e').click();
  const detail = page.getByTestId('approval-detail');
  await expect(page.getByTestId('approval-command')).toHaveText('rm -rf /tmp/approvals-e2e');
  await expect(detail).toContainText('main');
  await expect(detail).toContainText('agent:main:main');
  await expect(detail).toContainText(/Expires in \d+ (minute|second)/);
  await expect(page).toHaveURL(new RegExp(`/approvals\\?id=${first}`));
  await detail.getByRole('button', { name: /Allow once/ }).click();
  await expect(page.getByTestId('approval-outcome')).toContainText('Allowed (Allow once) by you');
  expect(await record(agent, first)).toMatchObject({ status: 'allowed', decision: 'allow-once' });

  // The long one: the whole command is there, scrollable, and the buttons stay on screen.
  await inboxRow(page, 'echo start').click();
  await expect(page.getByTestId('approval-command')).toHaveText(long);
  await detail.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expect(detail.getByRole('button', { name: /Deny/ })).toBeInViewport();
  await page.getByTestId('approval-command').focus();
  await page.keyboard.press('d');
  await expect(page.getByTestId('approval-outcome')).toContainText('Denied by you');
  expect(await record(agent, second)).toMatchObject({ status: 'denied', decision: 'deny' });
  await expect(page.getByTestId('approval-history')).toContainText('rm -rf /tmp/approvals-e2e');
  await agent.close();
});

test('an approval left open until its deadline says it expired', async ({ page, gateway }) => {
  await openInbox(page, gateway);
  const agent = await requester(gateway);
  const id = await askExec(agent, 'sleep 600', 5_000);
  await page.goto(`/approvals?id=${id}`);
  const detail = page.getByTestId('approval-detail');
  await expect(detail).toContainText(/Expires in \d+ second/);
  await expect(page.getByTestId('approval-outcome')).toContainText('Expired', { timeout: 15_000 });
  await expect(detail.getByRole('button', { name: /Allow once/ })).toHaveCount(0);
  expect(await record(agent, id)).toMatchObject({ status: 'expired' });
  await agent.close();
});

async function secondConsole(browser: Browser, gw: GatewayHandle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openInbox(page, gw);
  return { page, close: () => context.close() };
}

test('two consoles share one inbox: the first answer wins and the other sees who gave it', async ({
  page,
  browser,
  gateway,
}) => {
  await openInbox(page, gateway);
  const other = await secondConsole(browser, gateway);
  const agent = await requester(gateway);

  // One answers; the other sees it at once and cannot answer again.
  const id = await askExec(agent, 'git push --force');
  await page.goto(`/approvals?id=${id}`);
  await other.page.goto(`/approvals?id=${id}`);
  await page.getByRole('button', { name: /Deny/ }).click();
  await expect(page.getByTestId('approval-outcome')).toContainText('Denied by you');
  const seen = other.page.getByTestId('approval-outcome');
  await expect(seen).toContainText('Denied by another operator');
  await expect(seen).toContainText(/device [0-9a-f]{12}/);
  await expect(other.page.getByRole('button', { name: /Allow once/ })).toHaveCount(0);

  // Both at once: the gateway keeps one answer and both consoles show that one.
  const raced = await askExec(agent, 'shutdown -h now');
  await page.goto(`/approvals?id=${raced}`);
  await other.page.goto(`/approvals?id=${raced}`);
  // The loser's button may vanish before its click lands (it heard the winner's answer first):
  // a click that finds no button is a lost race too, not a hang.
  const clickSoon = (button: ReturnType<Page['getByRole']>) =>
    button.click({ timeout: 5_000 }).catch(() => undefined);
  await Promise.all([
    clickSoon(page.getByRole('button', { name: /Allow once/ })),
    clickSoon(other.page.getByRole('button', { name: /Deny/ })),
  ]);
  const kept = await record(agent, raced);
  const word = kept.status === 'denied' ? 'Denied' : 'Allowed';
  const outcomes = [page, other.page].map((p) => p.getByTestId('approval-outcome'));
  for (const outcome of outcomes) await expect(outcome).toContainText(word);
  // Exactly one console gave the answer the gateway kept; the other says someone else did.
  const texts = async () => Promise.all(outcomes.map((o) => o.textContent()));
  await expect
    .poll(async () => (await texts()).filter((t) => /by you/.test(t ?? '')).length)
    .toBe(1);
  await other.close();
  await agent.close();
});

test('an agent’s question is answered from the inbox', async ({ page, gateway }) => {
  await openInbox(page, gateway);
  const agent = await requester(gateway);
  const { id } = await agent.request<{ id: string }>('question.request', {
    questions: [
      {
        questionId: 'colour',
        header: 'Colour',
        question: 'Which colour should the chart use?',
        options: [{ label: 'Red' }, { label: 'Blue', description: 'calm' }],
      },
    ],
    agentId: 'main',
    sessionKey: 'agent:main:main',
    timeoutMs: 120_000,
  });
  await inboxRow(page, 'Which colour').click();
  await page.getByRole('radio', { name: /Blue/ }).check();
  await page.getByRole('button', { name: 'Send answer' }).click();
  await expect(page.getByTestId('approval-outcome')).toContainText('Answered');
  const { question } = await agent.request<{ question: { status: string; answers: unknown } }>(
    'question.get',
    { id },
  );
  expect(question).toMatchObject({
    status: 'answered',
    answers: { answers: { colour: ['Blue'] } },
  });
  await agent.close();
});

test('an observer sees why it cannot act', async ({ page, gateway }) => {
  await openInbox(page, gateway, { observer: true });
  await expect(page.getByTestId('approvals-unavailable')).toContainText('operator.approvals');
});

test('the old gateway: approvals work, and the page says what it does not offer', async ({
  page,
  legacyGateway,
}) => {
  await openInbox(page, legacyGateway);
  const agent = await requester(legacyGateway, 3);
  const id = await askExec(agent, 'ls /legacy');
  await inboxRow(page, 'ls /legacy').click();
  await expect(page.getByTestId('approval-history')).toContainText(
    'This gateway keeps no history of decisions',
  );
  await page.getByRole('button', { name: /Allow once/ }).click();
  await expect(page.getByTestId('approval-outcome')).toContainText('Allowed (Allow once) by you');
  // The old gateway answers a repeated decision with {ok:true}: it holds allow-once.
  expect(await agent.request('exec.approval.resolve', { id, decision: 'allow-once' })).toEqual({
    ok: true,
  });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await agent.close();
});

test('the inbox fits every screen, light and dark, and passes axe', async ({ page, gateway }) => {
  await openInbox(page, gateway);
  const agent = await requester(gateway);
  const id = await askExec(
    agent,
    `curl -fsSL https://example.invalid/install.sh | sh ${'&& make '.repeat(60)}`,
  );
  const plugin = await agent.request<{ id: string }>('plugin.approval.request', {
    title: 'Send an email',
    description: 'The agent wants to send the weekly report to the team list.',
    severity: 'warning',
    toolName: 'mail.send',
    agentId: 'main',
    timeoutMs: 120_000,
    twoPhase: true,
  });
  await page.goto(`/approvals?id=${id}`);
  await expect(page.getByTestId('approval-command')).toContainText('install.sh');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await shootEverySize(page, 'approvals', { dir: '/tmp/shots-approvals' });
  // Answer both: the worker's gateway is shared, and a gateway asked to stop first drains pending
  // approvals (up to minutes), so a later test stopping it would see no `shutdown` notice.
  await agent.request('exec.approval.resolve', { id, decision: 'deny' });
  await agent.request('plugin.approval.resolve', { id: plugin.id, decision: 'deny' });
  await agent.close();
});

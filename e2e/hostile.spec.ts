import type { Page } from '@playwright/test';
import { HOSTILE_CORPUS } from '../src/lib/markdown/hostile-corpus';
import { startFakeGateway, type FakeGateway } from './fake/fake-gateway.mjs';
import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';

// Every place gateway text reaches the screen gets the whole hostile corpus. A real gateway
// cannot be made to report hostile presence hosts, channel names or tool results, so the
// scripted fake gateway stands in (the real one is used for model output in sessions.spec).

let fake: FakeGateway;
test.afterEach(async () => {
  await fake?.close();
});

const payloads = HOSTILE_CORPUS.map((entry) => entry.payload);

/** Asserts nothing hostile is live in the page: no script ran, no dialog, no handler, no unsafe link or media. */
async function expectInert(page: Page, dialogs: number, foreign: string[]) {
  const facts = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    active: document.querySelectorAll(
      '#app script, #app iframe, #app object, #app embed, #app img, #app svg, #app math, #app video, #app audio, #app link, #app meta, #app base',
    ).length,
    handlers: [...document.querySelectorAll('#app *')].filter((el) =>
      [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
    ).length,
    unsafeLinks: [...document.querySelectorAll('#app a[href]')].filter(
      (a) => !/^(https?:|mailto:|\/|#)/i.test(a.getAttribute('href') ?? ''),
    ).length,
  }));
  expect(facts).toEqual({ pwned: undefined, active: 0, handlers: 0, unsafeLinks: 0 });
  expect(dialogs).toBe(0);
  expect(foreign).toEqual([]);
}

test(`${HOSTILE_CORPUS.length} hostile payloads through every place gateway text is shown stay inert`, async ({
  page,
}) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!['127.0.0.1', 'localhost'].includes(new URL(request.url()).hostname))
      foreign.push(request.url());
  });

  fake = await startFakeGateway({
    presence: payloads.map((payload, i) => ({
      host: payload,
      mode: payload,
      platform: payload,
      version: payload,
      ts: Date.now(),
      instanceId: `p-${i}`,
    })),
    sessions: payloads.map((payload, i) => ({
      key: `agent:main:h${i}`,
      agentId: 'main',
      label: payload,
      lastMessagePreview: payload,
      model: payload,
      updatedAt: Date.now(),
    })),
  });
  await page.goto('/');
  await connectWithForm(page, fake.url, 'fake-token');
  await expect(connectionStatus(page)).toContainText('Connected');

  // Channel names and states in the health snapshot.
  fake.event(
    'health',
    {
      ok: true,
      channels: Object.fromEntries(
        payloads.map((payload, i) => [`c${i}`, { ok: false, state: payload }]),
      ),
      channelOrder: payloads.map((_, i) => `c${i}`),
      channelLabels: Object.fromEntries(payloads.map((payload, i) => [`c${i}`, payload])),
      agents: [],
    },
    { stateVersion: { presence: 999, health: 999 } },
  );
  await expect(page.getByTestId('presence-count')).toHaveText(`${payloads.length} clients`);
  await expectInert(page, dialogs, foreign);

  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByTestId('sessions-count')).toHaveText(
    `${payloads.length} of ${payloads.length} sessions`,
  );
  await expectInert(page, dialogs, foreign);

  // Assistant text, tool names, arguments and results, and a run error, in one session.
  await page.goto('/sessions/agent%3Amain%3Ah0');
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
  payloads.forEach((payload, i) => {
    const runId = `run-${i}`;
    const sessionKey = 'agent:main:h0';
    fake.event('chat', { runId, sessionKey, seq: 1, state: 'delta', deltaText: payload });
    fake.event('agent', {
      runId,
      sessionKey,
      stream: 'tool',
      data: { phase: 'start', name: payload, toolCallId: `t${i}`, args: { value: payload } },
    });
    fake.event('agent', {
      runId,
      sessionKey,
      stream: 'tool',
      data: { phase: 'result', toolCallId: `t${i}`, result: payload },
    });
    fake.event(
      'chat',
      i % 2
        ? {
            runId,
            sessionKey,
            seq: 2,
            state: 'final',
            message: { role: 'assistant', content: payload },
          }
        : {
            runId,
            sessionKey,
            seq: 2,
            state: 'error',
            errorMessage: payload,
            errorDetail: { why: payload },
          },
    );
  });
  // The transcript renders only a window of its items: scroll it from top to bottom and check
  // every window, until every run has been rendered.
  const transcript = page.getByRole('region', { name: 'Conversation' });
  await expect(transcript.locator(`[data-key="r:run-${payloads.length - 1}"]`)).toBeVisible();
  const rendered = new Set<string>();
  await transcript.evaluate((el) => (el.scrollTop = 0));
  for (let atEnd = false; !atEnd;) {
    atEnd = await transcript.evaluate(async (el) => {
      // Two frames: the scroll event, then the window it rendered.
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      // Open every tool card and error detail so their contents are in the rendered DOM too.
      el.querySelectorAll('details').forEach((d) => (d.open = true));
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
    });
    const keys = await transcript
      .locator('[data-key]:has([data-testid="run"])')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key ?? ''));
    keys.forEach((key) => rendered.add(key));
    await expectInert(page, dialogs, foreign);
    await transcript.evaluate((el) => (el.scrollTop += el.clientHeight));
  }
  expect(rendered.size).toBe(payloads.length);
  // Still responsive with all of it loaded: switching the language re-renders the whole page,
  // transcript included, and switching back does it again.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('region', { name: '对话' })).toBeVisible();
  await expect(connectionStatus(page)).toContainText('已连接');
  await page.getByLabel('语言').selectOption('en');
  await expect(transcript).toBeVisible();
  await expectInert(page, dialogs, foreign);

  // The wallboard shows failures and runs from the same data.
  await page.goto('/wall');
  await expect(page.getByTestId('wall-health')).toHaveText('Healthy');
  await expectInert(page, dialogs, foreign);
});

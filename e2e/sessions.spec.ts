import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import {
  connectionStatus,
  connectWithForm,
  expect,
  openSessionSettings,
  test,
  type GatewayHandle,
} from './support/fixtures';
import { SIZES } from './support/shots';

async function openSession(page: Page, gateway: GatewayHandle, key: string) {
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto(`/sessions/${encodeURIComponent(key)}`);
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
  // Connected again after the page load: what the role may do is known before a test cuts the line.
  await expect(connectionStatus(page)).toContainText('Connected');
}

async function say(page: Page, text: string) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test.describe('sessions and streaming runs on a real gateway', () => {
  test('a chat round trip streams several deltas and ends with the final text', async ({
    page,
    gateway,
  }) => {
    await openSession(page, gateway, 'agent:main:e2e-roundtrip');
    // Record every distinct text the streaming card shows while the run goes.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="run-text"]')?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await say(page, 'hello there console');
    const run = page.getByTestId('run').last();
    await expect(run).toHaveAttribute('data-run-state', 'final', { timeout: 60_000 });
    await expect(run.getByTestId('run-text')).toHaveText('Echo: hello there console');
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    await expect(
      page.getByTestId('message').filter({ hasText: 'hello there console' }),
    ).toBeVisible();
  });

  test('Stop aborts a slow run and the history shows the aborted turn', async ({
    page,
    gateway,
  }) => {
    await openSession(page, gateway, 'agent:main:e2e-abort');
    await say(page, 'slow please');
    const run = page.getByTestId('run').last();
    await expect(run.getByTestId('run-text')).toContainText('1', { timeout: 60_000 });
    await run.getByRole('button', { name: 'Stop' }).click();
    await expect(run).toHaveAttribute('data-run-state', 'aborted');
    await page.reload();
    await expect(page.getByTestId('message').filter({ hasText: 'Stopped' })).toBeVisible({
      timeout: 30_000,
    });
  });

  test('on a phone, a long streaming reply stays followed to its newest word', async ({
    page,
    gateway,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    // Earlier turns fill the transcript, so the reply grows below its fold.
    const sessionKey = 'agent:main:e2e-follow';
    const client = await connectGateway(gateway.url, { token: gateway.token });
    try {
      for (let i = 0; i < 4; i++)
        await chatRun(client, `earlier turn ${i} `.repeat(12), { sessionKey });
    } finally {
      client.close();
    }
    await openSession(page, gateway, sessionKey);
    const transcript = page.getByRole('region', { name: 'Conversation' });
    await say(page, 'slow please');
    const text = page.getByTestId('run').last().getByTestId('run-text');
    for (const word of ['word4', 'word12', 'word20']) {
      await expect(text).toContainText(word, { timeout: 60_000 });
      // Each word grows the card; the transcript stays at its end without the reader scrolling.
      await expect
        .poll(() => transcript.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop))
        .toBeLessThanOrEqual(1);
      expect(await transcript.evaluate((el) => el.scrollHeight > el.clientHeight + 100)).toBe(true);
    }
    // The running card's header wraps on a phone: the model's name goes on a line of its own
    // rather than being squeezed into a column beside Stop, and nothing leaves the card.
    const run = page.getByTestId('run').last();
    const model = run.locator('header').getByText(/^Model /);
    await expect(model).toBeVisible();
    const lines = await model.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines, 'lines the model name takes').toBe(1);
    const [card, name] = [(await run.boundingBox())!, (await model.boundingBox())!];
    expect(name.x + name.width).toBeLessThanOrEqual(card.x + card.width);
    const dir = process.env.SHOTS_DIR ?? '/tmp/shots-session-layout';
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: `${dir}/session-360-running.png` });
    await run.getByRole('button', { name: 'Stop' }).click();
  });

  test('a run that errors shows its error', async ({ page, gateway }) => {
    await openSession(page, gateway, 'agent:main:e2e-error');
    await say(page, 'fail400 please');
    const error = page.getByTestId('run-error');
    await expect(error).toBeVisible({ timeout: 60_000 });
    await expect(error).toContainText('LLM request failed');
  });

  test('the model is changed and the next run reports it', async ({ page, gateway }) => {
    await openSession(page, gateway, 'agent:main:e2e-model');
    await say(page, 'first turn');
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-run-state', 'final', {
      timeout: 60_000,
    });
    await openSessionSettings(page);
    await page.getByLabel('Model', { exact: true }).selectOption('fake/other-model');
    await page.getByRole('button', { name: 'Use model' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Done.' })).toBeVisible();
    await say(page, 'second turn');
    const run = page.getByTestId('run').last();
    await expect(run).toHaveAttribute('data-run-state', 'final', { timeout: 60_000 });
    await expect(run.getByTestId('run-text')).toHaveText('[other-model] Echo: second turn');
  });

  test('a session is renamed, reset and deleted', async ({ page, gateway }) => {
    page.on('dialog', (dialog) => void dialog.accept());
    const key = 'agent:main:e2e-lifecycle';
    await openSession(page, gateway, key);
    await say(page, 'make me exist');
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-run-state', 'final', {
      timeout: 60_000,
    });

    await openSessionSettings(page);
    await page.getByLabel('Label', { exact: true }).fill('Renamed by e2e');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('heading', { name: 'Renamed by e2e' })).toBeVisible();

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Done.' })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('message').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('message').filter({ hasText: 'make me exist' })).toHaveCount(0);

    await openSessionSettings(page);
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/sessions$/);
    await expect(page.getByRole('link', { name: 'Renamed by e2e' })).toHaveCount(0);
  });

  test('hostile model output renders inert', async ({ page, gateway }) => {
    const foreign: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['127.0.0.1', 'localhost'].includes(url.hostname)) foreign.push(request.url());
    });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await openSession(page, gateway, 'agent:main:e2e-hostile');
    await say(page, 'hostile please');
    const run = page.getByTestId('run').last();
    await expect(run).toHaveAttribute('data-run-state', 'final', { timeout: 60_000 });
    const facts = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      scripts: document.querySelectorAll('main script, main iframe, main svg, main img').length,
      handlers: [...document.querySelectorAll('main *')].filter((el) =>
        [...el.attributes].some((attr) => attr.name.startsWith('on')),
      ).length,
      jsLinks: [...document.querySelectorAll('main a[href]')].filter((a) =>
        /^\s*javascript:/i.test(a.getAttribute('href') ?? ''),
      ).length,
    }));
    expect(facts).toEqual({ pwned: undefined, scripts: 0, handlers: 0, jsLinks: 0 });
    expect(dialogs).toBe(0);
    expect(foreign).toEqual([]);
  });
});

test('the gateway stops mid-run and comes back: the cut-off run is settled and the recorded turns are shown', async ({
  page,
  gateway,
}) => {
  await openSession(page, gateway, 'agent:main:e2e-midrun');
  await say(page, 'slow please');
  const run = page.getByTestId('run').first();
  await expect(run.getByTestId('run-text')).toContainText('word2', { timeout: 60_000 });

  await gateway.stop();
  await expect(connectionStatus(page)).toContainText('Reconnecting');
  await gateway.start();
  await expect(connectionStatus(page)).toContainText('Connected', { timeout: 60_000 });
  // The cut-off run stops showing as running (the gateway may resume the turn as a new run).
  await expect(run).not.toHaveAttribute('data-run-state', 'running', { timeout: 30_000 });

  const client = await connectGateway(gateway.url, { token: gateway.token });
  const history = await client.request<{ messages: Array<{ role: string; content: unknown }> }>(
    'chat.history',
    {
      sessionKey: 'agent:main:e2e-midrun',
      limit: 200,
    },
  );
  client.close();
  const text = (content: unknown) =>
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content
            .map((part: { type?: string; text?: string }) =>
              part.type === 'text' ? (part.text ?? '') : '',
            )
            .join('')
        : '';
  // Every turn the gateway recorded for the user (including any it injected on resume) is on screen.
  const expected = history.messages
    .filter((m) => m.role === 'user')
    .map((m) => text(m.content).trim())
    .filter(Boolean);
  expect(expected.length).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const shown = (
        await page.getByTestId('message').locator('.plain, .markdown').allTextContents()
      ).map((t) => t.trim());
      return expected.filter((t) => !shown.includes(t));
    })
    .toEqual([]);
});

test('a message queued while the gateway is down survives a reload and is sent once when it is back', async ({
  page,
  gateway,
}) => {
  const key = 'agent:main:e2e-outbox';
  await openSession(page, gateway, key);
  await gateway.stop();
  await expect(connectionStatus(page)).toContainText('Reconnecting');
  await say(page, 'reply: kept across a reload');
  const queue = page.getByRole('list', { name: /^Queued/ });
  await expect(queue).toContainText('kept across a reload');

  await page.reload();
  await expect(queue).toContainText('kept across a reload');
  await gateway.start();
  await expect(connectionStatus(page)).toContainText('Connected', { timeout: 60_000 });
  await expect(queue).toHaveCount(0, { timeout: 30_000 });

  // The gateway got it exactly once, under the key it was typed with.
  const client = await connectGateway(gateway.url, { token: gateway.token });
  await expect
    .poll(async () => {
      const history = await client.request<{ messages: Array<{ role: string; content: unknown }> }>(
        'chat.history',
        { sessionKey: key, limit: 50 },
      );
      return history.messages.filter(
        (m) => m.role === 'user' && JSON.stringify(m.content).includes('kept across a reload'),
      ).length;
    })
    .toBe(1);
  client.close();
});

test('the session page fills the screen: composer in view, the transcript above it, recent sessions beside it when wide', async ({
  page,
  gateway,
}) => {
  const key = 'agent:main:e2e-layout';
  const client = await connectGateway(gateway.url, { token: gateway.token });
  for (const text of ['What is the plan for today?', 'And after that?', 'Thanks, that is all.'])
    await chatRun(client, text, { sessionKey: key });
  client.close();
  const dir = process.env.SHOTS_DIR ?? '/tmp/shots-session-layout';
  mkdirSync(dir, { recursive: true });
  await openSession(page, gateway, key);
  await expect(page.getByTestId('message')).toHaveCount(6, { timeout: 30_000 });

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      const at = `${width}×${height} ${scheme}`;
      const send = await page.getByRole('button', { name: 'Send', exact: true }).boundingBox();
      const message = await page.getByLabel('Message', { exact: true }).boundingBox();
      const transcript = await page.getByRole('region', { name: 'Conversation' }).boundingBox();
      // The composer is on screen without scrolling, and the conversation ends above it.
      expect(send!.y + send!.height, `Send on screen at ${at}`).toBeLessThanOrEqual(height);
      expect(transcript!.y + transcript!.height, `no overlap at ${at}`).toBeLessThanOrEqual(
        message!.y,
      );
      expect(transcript!.height, `a usable transcript at ${at}`).toBeGreaterThan(150);
      if (width <= 400) {
        // A phone: the app's chrome is one compact row, so the conversation gets the screen.
        const visible = Math.min(transcript!.y + transcript!.height, height) - transcript!.y;
        expect(visible, `the transcript's share of a phone at ${at}`).toBeGreaterThanOrEqual(300);
        // The connection state is still there and readable: on screen, clear of Menu, not tiny.
        const status = page.getByTestId('connection-phase');
        await expect(status).toBeVisible();
        await expect(connectionStatus(page)).toContainText('Connected');
        const box = (await status.boundingBox())!;
        const menu = (await page.getByRole('button', { name: 'Menu' }).boundingBox())!;
        expect(box.x + box.width, `status clear of Menu at ${at}`).toBeLessThanOrEqual(menu.x);
        expect(box.y + box.height).toBeLessThanOrEqual(height);
        const size = await status.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        expect(size, `status text size at ${at}`).toBeGreaterThanOrEqual(14);
        expect(box.width, `status text not squeezed away at ${at}`).toBeGreaterThan(120);
        // Details unfolds the rest of the status (and Disconnect); Menu opens the pages over it.
        const details = page.getByRole('button', { name: 'Details' });
        await expect(page.getByRole('button', { name: 'Disconnect' })).toBeHidden();
        await details.click();
        await expect(page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
        await expect(page.getByTestId('server-info')).toBeVisible();
        await page.screenshot({ path: `${dir}/session-${width}-${scheme}-details.png` });
        await details.click();
        await page.getByRole('button', { name: 'Menu' }).click();
        await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
        await page.screenshot({ path: `${dir}/session-${width}-${scheme}-menu.png` });
        await page.getByRole('button', { name: 'Menu' }).click();
        await expect(page.getByRole('navigation', { name: 'Pages' })).toBeHidden();
      }
      const doc = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        scrollY: window.scrollY,
      }));
      expect(doc.scrollWidth, `no sideways scroll at ${at}`).toBeLessThanOrEqual(width);
      expect(doc.scrollY).toBe(0);
      const sidebar = page.getByRole('navigation', { name: 'Recent sessions' });
      if (width >= 1200) {
        await expect(sidebar).toBeVisible();
        await expect(sidebar.locator('[aria-current="page"]')).toHaveAttribute(
          'href',
          `/sessions/${encodeURIComponent(key)}`,
        );
      } else {
        await expect(sidebar).toHaveCount(0);
      }
      await page.screenshot({ path: `${dir}/session-${width}-${scheme}.png` });
    }
  }
  // The settings fold open as a menu over the transcript, and Escape folds them again.
  await openSessionSettings(page);
  await page.screenshot({ path: `${dir}/session-settings-1920.png` });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${dir}/session-settings-360.png` });
  await page.getByLabel('Label', { exact: true }).press('Escape');
  await expect(page.getByTestId('session-settings')).not.toHaveAttribute('open', '');
});

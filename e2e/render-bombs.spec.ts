import { startFakeGateway } from './fake/fake-gateway.mjs';
import type { Page } from '@playwright/test';
import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';

type LongTask = { start: number; duration: number };

/** Records every long task the page runs, from its first script on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: LongTask[] = [];
    (window as unknown as { __longTasks: LongTask[] }).__longTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        seen.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Longer than any task the console runs here with its guards in place: the same build measured
 * 60–330 ms across runs on the 2-core CI machine (the real gateway, its model server and the
 * browser share it), so a tighter line tests the machine's load. The bug these tests keep out
 * froze the page for seconds.
 */
const LONGEST_TASK_MS = 500;

/** The longest task that started at or after `since` (page time), 0 when none. */
function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (from) =>
      Math.max(
        0,
        ...(window as unknown as { __longTasks: LongTask[] }).__longTasks
          .filter((task) => task.start >= from)
          .map((task) => task.duration),
      ),
    since,
  );
}

// A reply of about 1 MB that once froze the page for seconds (30,000 <em>, a 3,000-column table),
// streamed by the harness's model server through the real gateway in ten growing deltas.
test('a 1 MB render-bomb reply streams and settles with no task over 500 ms', async ({
  page,
  gateway,
}) => {
  test.setTimeout(180_000);
  await watchLongTasks(page);
  await page.goto('/');
  await connectWithForm(page, gateway.url, gateway.token);
  await expect(connectionStatus(page)).toContainText('Connected');
  await page.goto(`/sessions/${encodeURIComponent('agent:main:e2e-bomb')}`);
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();

  const sentAt = await page.evaluate(() => performance.now());
  await page.getByLabel('Message', { exact: true }).fill('bomb please');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const run = page.getByTestId('run').last();
  await expect(run).toHaveAttribute('data-run-state', 'final', { timeout: 120_000 });
  // The recorded reply replaces the run card once history is read again: shown as text too.
  const notice = page.getByTestId('over-budget').last();
  await expect(notice).toBeVisible();
  await expect(page.locator('main em')).toHaveCount(0);
  // Input still answers at once.
  const composer = page.getByLabel('Message', { exact: true });
  await composer.fill('still here');
  await expect(composer).toHaveValue('still here');

  const worst = await longestTaskSince(page, sentAt);
  console.log(`render bomb: longest task ${Math.round(worst)} ms`);
  expect(worst).toBeLessThan(LONGEST_TASK_MS);
});

// What the real gateway cannot be made to do on demand: stream a long markdown reply as
// whole-text deltas every 150 ms (measured before: a 40 KB reply gave a 2.3 s click p95), then
// the same bombs as above at 1 MB. A scripted gateway stands in (e2e/fake).
test('a scripted gateway streaming a 40 KB reply every 150 ms and then 1 MB bombs: no task over 500 ms', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const fake = await startFakeGateway({ answers: { 'chat.history': { messages: [] } } });
  try {
    await watchLongTasks(page);
    await page.goto('/');
    await connectWithForm(page, fake.url, 'fake-token');
    await expect(connectionStatus(page)).toContainText('Connected');
    const sessionKey = 'agent:main:fake-bomb';
    await page.goto(`/sessions/${encodeURIComponent(sessionKey)}`);
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    const since = await page.evaluate(() => performance.now());

    const paragraph = (i: number) =>
      `Paragraph ${i} has **bold**, _emphasis_, \`code\` and a [link](https://example.com/${i}). ${'Lorem ipsum dolor sit amet. '.repeat(8)}`;
    const reply = Array.from({ length: 150 }, (_, i) => paragraph(i)).join('\n\n');
    const stream = async (runId: string, text: string, steps: number, gapMs: number) => {
      for (let step = 1; step <= steps; step++) {
        const shown = text.slice(0, Math.round((step * text.length) / steps));
        fake.event('chat', {
          runId,
          sessionKey,
          seq: step,
          state: 'delta',
          message: { role: 'assistant', content: [{ type: 'text', text: shown }] },
        });
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
      fake.event('chat', { runId, sessionKey, seq: steps + 1, state: 'final' });
    };
    await stream('long-reply', reply, 100, 150);
    await expect(page.getByTestId('run').last()).toHaveAttribute('data-run-state', 'final');
    const bomb = `${'_a_ '.repeat(30_000)}\n\n${'_b_ '.repeat(220_000)}`;
    await stream('bomb-reply', bomb, 10, 150);
    await expect(page.getByTestId('over-budget').last()).toBeVisible();

    const worst = await longestTaskSince(page, since);
    console.log(
      `scripted gateway: ${reply.length} + ${bomb.length} chars, longest task ${Math.round(worst)} ms`,
    );
    expect(worst).toBeLessThan(LONGEST_TASK_MS);
  } finally {
    await fake.close();
  }
});

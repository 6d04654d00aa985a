// Sessions in the list: /sessions with N sessions from `sessions.list`, then a
// search typed key by key (each narrows the list) and cleared again (the list
// comes back at once; the console renders its first 100 rows, more on request).
// The console asks for at most SESSIONS_LIMIT (500) sessions; the fake ignores
// the limit, so these steps show what the list costs when it is longer.
import { startFakeGateway } from '../lib/fake-gateway.mjs';
import { connectToReady, footprint, openConsole, useWindow, waitShown } from './measure.mjs';

/** Steps of the sweep. */
export const STEPS = [500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000];

/** What the step's `update` column means. */
export const UPDATE =
  'clearing the search (the whole list counted, its first rows back) → on screen';

const counted = (shown, total) => ({
  selector: '[data-testid="sessions-count"]',
  re: `^\\s*${shown} of ${total} sessions`,
});

/** Starts a fake gateway listing `size` sessions; returns the step's runner. */
export async function setUp(size) {
  const now = Date.now();
  const sessions = Array.from({ length: size }, (_, i) => ({
    key: `agent:main:load-${i}`,
    agentId: 'main',
    label: `Load session ${i}`,
    model: 'fake-model',
    totalTokens: i,
    lastMessagePreview: `Last words of session ${i}`,
    updatedAt: now - i * 1000,
  }));
  const fake = await startFakeGateway({ sessions });
  return { close: fake.close, run: (env) => measure(env, fake, size) };
}

async function measure(env, fake, size) {
  const page = await openConsole(env, fake, '/sessions', {
    ready: [counted(size, size), { selector: 'ul.session-list li' }],
  });
  try {
    const load = await connectToReady(page, 180_000);
    const search = page.page.getByLabel('Search sessions');
    const result = await useWindow(page, async () => {
      await search.click();
      // The last session's number: found once, in the session of that number only.
      await page.page.keyboard.type(String(size - 1), { delay: 120 });
      await waitShown(page, [counted(1, size)], 60_000);
      await page.page.keyboard.press('Control+A');
      await page.page.keyboard.press('Backspace');
      await waitShown(page, [counted(size, size)], 120_000);
      const inputs = await page.page.evaluate(() => window.__input.inputs);
      return { update: inputs.findLast((i) => i.key === 'Backspace')?.latency };
    });
    return { load, ...result, ...(await footprint(page)) };
  } finally {
    await page.close();
  }
}

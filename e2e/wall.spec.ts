import type { Page } from '@playwright/test';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';
import { setHidden } from './support/visibility';

async function openWall(page: Page, url: string, token: string, query = '') {
  await page.goto('/');
  await connectWithForm(page, url, token);
  await expect(connectionStatus(page)).toContainText('Connected');
  // A full load of /wall reconnects with the device token, like a display left on for days.
  await page.goto(`/wall${query}`);
  await expect(page.getByTestId('wall-health')).toHaveText('Healthy');
}

/** Counts DOM mutations inside the wallboard from now on. */
async function countMutations(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __mutations: number };
    w.__mutations = 0;
    new MutationObserver((records) => (w.__mutations += records.length)).observe(
      document.querySelector('[data-testid="wall"]')!,
      { subtree: true, childList: true, characterData: true, attributes: true },
    );
  });
  return () => page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);
}

test('the wallboard stays on through a gateway stop and start, stale in between', async ({
  page,
  gateway,
}) => {
  await openWall(page, gateway.url, gateway.token);
  const wall = page.getByTestId('wall');
  await expect(page.getByRole('status')).toContainText('LIVE');
  await expect(wall).toHaveAttribute('data-stale', 'false');
  // Every health verdict the board shows from here on.
  await page.evaluate(() => {
    const w = window as unknown as { __healthTexts: string[] };
    w.__healthTexts = [];
    const read = () => {
      const text = document.querySelector('[data-testid="wall-health"]')?.textContent?.trim();
      if (text && w.__healthTexts.at(-1) !== text) w.__healthTexts.push(text);
    };
    new MutationObserver(read).observe(document.querySelector('[data-testid="wall"]')!, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });

  await gateway.stop();
  await expect(wall).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('wall-stale')).toContainText('STALE');

  await gateway.start();
  await expect(wall).toHaveAttribute('data-stale', 'false', { timeout: 60_000 });
  await expect(page.getByRole('status')).toContainText('LIVE');
  await expect(page.getByTestId('wall-health')).toHaveText('Healthy');
  // A just-started gateway's first snapshot has no verdict yet: never shown as "Unhealthy".
  const texts = await page.evaluate(
    () => (window as unknown as { __healthTexts: string[] }).__healthTexts,
  );
  expect(texts).not.toContain('Unhealthy');
});

test('a hidden wallboard does no rendering work and catches up when shown', async ({
  page,
  gateway,
}) => {
  await openWall(page, gateway.url, gateway.token);
  const mutations = await countMutations(page);
  await setHidden(page, true);
  const before = await mutations();

  // Activity the board would show: another client appears and a run streams to its end.
  const client = await connectGateway(gateway.url, { token: gateway.token });
  await chatRun(client, 'reply:busy while hidden', { sessionKey: 'agent:main:e2e-hidden' });
  const clients = await page.getByTestId('wall-clients').textContent();
  expect(await mutations()).toBe(before);

  await setHidden(page, false);
  await expect.poll(mutations).toBeGreaterThan(before);
  await expect(page.getByTestId('wall-clients')).not.toHaveText(clients ?? '');
  client.close();
});

test('a wallboard can opt to keep rendering while hidden', async ({ page, gateway }) => {
  await openWall(page, gateway.url, gateway.token, '?render=always');
  const mutations = await countMutations(page);
  await setHidden(page, true);
  const before = await mutations();
  const client = await connectGateway(gateway.url, { token: gateway.token });
  await chatRun(client, 'reply:busy while hidden', { sessionKey: 'agent:main:e2e-hidden-always' });
  await expect.poll(mutations).toBeGreaterThan(before);
  client.close();
});

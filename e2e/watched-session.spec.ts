import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { expect, openConnected, openSessionSettings, test } from './support/fixtures';
import { shootEverySize } from './support/shots';
import { setHidden } from './support/visibility';

const SESSION = 'agent:main:e2e-watched';

/** Records every desktop notification the page shows (the browser's own would be invisible here). */
async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body?: string; click: () => void }> = [];
    (window as unknown as { __notes: typeof shown }).__notes = shown;
    class Recorded {
      // What the user granted survives a reload, as in a browser.
      static permission = localStorage.getItem('e2e:permission') ?? 'default';
      static requestPermission = async () => {
        localStorage.setItem('e2e:permission', 'granted');
        return (Recorded.permission = 'granted');
      };
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string } = {}) {
        shown.push({ title, body: options.body, click: () => this.onclick?.() });
      }
    }
    (window as unknown as { Notification: unknown }).Notification = Recorded;
  });
  return {
    list: () =>
      page.evaluate(() =>
        (window as unknown as { __notes: Array<{ title: string; body?: string }> }).__notes.map(
          ({ title, body }) => ({ title, body }),
        ),
      ),
    click: (i: number) =>
      page.evaluate((at) => {
        (window as unknown as { __notes: Array<{ click: () => void }> }).__notes[at]!.click();
      }, i),
  };
}

test('a run another client starts in a watched session is told when it ends while the tab is hidden', async ({
  page,
  gateway,
}) => {
  const notes = await recordNotifications(page);
  const other = await connectGateway(gateway.url, {
    token: gateway.token,
    scopes: ['operator.read', 'operator.write'],
  });
  await chatRun(other, 'reply:the session exists', { sessionKey: SESSION });
  await openConnected(page, gateway, `/sessions/${encodeURIComponent(SESSION)}`);
  await expect(page.getByRole('heading', { level: 2 })).toBeVisible();

  await openSessionSettings(page);
  const toggle = page.getByRole('checkbox', { name: 'Notify me about this session' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  const watch = page.getByTestId('session-watch');
  await expect(watch).toContainText('Desktop notifications are off on this display');
  await shootEverySize(page, 'session-watch', { dir: '/tmp/shots-s3-c' });
  expect(
    (await new AxeBuilder({ page }).include('[data-testid=session-watch]').analyze()).violations,
  ).toEqual([]);
  await watch.getByRole('button', { name: 'Turn on notifications' }).click();
  await expect(watch).not.toContainText('Desktop notifications are off');

  // Kept across a reload, per gateway and session.
  await page.reload();
  await openSessionSettings(page);
  await expect(toggle).toBeChecked();
  await page.locator('a.back').click();
  await expect(page).toHaveURL(/\/sessions$/);

  // Hidden: the other client's run ends and the page says so (shown, nothing: unit tests).
  await setHidden(page, true);
  await chatRun(other, 'reply:while hidden', { sessionKey: SESSION });
  await chatRun(other, 'reply:elsewhere', { sessionKey: 'agent:main:e2e-not-watched' });
  await expect
    .poll(notes.list)
    .toEqual([{ title: 'A run finished in a session you watch', body: SESSION }]);
  await setHidden(page, false);
  await notes.click(0);
  await expect(page).toHaveURL(new RegExp(`/sessions/${encodeURIComponent(SESSION)}$`));

  // Unwatched: nothing more.
  await openSessionSettings(page);
  await toggle.uncheck();
  await setHidden(page, true);
  await chatRun(other, 'reply:unwatched now', { sessionKey: SESSION });
  await setHidden(page, false);
  expect(await notes.list()).toHaveLength(1);
  other.close();
});

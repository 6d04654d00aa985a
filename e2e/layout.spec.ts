import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chatRun, connectGateway } from '../harness/gateway/client.mjs';
import { connectionStatus, connectWithForm, expect, test } from './support/fixtures';

// Every page at a phone, a laptop and a wall monitor, light and dark: nothing scrolls sideways,
// nothing sticks out of the screen, and axe-core finds no serious or critical violation.
// Screenshots go to test-results/shots/ (SHOTS_DIR to put them elsewhere, e.g. docs/screenshots).

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'wall', width: 1920, height: 1080 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const SESSION = 'agent:main:layout';
const PAGES = [
  ['overview', '/'],
  ['sessions', '/sessions'],
  ['session', `/sessions/${encodeURIComponent(SESSION)}`],
  ['approvals', '/approvals'],
  ['logs', '/logs'],
  ['cron', '/cron'],
  ['usage', '/usage'],
  ['nodes', '/nodes'],
  ['search', '/search'],
  ['activity', '/activity'],
  ['fleet', '/fleet'],
  ['connect', '/connect'],
  ['wall', '/wall'],
] as const;
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/shots';

/** What sticks out sideways: the page's own overflow, and visible controls beyond the right edge. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsInside = (el: Element | null): boolean => {
      for (let p = el?.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (/(auto|scroll)/.test(style.overflowX) && p.scrollWidth > p.clientWidth) return true;
      }
      return false;
    };
    const outside = [...document.querySelectorAll('button, a, input, select, textarea, h1, h2, h3')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        return (box.right > width + 1 || box.left < -1) && !scrollsInside(el);
      })
      .map((el) => `${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 30)}”`);
    return { sideways: document.documentElement.scrollWidth - width, outside };
  });
}

test.describe('every page at every size', () => {
  test.beforeAll(async ({ gateway }) => {
    const client = await connectGateway(gateway.url, { token: gateway.token });
    await chatRun(client, 'A message so the session page has a transcript.', {
      sessionKey: SESSION,
    });
    client.close();
    mkdirSync(SHOTS, { recursive: true });
  });

  for (const size of SIZES) {
    for (const scheme of SCHEMES) {
      test(`${size.name} ${size.width}×${size.height}, ${scheme}`, async ({ browser, gateway }) => {
        test.setTimeout(300_000);
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          colorScheme: scheme,
        });
        const page = await context.newPage();
        await page.goto('/');
        await connectWithForm(page, gateway.url, gateway.token);
        await expect(connectionStatus(page)).toContainText('Connected');
        const problems: string[] = [];
        for (const [name, path] of PAGES) {
          await page.goto(path);
          await expect(page.locator('main').first()).toBeVisible();
          if (name !== 'connect' && name !== 'wall') {
            await expect(connectionStatus(page)).toContainText('Connected');
          }
          // The session shot shows its loaded history, not “Loading history…”.
          if (name === 'session') await expect(page.getByTestId('message').first()).toBeVisible();
          await page.screenshot({ path: `${SHOTS}/${name}-${size.name}-${scheme}.png` });
          const { sideways, outside } = await overflow(page);
          if (sideways > 0) problems.push(`${name}: scrolls ${sideways}px sideways`);
          if (outside.length) problems.push(`${name}: off screen: ${outside.join(', ')}`);
          const axe = await new AxeBuilder({ page }).analyze();
          for (const v of axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact!)))
            problems.push(
              `${name}: axe ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
        }
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }
});

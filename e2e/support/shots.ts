import { expect, type Page } from '@playwright/test';

/** Phone, laptop and desktop sizes the console is checked at. */
export const SIZES = [
  [360, 740],
  [1280, 800],
  [1920, 1080],
] as const;

/**
 * Screenshots the page at every size in light and dark (to <dir>/<name>-<width>-<scheme>.png,
 * /tmp/shots-logs by default; the whole page with `fullPage`) and checks it never scrolls
 * sideways; leaves it at 1280×800 in light.
 */
export async function shootEverySize(
  page: Page,
  name: string,
  { dir = '/tmp/shots-logs', fullPage = false }: { dir?: string; fullPage?: boolean } = {},
): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${dir}/${name}-${width}-${scheme}.png`, fullPage });
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
      );
      expect(sideways, `${name} at ${width}px (${scheme}) scrolls sideways`).toBe(false);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

// One Chromium for the whole bench (Debian's, with the e2e suite's flags), a
// fresh context per measured run so every run starts with an empty cache and
// empty storage, and a CDP session per page for metrics Playwright lacks.
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../harness/chromium.mjs';

/** The Chromium binary the e2e suite uses. */
export const CHROMIUM_PATH = chromiumPath;

/** The flags the e2e suite launches Chromium with. */
export const CHROMIUM_ARGS = chromiumArgs;

/** Launches headless Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Opens a page in a new context (empty cache and storage, or `storageState`'s storage) with CDP
 * Performance metrics on; `initScripts` are [fn, arg] pairs installed before any page script.
 * With `context`, the page opens in that context instead (its storage, IndexedDB and device keys
 * kept) and `close` closes only the page.
 */
export async function openPage(
  browser,
  { initScripts = [], viewport, storageState, context: shared } = {},
) {
  const context =
    shared ??
    (await browser.newContext({
      viewport: viewport ?? { width: 1280, height: 800 },
      // Saved storage (profiles, remembered tokens) without the HTTP cache: a returning operator's
      // cold start.
      storageState,
    }));
  const page = await context.newPage();
  // An operator who benchmarks has used this gateway before: our console asks before following
  // a link to a gateway it has never used, so mark the linked gateway as the saved one.
  await page.addInitScript(() => {
    const linked = new URLSearchParams(location.hash.slice(1)).get('gateway');
    if (linked) localStorage.setItem('openclaw-console:gateway:url', linked);
  });
  for (const [fn, arg] of initScripts) await page.addInitScript(fn, arg);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  return {
    context,
    page,
    cdp,
    /** CDP Performance.getMetrics as a { name: value } object. */
    async metrics() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    },
    /** Forces a full garbage collection, then reads JS heap and DOM node counts. */
    async memory() {
      await cdp.send('HeapProfiler.enable');
      // Two passes: the first can leave garbage reachable only from finalizers.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const m = await this.metrics();
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      return { heap: m.JSHeapUsedSize, nodes: m.Nodes, elements, listeners: m.JSEventListeners };
    },
    /**
     * Waits until the page's main thread has been nearly idle (busy < `below`
     * of each `windowMs`) — a console that is still loading chunks or fetching
     * would otherwise bill its start-up to whatever is measured next.
     */
    async settle({ below = 0.05, windowMs = 1000, maxMs = 30_000 } = {}) {
      const deadline = Date.now() + maxMs;
      let last = (await this.metrics()).TaskDuration;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, windowMs));
        const next = (await this.metrics()).TaskDuration;
        const busy = (next - last) / (windowMs / 1000);
        last = next;
        if (busy < below) return true;
      }
      return false;
    },
    close: () => (shared ? page.close() : context.close()),
  };
}

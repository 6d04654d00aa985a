// What every step of the load sweep measures, whatever the dimension: time
// from connect to the data on screen, input → next paint while the page holds
// that data, long tasks, main-thread busy share, JS heap and DOM size; and
// when a step counts as degraded (decided before the first run).
import { openPage } from '../lib/browser.mjs';
import { oursUrl } from '../lib/gateway.mjs';
import { pageProbe, readProbe, waitMark, watchFor } from '../lib/instrument.mjs';
import { sleep } from '../lib/lifecycle.mjs';
import { inputProbe, readInputs } from '../lib/responsiveness.mjs';
import { median, percentile } from '../lib/stats.mjs';

/** A step is degraded when any of these is exceeded (medians over the runs). */
export const LIMITS = {
  /** Connect (or first event) → data on screen. */
  loadMs: 1000,
  /** Input → next paint, 95th percentile of a run's inputs. */
  inputP95Ms: 100,
  /** Longest single task while the page is in use (after the load). */
  longTaskMs: 200,
  /** A pushed update (presence event, streamed delta) → on screen / handled, p95. */
  updateMs: 100,
};

/** Opens our console on the fake gateway at `path`, with the bench probes on and `ready` watched. */
export async function openConsole(env, fake, path, { ready, watchKey } = {}) {
  const page = await openPage(env.browser, {
    initScripts: [
      [pageProbe, { ws: true, watchKey, watch: ready ? [{ name: 'ready', all: ready }] : [] }],
      [inputProbe],
    ],
  });
  await page.page.goto(oursUrl(env.consoleUrl, { url: fake.url, token: 'fake-token' }, path), {
    waitUntil: 'commit',
  });
  return page;
}

/** Milliseconds from the gateway's hello-ok reaching the page to the frame that shows `ready`. */
export async function connectToReady(page, timeoutMs) {
  const mark = await waitMark(page.page, 'ready', timeoutMs);
  const { wsLog } = await readProbe(page.page);
  const hello = wsLog.find((f) => f.dir === 'in' && /"hello-ok"/.test(f.head))?.t;
  return mark.paint - hello;
}

/** Epoch milliseconds in the Node process (comparable with a page mark's `epoch`). */
export const epochNow = () => performance.timeOrigin + performance.now();

/** Sends `send()` and resolves with the ms from sending to the frame that shows `spec` painted. */
export async function sendToPaint(page, spec, send, timeoutMs) {
  const name = `update-${Math.random().toString(36).slice(2)}`;
  await page.page.evaluate((s) => window.__bench.watch(s), { name, all: spec, transition: false });
  const sentAt = epochNow();
  send();
  const mark = await waitMark(page.page, name, timeoutMs);
  return mark.epoch - sentAt;
}

/** Waits for a watched condition only (no timing). */
export const waitShown = (page, spec, timeoutMs) =>
  watchFor(page.page, { name: `shown-${Math.random()}`, all: spec }, timeoutMs);

/** Clicks the centre of `selector` `count` times, 200–500 ms apart (random, so clicks land anywhere between clock ticks). */
export async function clickAround(page, selector, count) {
  const box = await page.page.locator(selector).first().boundingBox();
  for (let i = 0; i < count; i++) {
    await sleep(200 + Math.random() * 300);
    await page.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
}

/**
 * Runs `act()` as the measured window of a step and returns what the page did
 * meanwhile: inputs timed to paint, long tasks, busy share (CDP TaskDuration),
 * script vs style+layout share, and the long animation frames' split.
 */
export async function useWindow(page, act) {
  const t0 = await page.page.evaluate(() => performance.now());
  const before = await page.metrics();
  const wall0 = performance.now();
  const extra = await act();
  const after = await page.metrics();
  const seconds = (performance.now() - wall0) / 1000;
  // Frames still on their way land before the probes are read.
  await sleep(300);
  const probe = await readProbe(page.page);
  const inputs = await readInputs(page.page, t0);
  const latencies = inputs.map((i) => i.latency);
  const tasks = probe.longtasks.filter((l) => l.start >= t0).map((l) => l.duration);
  const loafs = probe.loafs.filter((l) => l.start >= t0);
  const share = (key) => (after[key] - before[key]) / seconds;
  return {
    ...extra,
    inputs: latencies.length,
    inputP95: percentile(latencies, 95),
    inputMax: latencies.length ? Math.max(...latencies) : undefined,
    longTasks: tasks.length,
    worstTask: tasks.length ? Math.max(...tasks) : 0,
    busy: share('TaskDuration'),
    script: share('ScriptDuration'),
    layout: share('LayoutDuration') + share('RecalcStyleDuration'),
    loafScript: loafs.reduce((a, l) => a + l.script, 0),
    loafStyleLayout: loafs.reduce((a, l) => a + l.styleLayout, 0),
    probe,
  };
}

/** Reads JS heap and DOM size after a forced GC. */
export async function footprint(page) {
  const m = await page.memory();
  return { heap: m.heap, nodes: m.nodes };
}

/** The median of every numeric field across runs (fields missing in a run are skipped). */
export function medians(runs) {
  const keys = new Set(runs.flatMap((r) => Object.keys(r)));
  const out = {};
  for (const key of keys) {
    const values = runs.map((r) => r[key]).filter((v) => typeof v === 'number');
    if (values.length) out[key] = median(values);
  }
  return out;
}

/** Why a step counts as degraded (empty when it held). */
export function degradedBy(m) {
  const why = [];
  if (m.load > LIMITS.loadMs) why.push(`load > ${LIMITS.loadMs} ms`);
  if (m.inputP95 > LIMITS.inputP95Ms) why.push(`input p95 > ${LIMITS.inputP95Ms} ms`);
  if (m.worstTask > LIMITS.longTaskMs) why.push(`long task > ${LIMITS.longTaskMs} ms`);
  if (m.update > LIMITS.updateMs) why.push(`update > ${LIMITS.updateMs} ms`);
  return why;
}

// `node bench/profile-cold.mjs [--loads N] [--out trace.json]`: where a cold start's time goes.
// Traces N cold loads of our console (fresh context each, after one warm-up) with Chromium's
// timeline and V8 sampling categories, then prints, per phase of the start (navigation →
// DOMContentLoaded → socket open → connect sent → hello-ok → health on screen), the main thread's
// busy time split by kind (script evaluation, compile, style/layout, paint, …) and the scripts and
// functions that took it. The cold-start figure says how long; this says what to cut.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, openPage } from './lib/browser.mjs';
import { buildConsole, serveConsole } from './lib/console-server.mjs';
import { ours } from './lib/consoles.mjs';
import { startBenchGateway, waitGatewayIdle } from './lib/gateway.mjs';
import { onCleanup, stopAll } from './lib/lifecycle.mjs';
import { pageProbe, readProbe, waitMark } from './lib/instrument.mjs';
import { SUMMARY_CATEGORIES, summarizeTrace } from './lib/trace-summary.mjs';

const { values } = parseArgs({
  options: {
    loads: { type: 'string', default: '3' },
    out: { type: 'string' },
    // Readable names and lines in the profile (the timing shifts a little).
    'no-minify': { type: 'boolean', default: false },
  },
});
const log = (line) => process.stderr.write(`[profile] ${line}\n`);
const CATEGORIES = [...SUMMARY_CATEGORIES, 'loading', 'netlog'];

/** One traced cold load: resolves with the trace events and the page's phase times. */
async function tracedLoad(env) {
  await waitGatewayIdle(env.gateway);
  const page = await openPage(env.browser, {
    initScripts: [[pageProbe, { ws: true, watch: [{ name: 'ready', all: ours.ready }] }]],
  });
  try {
    await env.browser.startTracing(page.page, { categories: CATEGORIES });
    await page.page.goto(ours.coldUrl(env), { waitUntil: 'commit' });
    const mark = await waitMark(page.page, 'ready', 60_000);
    const { wsLog } = await readProbe(page.page);
    const timing = await page.page.evaluate(() => ({
      dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
      origin: performance.timeOrigin,
    }));
    const buffer = await env.browser.stopTracing();
    const at = (dir, re) => wsLog.find((f) => f.dir === dir && re.test(f.head))?.t;
    const phases = {
      dcl: timing.dcl,
      challenge: at('in', /connect\.challenge/),
      connect: at('out', /"method":"connect"/),
      hello: at('in', /"hello-ok"/),
      ready: mark.paint,
    };
    return { trace: JSON.parse(buffer.toString('utf8')), phases };
  } finally {
    await page.close();
  }
}

try {
  const outDir = await buildConsole(path.join(os.tmpdir(), 'openclaw-console-profile-dist'), {
    minify: !values['no-minify'],
  });
  const server = await serveConsole(outDir);
  onCleanup('console server', () => server.close());
  const browser = await launchBrowser();
  onCleanup('chromium', () => browser.close());
  const gateway = await startBenchGateway('profile');
  const env = { browser, gateway, consoleUrl: server.url };
  await tracedLoad(env); // warm-up: the gateway's cold paths and the first pairing
  const loads = Number(values.loads);
  for (let i = 0; i < loads; i++) {
    const { trace, phases } = await tracedLoad(env);
    if (values.out && i === 0) writeFileSync(values.out, JSON.stringify(trace));
    log(`load ${i + 1}`);
    process.stdout.write(`${summarizeTrace(trace, phases)}\n`);
  }
} finally {
  await stopAll();
}

// `node bench/profile-stream.mjs [--floods N] [--words W] [--rate R] [--no-minify] [--dist DIR] [--out trace.json]`:
// where the main thread's time goes during the streaming stress flood (figure 3's fake-gateway
// variant: 10 runs × W words at R events/s, every delta carrying the whole text, the page watching
// one session). Traces each flood with Chromium's timeline and V8 sampling categories and prints
// the main thread's busy time by kind (own time), the scripts that took it, the functions by self
// time and by inclusive time, the number of tasks and the paint delays the probe saw meanwhile.
// The figure says how long; this says what to cut. No real gateway is needed.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { floodQueue, openWatching, sendFlood } from './figures/streaming.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { buildConsole, serveConsole } from './lib/console-server.mjs';
import { ours } from './lib/consoles.mjs';
import { startFakeGateway } from './lib/fake-gateway.mjs';
import { readProbe } from './lib/instrument.mjs';
import { onCleanup, stopAll } from './lib/lifecycle.mjs';
import { percentile } from './lib/stats.mjs';
import { SUMMARY_CATEGORIES, summarizeTrace } from './lib/trace-summary.mjs';

const { values } = parseArgs({
  options: {
    floods: { type: 'string', default: '2' },
    words: { type: 'string', default: '600' },
    rate: { type: 'string', default: '5000' },
    out: { type: 'string' },
    // `cpu`: V8's sampling profiler alone (little overhead, JS by function, the rest as
    // "(program)"); `trace`: the timeline too (task kinds, layout, paint; inflates per-task cost).
    mode: { type: 'string', default: 'cpu' },
    // Readable names and lines in the profile (the timing shifts a little).
    'no-minify': { type: 'boolean', default: false },
    // A build to profile instead of building this checkout (an older commit's, to compare).
    dist: { type: 'string' },
  },
});
const log = (line) => process.stderr.write(`[profile] ${line}\n`);
const CATEGORIES = [...SUMMARY_CATEGORIES, 'toplevel'];

/**
 * The page's main thread and its time origin (µs), from the mark the page set as the flood
 * started (the trace starts after the navigation, so it has no navigationStart).
 */
function findPage(trace, start) {
  const mark = (trace.traceEvents ?? trace).find((e) => e.name === 'bench-flood-start');
  if (!mark) throw new Error('no bench-flood-start mark in the trace');
  return { pid: mark.pid, tid: mark.tid, origin: mark.ts - start * 1000 };
}

/**
 * Top-level tasks of the page's main thread inside [from, to] (µs): how many and how long, and
 * of those the tasks that received a WebSocket frame (WebSocketReceive is an instant event
 * inside the task that dispatched the frame), with their frames and time.
 */
function tasks(trace, page, from, to) {
  const events = trace.traceEvents ?? trace;
  const mine = (e) => e.pid === page.pid && e.tid === page.tid && e.ts >= from && e.ts < to;
  const main = events
    .filter((e) => mine(e) && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    .sort((a, b) => a.ts - b.ts);
  const received = events
    .filter((e) => mine(e) && e.name === 'WebSocketReceive')
    .sort((a, b) => a.ts - b.ts);
  let r = 0;
  let socketTasks = 0;
  let socketMs = 0;
  for (const task of main) {
    while (r < received.length && received[r].ts < task.ts) r++;
    if (r < received.length && received[r].ts < task.ts + task.dur) {
      socketTasks += 1;
      socketMs += task.dur / 1000;
    }
  }
  return {
    tasks: main.length,
    taskMs: main.reduce((a, e) => a + e.dur, 0) / 1000,
    frames: received.length,
    socketTasks,
    socketMs,
  };
}

/** Self and inclusive time (ms) per function of a V8 CPU profile, the top `n` of each, printable. */
function summarizeCpuProfile(profile, n) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node) => {
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(/^https?:\/\/[^/]+/, '')}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anon)'} ${where}`;
  };
  const self = new Map();
  const inclusive = new Map();
  const add = (map, key, v) => map.set(key, (map.get(key) ?? 0) + v);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += dt;
    add(self, label(node), dt);
    const stack = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) stack.add(label(byId.get(at)));
    for (const key of stack) add(inclusive, key, dt);
  });
  const top = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `     ${`${v.toFixed(1)} ms`.padStart(9)}  ${k}`);
  return [
    `   sampled busy ${total.toFixed(0)} ms; self:`,
    ...top(self),
    '   inclusive (self + callees):',
    ...top(inclusive),
  ].join('\n');
}

/** One flood under V8's sampling profiler: the profile, CDP metrics and the probe's delays. */
async function profiledFlood(env, fake) {
  const page = await openWatching(env, ours, fake.url);
  try {
    const queue = floodQueue(Number(values.words));
    await page.cdp.send('Profiler.enable');
    await page.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const before = await page.metrics();
    await page.cdp.send('Profiler.start');
    const start = await page.page.evaluate(() => performance.now());
    const wall0 = performance.now();
    await sendFlood(page, fake, queue, Number(values.rate));
    const seconds = (performance.now() - wall0) / 1000;
    const { profile } = await page.cdp.send('Profiler.stop');
    const after = await page.metrics();
    const probe = await readProbe(page.page);
    const delays = probe.chat
      .filter((c) => c.state === 'delta' && c.t >= start && c.paint !== undefined)
      .map((c) => c.paint - c.t);
    const share = (key) => (((after[key] ?? 0) - (before[key] ?? 0)) / seconds) * 100;
    return {
      profile,
      delays,
      events: queue.length,
      seconds,
      busy: share('TaskDuration'),
      script: share('ScriptDuration'),
      layout: share('LayoutDuration') + share('RecalcStyleDuration'),
    };
  } finally {
    await page.close();
  }
}

/** One traced flood: resolves with the trace, the flood's window and the probe's paint delays. */
async function tracedFlood(env, fake) {
  const page = await openWatching(env, ours, fake.url);
  try {
    const queue = floodQueue(Number(values.words));
    await env.browser.startTracing(page.page, { categories: CATEGORIES });
    const start = await page.page.evaluate(() => performance.mark('bench-flood-start').startTime);
    await sendFlood(page, fake, queue, Number(values.rate));
    const end = await page.page.evaluate(() => performance.mark('bench-flood-end').startTime);
    const buffer = await env.browser.stopTracing();
    const probe = await readProbe(page.page);
    const delays = probe.chat
      .filter((c) => c.state === 'delta' && c.t >= start && c.paint !== undefined)
      .map((c) => c.paint - c.t);
    return { trace: JSON.parse(buffer.toString('utf8')), start, end, delays, events: queue.length };
  } finally {
    await page.close();
  }
}

try {
  // A folder of its own: profile-cold's may be rebuilt meanwhile by someone else's run.
  const outDir = values.dist
    ? path.resolve(values.dist)
    : await buildConsole(path.join(os.tmpdir(), 'openclaw-console-profile-stream-dist'), {
        minify: !values['no-minify'],
      });
  const server = await serveConsole(outDir);
  onCleanup('console server', () => server.close());
  const browser = await launchBrowser();
  onCleanup('chromium', () => browser.close());
  const fake = await startFakeGateway();
  const env = { browser, consoleUrl: server.url, gateway: { url: fake.url, token: 'bench' } };
  for (let i = 0; values.mode === 'cpu' && i < Number(values.floods); i++) {
    const r = await profiledFlood(env, fake);
    if (values.out && i === 0) writeFileSync(values.out, JSON.stringify(r.profile));
    log(`flood ${i + 1}`);
    process.stdout.write(
      `flood ${i + 1}: ${r.events} events, ${r.seconds.toFixed(1)} s until all were received; main thread busy ${r.busy.toFixed(1)} % (script ${r.script.toFixed(1)} %, style+layout ${r.layout.toFixed(1)} %); paint delay p50 ${percentile(r.delays, 50)?.toFixed(1)} ms, p95 ${percentile(r.delays, 95)?.toFixed(1)} ms over ${r.delays.length} watched deltas\n${summarizeCpuProfile(r.profile, 30)}\n`,
    );
  }
  for (let i = 0; values.mode === 'trace' && i < Number(values.floods); i++) {
    const { trace, start, end, delays, events } = await tracedFlood(env, fake);
    if (values.out && i === 0) writeFileSync(values.out, JSON.stringify(trace));
    const page = findPage(trace, start);
    const t = tasks(trace, page, page.origin + start * 1000, page.origin + end * 1000);
    const seconds = (end - start) / 1000;
    log(`flood ${i + 1}`);
    process.stdout.write(
      `flood ${i + 1}: ${events} events in ${seconds.toFixed(1)} s; ${t.tasks} main-thread tasks (${t.taskMs.toFixed(0)} ms, ${((t.taskMs / 1000 / seconds) * 100).toFixed(1)} % busy); ${t.frames} frames received in ${t.socketTasks} tasks (${t.socketMs.toFixed(0)} ms, ${((t.socketMs * 1000) / Math.max(1, t.socketTasks)).toFixed(0)} µs each, traced); paint delay p50 ${percentile(delays, 50)?.toFixed(1)} ms, p95 ${percentile(delays, 95)?.toFixed(1)} ms over ${delays.length} watched deltas\n`,
    );
    process.stdout.write(
      `${summarizeTrace(trace, { start, end }, [['flood', 'start', 'end']], { topFunctions: 25, withInclusive: true, page })}\n`,
    );
  }
} finally {
  await stopAll();
}

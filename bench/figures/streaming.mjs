// Figure 3: streaming. How long after a `chat` event reaches the page its text
// is on screen (paint delay), and how busy the main thread is meanwhile.
//
// Real gateway: a Node operator client starts `slow` runs (the scripted model
// streams word1, word2 … 300 ms apart; the gateway forwards each as a chat
// delta), one in the watched session or ten in ten sessions at once, while the
// page shows the watched session; after `seconds` the runs are aborted. The
// real gateway coalesces deltas to at most one per ~150 ms per run, so it
// cannot produce a flood: the stress variant replays thousands of events a
// second from the scripted fake gateway instead (ours only, see notes).
import { openPage } from '../lib/browser.mjs';
import { controlUi, ours, streamFloor, streamWorkerFloor } from '../lib/consoles.mjs';
import { startFakeGateway } from '../lib/fake-gateway.mjs';
import { abortRun, operatorClient, replyTurn, startRun, waitGatewayIdle } from '../lib/gateway.mjs';
import { pageProbe, readProbe, watchFor } from '../lib/instrument.mjs';
import { sleep } from '../lib/lifecycle.mjs';
import { median, percentile, sum } from '../lib/stats.mjs';
import { runEvents, runWords } from '../lib/synthetic.mjs';

const SESSIONS = Array.from({ length: 10 }, (_, i) => `agent:main:bench:s${i}`);
const WATCHED = SESSIONS[0];

/** Opens a console on the watched session with the probe on; resolves once it is connected. */
export async function openWatching(env, app, gatewayUrl) {
  const page = await openPage(env.browser, {
    initScripts: [[pageProbe, { ws: true, track: true, watchKey: WATCHED }]],
  });
  await page.page.goto(app.sessionUrl(env, WATCHED, gatewayUrl), { waitUntil: 'commit' });
  await watchFor(page.page, { name: 'live', all: app.live }, 60_000);
  // Let the history load and the page settle before the window opens.
  await page.settle();
  return page;
}

/** Measures one window: runs `drive()` and returns paint delays, busy share and long tasks. */
async function measureWindow(page, drive) {
  const t0Page = await page.page.evaluate(() => performance.now());
  const before = await page.metrics();
  const wall0 = performance.now();
  await drive();
  const after = await page.metrics();
  const wallSeconds = (performance.now() - wall0) / 1000;
  // Frames still on their way to the screen get a moment to land.
  await sleep(500);
  const probe = await readProbe(page.page);
  const deltas = probe.chat.filter((c) => c.state === 'delta' && c.t >= t0Page);
  const painted = deltas.filter((c) => c.paint !== undefined);
  const delays = painted.map((c) => c.paint - c.t);
  // Fake gateway only: it stamps each frame when sent, so queueing before dispatch shows too.
  const sendToPaint = painted
    .filter((c) => c.sentAt !== undefined)
    .map((c) => c.paint + probe.timeOrigin - c.sentAt);
  const longtasks = probe.longtasks.filter((l) => l.start >= t0Page);
  const loafs = probe.loafs.filter((l) => l.start >= t0Page);
  return {
    frames: deltas.length,
    unpainted: deltas.length - delays.length,
    p50: percentile(delays, 50),
    p95: percentile(delays, 95),
    max: delays.length ? Math.max(...delays) : undefined,
    sendP95: percentile(sendToPaint, 95),
    busy: (after.TaskDuration - before.TaskDuration) / wallSeconds,
    script: (after.ScriptDuration - before.ScriptDuration) / wallSeconds,
    layout:
      (after.LayoutDuration +
        after.RecalcStyleDuration -
        before.LayoutDuration -
        before.RecalcStyleDuration) /
      wallSeconds,
    longtasks: longtasks.length,
    longtaskMs: sum(longtasks.map((l) => l.duration)),
    loafMs: sum(loafs.map((l) => l.duration)),
    loafScriptMs: sum(loafs.map((l) => l.script)),
    loafStyleLayoutMs: sum(loafs.map((l) => l.styleLayout)),
    events: probe.eventCount,
  };
}

/** Real gateway: `count` slow runs at once (sessions s0…), page watching s0. */
async function realRuns(env, client, app, count, seconds) {
  const page = await openWatching(env, app);
  let runIds = [];
  try {
    await waitGatewayIdle(env.gateway);
    runIds = await Promise.all(
      SESSIONS.slice(0, count).map((key) => startRun(client, key, 'slow')),
    );
    // The window opens with the first streamed word: run start-up (workspace,
    // context, model call) is the gateway's time, not streaming.
    await client.waitForEvent(
      (f) => f.event === 'chat' && f.payload?.state === 'delta' && f.payload.runId === runIds[0],
      60_000,
    );
    return await measureWindow(page, () => sleep(seconds * 1000));
  } finally {
    await Promise.all(runIds.map((runId, i) => abortRun(client, SESSIONS[i], runId)));
    await page.close();
  }
}

/** The flood's events: 10 runs × `words`, round-robin across the runs, as [event, payload] pairs. */
export function floodQueue(words) {
  const streams = SESSIONS.map((key, i) =>
    runEvents({
      runId: `flood-${Date.now()}-${i}`,
      sessionKey: key,
      words: runWords(`r${i}`, words),
    }),
  );
  // Round-robin across the ten runs, like ten runs streaming side by side.
  const queue = [];
  for (let k = 0; k < Math.max(...streams.map((s) => s.length)); k++)
    for (const s of streams) if (s[k]) queue.push(s[k]);
  return queue;
}

/**
 * Sends the queue through the fake at `rate` events/s (each stamped when sent), then waits until
 * the page has taken every event (or 30 s); resolves with the seconds the sending took.
 */
export async function sendFlood(page, fake, queue, rate) {
  const start = performance.now();
  const perTick = Math.max(1, Math.round(rate / 100));
  for (let i = 0; i < queue.length; i += perTick) {
    const sentAt = performance.timeOrigin + performance.now();
    for (const [event, payload] of queue.slice(i, i + perTick))
      fake.event(event, { ...payload, benchSentAt: sentAt });
    // Pace to the target rate against the clock, not by a fixed sleep.
    const due = start + ((i + perTick) / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  const sentSeconds = (performance.now() - start) / 1000;
  await page.page
    .waitForFunction((n) => window.__bench.eventCount >= n, queue.length, {
      timeout: 30_000,
      polling: 50,
    })
    .catch(() => undefined);
  return sentSeconds;
}

/** Fake gateway: 10 runs × words, interleaved, at `rate` events/s; page watching s0. */
async function fakeFlood(env, fake, app, words, rate) {
  const page = await openWatching(env, app, fake.url);
  try {
    const queue = floodQueue(words);
    let sentSeconds = 0;
    const result = await measureWindow(page, async () => {
      sentSeconds = await sendFlood(page, fake, queue, rate);
    });
    return { ...result, sent: queue.length, sentRate: queue.length / sentSeconds };
  } finally {
    await page.close();
  }
}

/** The real-gateway windows: every console, 1 and 10 runs, `runs` times each. */
async function measureReal(env, add, { runs, seconds }) {
  const client = await operatorClient(env.gateway);
  // Every session must exist before the Control UI can open it ("Session not found").
  await Promise.all(SESSIONS.map((key, i) => replyTurn(client, key, `session ${i} ready`)));
  for (let i = 0; i < runs; i++) {
    for (const app of [ours, controlUi]) {
      for (const count of [1, 10]) {
        const r = await realRuns(env, client, app, count, seconds);
        add(`${app.key}-${count}`, r);
        env.log(
          `streaming ${app.key} ${count} run(s) #${i + 1}: ${r.frames} frames, p50 ${r.p50?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms, busy ${(r.busy * 100).toFixed(1)} %`,
        );
      }
    }
  }
}

/** The stress windows on the fake gateway (ours only), `runs` times. */
async function measureFlood(env, add, { runs, words, rate }) {
  const fake = await startFakeGateway();
  // Without a real gateway (`--only stress`) the page only needs the fake's address and a token.
  const floodEnv = env.gateway ? env : { ...env, gateway: { url: fake.url, token: 'bench' } };
  try {
    for (let i = 0; i < runs; i++) {
      // Interleaved, so a slower spell of the machine falls on both alike.
      for (const app of [ours, streamFloor, streamWorkerFloor]) {
        const r = await fakeFlood(floodEnv, fake, app, words, rate);
        add(`${app.key}-flood`, r);
        env.log(
          `streaming ${app.key} flood #${i + 1}: ${r.sent} events at ${Math.round(r.sentRate)}/s, watched frames ${r.frames}, p50 ${r.p50?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms, busy ${(r.busy * 100).toFixed(1)} %`,
        );
      }
    }
  } finally {
    await fake.close();
  }
}

/**
 * Runs figure 3 (real gateway, then the stress flood), or with `stressOnly` the flood alone
 * (`--only stress`: no real gateway, no Control UI); returns table rows and notes.
 */
export async function run(env, { stressOnly = false } = {}) {
  const seconds = env.quick ? 4 : 15;
  const runs = env.runsFor(3);
  const words = env.quick ? 100 : 600;
  const rate = env.stressRate;
  const results = {};
  const add = (name, r) => (results[name] ??= []).push(r);
  if (!stressOnly) await measureReal(env, add, { runs, seconds });
  await measureFlood(env, add, { runs, words, rate });

  const med = (name, key) => median((results[name] ?? []).map((r) => r[key]));
  const rows = [];
  for (const count of stressOnly ? [] : [1, 10]) {
    const label = count === 1 ? '1 run' : '10 runs at once';
    rows.push(
      {
        figure: `Stream paint delay p50, ${label}`,
        ours: med(`ours-${count}`, 'p50'),
        theirs: med(`controlUi-${count}`, 'p50'),
        unit: 'ms',
      },
      {
        figure: `Stream paint delay p95, ${label}`,
        ours: med(`ours-${count}`, 'p95'),
        theirs: med(`controlUi-${count}`, 'p95'),
        unit: 'ms',
        target: { below: 16, text: '< 16 ms' },
      },
      {
        figure: `Main thread busy while streaming, ${label}`,
        ours: med(`ours-${count}`, 'busy'),
        theirs: med(`controlUi-${count}`, 'busy'),
        unit: 'pct',
      },
      {
        figure: `  long tasks (count / total ms), ${label}`,
        ours: `${med(`ours-${count}`, 'longtasks')} / ${Math.round(med(`ours-${count}`, 'longtaskMs'))} ms`,
        theirs: `${med(`controlUi-${count}`, 'longtasks')} / ${Math.round(med(`controlUi-${count}`, 'longtaskMs'))} ms`,
        unit: 'text',
      },
    );
  }
  const na = 'cannot use the fake gateway, see notes';
  rows.push(
    {
      figure: 'Stress (fake gateway) paint delay p95',
      ours: med('ours-flood', 'p95'),
      theirsNa: na,
      unit: 'ms',
      target: { below: 16, text: '< 16 ms' },
    },
    {
      figure: '  the streaming floor (a bare page), stress p95',
      ours: med('floor-flood', 'p95'),
      theirsNa: 'see notes',
      unit: 'ms',
    },
    {
      figure: '  the floor, stress send → paint p95 (incl. queueing)',
      ours: med('floor-flood', 'sendP95'),
      theirsNa: 'see notes',
      unit: 'ms',
    },
    {
      figure: '  stress p50 / main thread busy, the floor',
      ours: `${med('floor-flood', 'p50')?.toFixed(1)} ms / ${(med('floor-flood', 'busy') * 100).toFixed(1)} %`,
      theirsNa: 'see notes',
      unit: 'text',
    },
    {
      figure: '  the floor with our socket worker, stress p95',
      ours: med('floorWorker-flood', 'p95'),
      theirsNa: 'see notes',
      unit: 'ms',
    },
    {
      figure: '  the floor with our socket worker, send → paint p95',
      ours: med('floorWorker-flood', 'sendP95'),
      theirsNa: 'see notes',
      unit: 'ms',
    },
    {
      figure: '  stress p50 / main thread busy, the floor with our worker',
      ours: `${med('floorWorker-flood', 'p50')?.toFixed(1)} ms / ${(med('floorWorker-flood', 'busy') * 100).toFixed(1)} %`,
      theirsNa: 'see notes',
      unit: 'text',
    },
    {
      figure: '  stress p50 / main thread busy',
      ours: `${med('ours-flood', 'p50')?.toFixed(1)} ms / ${(med('ours-flood', 'busy') * 100).toFixed(1)} %`,
      theirsNa: na,
      unit: 'text',
    },
    {
      figure: '  stress send → paint p95 (incl. queueing)',
      ours: med('ours-flood', 'sendP95'),
      theirsNa: na,
      unit: 'ms',
    },
  );
  const flood = results['ours-flood'] ?? [];
  const realNotes = [
    `Real gateway: N = ${runs} windows of ${seconds} s per console and load (new context each), \`slow\` prompt (one word per 300 ms per run), aborted after the window; percentiles over the watched session's delta frames of each window, then the median across windows. Frames per window (median): ours ${med('ours-1', 'frames')} / ${med('ours-10', 'frames')}, Control UI ${med('controlUi-1', 'frames')} / ${med('controlUi-10', 'frames')} (1 run / 10 runs); events the page received per 10-run window, all sessions: ours ${med('ours-10', 'events')}, Control UI ${med('controlUi-10', 'events')}.`,
    `Frames whose text never reached the DOM before the window closed (median): ours ${med('ours-1', 'unpainted')} / ${med('ours-10', 'unpainted')}, Control UI ${med('controlUi-1', 'unpainted')} / ${med('controlUi-10', 'unpainted')}.`,
    `Main thread busy = Δ CDP TaskDuration / wall time over the window; of that, script ${(med('ours-10', 'script') * 100).toFixed(1)} % and style+layout ${(med('ours-10', 'layout') * 100).toFixed(1)} % for ours with 10 runs, script ${(med('controlUi-10', 'script') * 100).toFixed(1)} % and style+layout ${(med('controlUi-10', 'layout') * 100).toFixed(1)} % for the Control UI.`,
  ];
  const realLoafs = stressOnly
    ? ''
    : ` Real gateway, 10 runs: ours ${Math.round(med('ours-10', 'loafMs'))} ms in long frames; Control UI ${Math.round(med('controlUi-10', 'loafMs'))} ms (script ${Math.round(med('controlUi-10', 'loafScriptMs'))} ms, style+layout+paint ${Math.round(med('controlUi-10', 'loafStyleLayoutMs'))} ms).`;
  const notes = [
    ...(stressOnly ? [] : realNotes),
    `Stress: the real gateway coalesces deltas (≥ ~150 ms apart per run), so it cannot flood a page; the scripted fake gateway stands in: 10 runs × ${words} words, every word an \`agent\` assistant event plus a \`chat\` delta with the whole text so far (as the real gateway sends them), ${flood[0]?.sent ?? 'n/a'} events at ${Math.round(median(flood.map((r) => r.sentRate)) ?? 0)} events/s; the page watches one of the ten sessions. N = ${runs}.`,
    `Stress floor: bench/floor/stream.html on the same fake gateway, flood and probe, interleaved with ours: a raw socket that writes the watched session's newest text into one paragraph as each delta arrives (no protocol client, no store, no markdown, no batching). Under a continuous flood a change waits for the next frame (0–16.7 ms at 60 Hz), so the floor's p95 is what this machine and browser allow any page; ours ÷ floor is the part that is ours. The floor with our socket worker (the same page with \`&worker=1\`) is the same writer behind the console's own socket worker and page side (batches, slices, acknowledgements): against the bare floor it prices the worker's hop, against ours what the protocol client, stores and markdown add.`,
    `Stress, where the slow frames went (Long Animation Frames > 50 ms, median per window): ${Math.round(med('ours-flood', 'loafMs'))} ms in long frames, of which script ${Math.round(med('ours-flood', 'loafScriptMs'))} ms and style+layout+paint ${Math.round(med('ours-flood', 'loafStyleLayoutMs'))} ms.${realLoafs}`,
    'The Control UI on the fake gateway: after its "Switch to a different Gateway?" confirmation it does connect, but it then calls ~25 start-up methods (chat.startup, models.list, board.get …) that the fake answers with empty results; it stays on loading skeletons and shows no streamed chat event, so its stress figure is n/a.',
  ];
  return { rows, notes, raw: results };
}

/** Figure 3's stress flood alone (`--only stress`): the fake gateway, no real one needed. */
export const stress = { run: (env) => run(env, { stressOnly: true }) };

// Figure 4: a long session. Seeds one session with `total` messages through the
// real gateway, then per console: from its session list, click the session and
// time click → the frame showing the newest message; page in the whole history
// (our "Load older messages" / the Control UI's scroll-to-top), scroll it top to
// bottom counting long tasks, and read the JS heap after a forced GC.
//
// Seeding: a real `reply:` turn is a whole agent run (0.4 s on a warm gateway
// here, up to 2.7 s on a fresh one), so 500 turns for 1,000 messages would take
// 3–20 min. The gateway's `chat.inject` (an operator method that appends an
// assistant note to the transcript, no agent run) takes 10–20 ms, so the seed is
// one real turn (creating the session: a user and an assistant message) plus
// total − 2 injected notes. The bench times a few real turns to report the rate.
import { openPage } from '../lib/browser.mjs';
import { controlUi, ours } from '../lib/consoles.mjs';
import { operatorClient, replyTurn, waitGatewayIdle } from '../lib/gateway.mjs';
import { pageProbe, readProbe, waitMark, watchFor } from '../lib/instrument.mjs';
import { sleep } from '../lib/lifecycle.mjs';
import { median, sum } from '../lib/stats.mjs';

const KEY = 'agent:main:bench:history';
const marker = (i) => `hist-msg-${i}-x`;

/** The text of injected note i: mostly prose, every tenth with a list and a code block. */
function noteText(i) {
  const prose = `Note ${marker(i)}: the operator checked channel ${i % 7} and the queue depth was ${(i * 37) % 101}. Nothing else changed since the previous check.`;
  if (i % 10 !== 0) return prose;
  return `${prose}\n\n- step one for ${i}\n- step two for ${i}\n\n\`\`\`js\nconst depth = ${(i * 37) % 101};\nconsole.log(depth);\n\`\`\``;
}

let lastSeed;

/** Creates the session and fills it to `total` messages; returns seeding timings. */
async function seed(client, total, realTurns) {
  const count = async () => {
    const page = await client
      .request('chat.history', { sessionKey: KEY, limit: 1 })
      .catch(() => ({}));
    return page.totalMessages ?? 0;
  };
  // A figure measured again (an e2e run overlapped) keeps the session it seeded.
  if (lastSeed && (await count()) >= total) return lastSeed;
  // The median, since a gateway's first turn is slower than the rest.
  const turns = [];
  for (let i = 0; i < realTurns; i++) {
    const t = performance.now();
    await replyTurn(client, 'agent:main:bench:turns', `turn ${i}`);
    turns.push(performance.now() - t);
  }
  const turnMs = median(turns);
  await replyTurn(client, KEY, `history start ${marker(2)}`);
  const t1 = performance.now();
  for (let i = 3; i <= total; i++)
    await client.request('chat.inject', { sessionKey: KEY, message: noteText(i) });
  const injectMs = (performance.now() - t1) / Math.max(1, total - 2);
  lastSeed = { turnMs, injectMs, messages: await count() };
  return lastSeed;
}

/** In the page: the scroll container of the transcript and the lowest/highest marker shown. */
function transcriptState() {
  const found = [];
  for (const root of window.__bench.roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const m = /hist-msg-(\d+)-x/.exec(n.data);
      if (m) found.push({ n, i: Number(m[1]) });
    }
  }
  if (!found.length) return { count: 0 };
  let el = found[0].n.parentElement;
  while (
    el &&
    !(el.scrollHeight > el.clientHeight + 4 && /auto|scroll/.test(getComputedStyle(el).overflowY))
  )
    el = el.parentElement;
  window.__benchScroller = el ?? document.scrollingElement;
  const nums = found.map((f) => f.i);
  return { count: found.length, min: Math.min(...nums), max: Math.max(...nums) };
}

/** Pages the whole history in: scroll to the top, press "older" if the app has one, until the first message shows. */
async function loadAll(page, app) {
  const t0 = performance.now();
  let state = await page.evaluate(transcriptState);
  for (let round = 0; round < 40 && state.min > 2; round++) {
    await page.evaluate(() => {
      window.__benchScroller.scrollTop = 0;
    });
    if (app.olderButton) {
      // Scrolled to the top, ours pages older history in by itself (the button is disabled
      // while it loads, and gone once nothing older is left): press it only when it is there to press.
      const older = page.locator(`${app.olderButton}:enabled`);
      if (await older.count())
        await older
          .first()
          .click({ timeout: 5_000 })
          .catch(() => undefined);
    }
    const before = state.min;
    for (let k = 0; k < 30; k++) {
      await sleep(100);
      state = await page.evaluate(transcriptState);
      if (state.min < before) break;
    }
    if (state.min >= before && !app.olderButton) break;
  }
  return { ms: performance.now() - t0, ...state };
}

/** In the page: scrolls the transcript top to bottom, `step` px per frame; returns the window. */
function scrollThrough(step) {
  const el = window.__benchScroller;
  return new Promise((resolve) => {
    el.scrollTop = 0;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const t0 = performance.now();
        let last = t0;
        let worst = 0;
        let frames = 0;
        const tick = () => {
          const t = performance.now();
          worst = Math.max(worst, t - last);
          last = t;
          frames += 1;
          el.scrollTop += step;
          const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
          if (atEnd || frames > 5000) resolve({ t0, t1: performance.now(), frames, worst });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    );
  });
}

/** One run for one console. */
async function measure(env, client, app, total) {
  const page = await openPage(env.browser, {
    initScripts: [[pageProbe, { ws: true, track: true }]],
  });
  try {
    await page.page.goto(app.listUrl(env), { waitUntil: 'commit' });
    await watchFor(page.page, { name: 'live', all: app.live }, 60_000);
    const link = app.sessionLink(KEY);
    await page.page.waitForFunction((sel) => window.__bench.queryAll(sel).length > 0, link, {
      timeout: 30_000,
    });
    await page.settle();
    // The gateway keeps a parsed transcript for a while; the first chat.history
    // after it has dropped it takes ~1 s here, whoever asks. Warm it, so the
    // click measures the console, not the gateway's cache (see the notes).
    await client.request('chat.history', { sessionKey: KEY, limit: 200 });
    const waited = await waitGatewayIdle(env.gateway);
    if (waited > 3000)
      env.log(`(gateway busy for ${(waited / 1000).toFixed(1)} s before the click)`);
    const clickedAt = await page.page.evaluate(
      ({ sel, text }) => {
        window.__bench.expect('shown', text);
        const t = performance.now();
        window.__bench.queryAll(sel)[0].click();
        return t;
      },
      { sel: link, text: marker(total) },
    );
    const mark = await waitMark(page.page, 'shown', 60_000);
    const shown = mark.paint - clickedAt;
    // The transcript request this click caused: how long the gateway took to answer it.
    const history = (await readProbe(page.page)).reqs.find(
      (r) => r.method === app.transcriptMethod && r.sent >= clickedAt && r.res !== undefined,
    );
    await page.settle();
    const first = await page.page.evaluate(transcriptState);
    const firstMemory = await page.memory();
    const all = await loadAll(page.page, app);
    await page.settle();
    const before = await page.metrics();
    const win = await page.page.evaluate(scrollThrough, 150);
    const after = await page.metrics();
    const probe = await readProbe(page.page);
    const longtasks = probe.longtasks.filter((l) => l.start >= win.t0 && l.start <= win.t1);
    const loafs = probe.loafs.filter((l) => l.start >= win.t0 && l.start <= win.t1);
    const memory = await page.memory();
    return {
      shown,
      requestAt: history ? history.sent - clickedAt : undefined,
      gatewayMs: history ? history.res - history.sent : undefined,
      historyKB: history ? history.bytes / 1000 : undefined,
      renderedFirst: first.count,
      loadAllMs: all.ms,
      allLoaded: all.min <= 2,
      renderedAll: all.count,
      scrollFrames: win.frames,
      worstFrame: win.worst,
      scrollMs: win.t1 - win.t0,
      longtasks: longtasks.length,
      longtaskMs: sum(longtasks.map((l) => l.duration)),
      loafMs: sum(loafs.map((l) => l.duration)),
      loafScriptMs: sum(loafs.map((l) => l.script)),
      loafStyleLayoutMs: sum(loafs.map((l) => l.styleLayout)),
      busy: (after.TaskDuration - before.TaskDuration) / ((win.t1 - win.t0) / 1000),
      heapShown: firstMemory.heap,
      heap: memory.heap,
      nodes: memory.nodes,
    };
  } finally {
    await page.close();
  }
}

/** Runs figure 4; returns table rows and notes. */
export async function run(env) {
  const total = env.quick ? 60 : 1000;
  const runs = env.runsFor(3);
  const client = await operatorClient(env.gateway);
  const seeded = await seed(client, total, env.quick ? 1 : 3);
  env.log(
    `history seeded: ${seeded.messages} messages; real turn ${Math.round(seeded.turnMs)} ms, chat.inject ${seeded.injectMs.toFixed(1)} ms each`,
  );
  const results = { ours: [], controlUi: [] };
  for (let i = 0; i < runs; i++) {
    for (const app of [ours, controlUi]) {
      const r = await measure(env, client, app, total);
      results[app.key].push(r);
      env.log(
        `history ${app.key} #${i + 1}: shown ${r.shown.toFixed(1)} ms (${app.transcriptMethod} sent at ${r.requestAt?.toFixed(0)} ms, answered in ${r.gatewayMs?.toFixed(0)} ms, ${r.historyKB?.toFixed(0)} KB; ${r.renderedFirst} rendered), all in ${Math.round(r.loadAllMs)} ms (${r.allLoaded ? 'complete' : 'INCOMPLETE'}, ${r.renderedAll} rendered), scroll ${r.scrollFrames} frames, worst ${r.worstFrame.toFixed(1)} ms, ${r.longtasks} long tasks, heap ${(r.heap / 1e6).toFixed(1)} MB`,
      );
    }
  }
  const med = (app, key) => median(results[app].map((r) => r[key]));
  const rows = [
    {
      figure: `${seeded.messages}-message session: click → newest shown`,
      ours: med('ours', 'shown'),
      theirs: med('controlUi', 'shown'),
      unit: 'ms',
      target: { below: 200, text: '< 200 ms' },
    },
    {
      figure: '  messages rendered at first / after paging all in',
      ours: `${med('ours', 'renderedFirst')} / ${med('ours', 'renderedAll')}`,
      theirs: `${med('controlUi', 'renderedFirst')} / ${med('controlUi', 'renderedAll')}`,
      unit: 'text',
    },
    {
      figure: '  paging the whole history in',
      ours: med('ours', 'loadAllMs'),
      theirs: med('controlUi', 'loadAllMs'),
      unit: 'ms',
    },
    {
      figure: 'Long tasks while scrolling top → bottom',
      ours: med('ours', 'longtasks'),
      theirs: med('controlUi', 'longtasks'),
      unit: 'count',
      target: { max: 0, text: 'none' },
    },
    {
      figure: '  worst frame gap / main thread busy while scrolling',
      ours: `${med('ours', 'worstFrame').toFixed(1)} ms / ${(med('ours', 'busy') * 100).toFixed(0)} %`,
      theirs: `${med('controlUi', 'worstFrame').toFixed(1)} ms / ${(med('controlUi', 'busy') * 100).toFixed(0)} %`,
      unit: 'text',
    },
    {
      figure: 'JS heap, session shown (after GC)',
      ours: med('ours', 'heapShown'),
      theirs: med('controlUi', 'heapShown'),
      unit: 'mb',
    },
    {
      figure: 'JS heap, whole history paged in and scrolled (after GC)',
      ours: med('ours', 'heap'),
      theirs: med('controlUi', 'heap'),
      unit: 'mb',
    },
    {
      figure: '  DOM nodes then',
      ours: med('ours', 'nodes'),
      theirs: med('controlUi', 'nodes'),
      unit: 'count',
    },
  ];
  const notes = [
    `Seed: one real \`reply:\` turn plus ${total - 2} \`chat.inject\` notes = ${seeded.messages} messages in \`${KEY}\`; chat.inject took ${seeded.injectMs.toFixed(1)} ms per message, a real turn ${Math.round(seeded.turnMs)} ms (so ${total / 2} real turns would take ~${Math.round(((seeded.turnMs ?? 0) * total) / 2 / 60_000)} min). Injected notes are assistant messages; every tenth has a list and a code block.`,
    `N = ${runs} per console, new context each. "Shown" = click on the session in the console's own list (ours: /sessions; Control UI: its sidebar) → the frame after the newest message's text entered the DOM. Ours fetches the newest 50, renders a virtualised window of them (plain text first, markdown in idle time) and pages older ones in, 200 at a time, on "Load older messages" or on scrolling to the top; the Control UI fetches the history and renders a virtualised window of it.`,
    `Click → shown, split (medians): ours sent \`chat.history\` (the newest 50 messages) ${Math.round(med('ours', 'requestAt'))} ms after the click and the gateway answered in ${Math.round(med('ours', 'gatewayMs'))} ms (${Math.round(med('ours', 'historyKB'))} KB); the Control UI, which prefetches \`chat.history\` for the sessions in its sidebar, sent \`chat.startup\` at ${Math.round(med('controlUi', 'requestAt'))} ms, answered in ${Math.round(med('controlUi', 'gatewayMs'))} ms (${Math.round(med('controlUi', 'historyKB'))} KB). The rest is each page's own work. Before each click the bench warms the gateway's transcript cache with one chat.history call: cold, the first call takes ~1 s on this gateway, whoever makes it.`,
    `Where slow frames went while scrolling (Long Animation Frames API, frames > 50 ms, medians of the per-run totals): ours ${Math.round(med('ours', 'loafMs'))} ms in long frames, of which script ${Math.round(med('ours', 'loafScriptMs'))} ms and style+layout+paint ${Math.round(med('ours', 'loafStyleLayoutMs'))} ms; Control UI ${Math.round(med('controlUi', 'loafMs'))} ms, script ${Math.round(med('controlUi', 'loafScriptMs'))} ms, style+layout+paint ${Math.round(med('controlUi', 'loafStyleLayoutMs'))} ms.`,
    `Scrolling: the transcript's scroll container, 150 px per animation frame from top to bottom after the whole history is paged in (${med('ours', 'scrollFrames')} frames for ours, ${med('controlUi', 'scrollFrames')} for the Control UI); long tasks from the Long Tasks API (> 50 ms).`,
  ];
  return { rows, notes, raw: { seeded, results } };
}

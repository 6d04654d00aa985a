// Figures 1 and 2: cold start and bytes. Each run opens a new browser context
// (empty cache, empty storage, so a new device pairs on loopback), navigates,
// and times navigation start → the first frame that shows live health data;
// CDP Network counts the bytes the page fetched for that first view.
import { openPage } from '../lib/browser.mjs';
import { controlUi, floor, ours } from '../lib/consoles.mjs';
import { waitGatewayIdle } from '../lib/gateway.mjs';
import { pageProbe, readProbe, waitMark } from '../lib/instrument.mjs';
import { recordNetwork } from '../lib/network.mjs';
import { median } from '../lib/stats.mjs';

/** One cold load of url; resolves with { ms, bytes, phases } once `ready` holds on screen. */
export async function coldLoad(env, url, ready) {
  await waitGatewayIdle(env.gateway);
  const browser = env.browser;
  const page = await openPage(browser, {
    initScripts: [[pageProbe, { ws: true, watch: [{ name: 'ready', all: ready }] }]],
  });
  try {
    const network = await recordNetwork(page.cdp);
    await page.page.goto(url, { waitUntil: 'commit' });
    const mark = await waitMark(page.page, 'ready', 60_000);
    const bytes = await network.summarize(mark.epoch);
    const { wsLog } = await readProbe(page.page);
    const dcl = await page.page.evaluate(
      () => performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd,
    );
    const at = (dir, re) => wsLog.find((f) => f.dir === dir && re.test(f.head))?.t;
    // Where the time went: socket open (the challenge arrives), our signed
    // connect sent, the gateway's hello-ok back, and the frame on screen.
    const phases = {
      dcl,
      challenge: at('in', /connect\.challenge/),
      connect: at('out', /"method":"connect"/),
      hello: at('in', /"hello-ok"/),
      ready: mark.paint,
    };
    return { ms: mark.paint, bytes, phases };
  } finally {
    await page.close();
  }
}

const phaseNote = (label, list) => {
  const m = (k) => median(list.map((r) => r.phases[k]));
  const f = (v) => (v === undefined ? 'n/a' : `${Math.round(v)}`);
  return `${label}: DOMContentLoaded ${f(m('dcl'))} ms → socket open (challenge) ${f(m('challenge'))} ms → connect sent ${f(m('connect'))} ms → hello-ok ${f(m('hello'))} ms → on screen ${f(m('ready'))} ms (medians, from navigation start)`;
};

/** Runs figure 1 (cold start) and 2 (bytes) for both consoles; returns table rows. */
export async function run(env) {
  const variants = {
    ours: { url: ours.coldUrl(env), ready: ours.ready },
    cuHealth: { url: controlUi.coldUrl(env), ready: controlUi.ready },
    cuLanding: { url: controlUi.landingUrl(env), ready: controlUi.live },
    // The floor: only the gateway client, a token and a device identity; and, for reference, a
    // raw socket with a token and no identity (nothing a console could ship).
    floor: { url: floor.clientUrl(env), ready: ours.ready },
    raw: { url: floor.rawUrl(env), ready: ours.ready },
  };
  // One warm-up load each, not counted: the gateway's first HTTP requests and
  // device pairing hit cold code paths on its side.
  for (const v of Object.values(variants)) await coldLoad(env, v.url, v.ready);
  const results = { ours: [], cuHealth: [], cuLanding: [], floor: [], raw: [] };
  // Interleaved, so a slow patch of the machine hits every variant alike.
  for (let i = 0; i < env.runs; i++) {
    for (const [name, v] of Object.entries(variants)) {
      const r = await coldLoad(env, v.url, v.ready);
      results[name].push(r);
      env.log(
        `cold start ${name} run ${i + 1}: ${r.ms.toFixed(1)} ms, JS ${r.bytes.js} B, CSS ${r.bytes.css} B`,
      );
    }
  }
  const med = (name, pick) => median(results[name].map(pick));
  const rows = [
    {
      figure: 'Cold start → live health on screen',
      ours: med('ours', (r) => r.ms),
      theirs: med('cuHealth', (r) => r.ms),
      unit: 'ms',
      target: { ratioMax: 1 / 4, text: '≤ 1/4 of Control UI' },
      note: 'Control UI: its Debug page (the only one showing the health snapshot)',
    },
    {
      figure: '  against the floor (gateway client + device identity)',
      ours: med('ours', (r) => r.ms),
      theirs: med('floor', (r) => r.ms),
      unit: 'ms',
      target: { ratioMax: 1.3, text: '≤ 1.3× the floor' },
    },
    {
      figure: 'Cold start → hello-ok',
      ours: med('ours', (r) => r.phases.hello),
      theirs: med('cuHealth', (r) => r.phases.hello),
      unit: 'ms',
      target: { ratioMax: 1 / 4, text: '≤ 1/4 of Control UI' },
    },
    {
      figure: '  against the floor (gateway client + device identity)',
      ours: med('ours', (r) => r.phases.hello),
      theirs: med('floor', (r) => r.phases.hello),
      unit: 'ms',
      target: { ratioMax: 1.3, text: '≤ 1.3× the floor' },
    },
    {
      figure: '  reference: raw socket, token only, no identity (health / hello-ok)',
      ours: `${Math.round(med('raw', (r) => r.ms))} ms / ${Math.round(med('raw', (r) => r.phases.hello))} ms`,
      theirs: undefined,
      theirsNa: 'not a console: no scopes',
      unit: 'text',
    },
    {
      figure: 'Cold start → connected (Control UI landing page)',
      ours: med('ours', (r) => r.ms),
      theirs: med('cuLanding', (r) => r.ms),
      unit: 'ms',
      note: 'Control UI: chat landing page, footer status "Connected" (no health there)',
    },
    {
      figure: 'JS + CSS transferred, first view',
      ours: med('ours', (r) => r.bytes.js + r.bytes.css),
      theirs: med('cuHealth', (r) => r.bytes.js + r.bytes.css),
      unit: 'bytes',
      target: { ratioMax: 1 / 10, text: '≤ 1/10 of Control UI' },
      note: 'compressed bytes on the wire incl. headers (CDP encodedDataLength)',
    },
    {
      figure: '  JS transferred',
      ours: med('ours', (r) => r.bytes.js),
      theirs: med('cuHealth', (r) => r.bytes.js),
      unit: 'bytes',
    },
    {
      figure: '  CSS transferred',
      ours: med('ours', (r) => r.bytes.css),
      theirs: med('cuHealth', (r) => r.bytes.css),
      unit: 'bytes',
    },
    {
      figure: '  JS decoded (parsed) size',
      ours: med('ours', (r) => r.bytes.jsDecoded),
      theirs: med('cuHealth', (r) => r.bytes.jsDecoded),
      unit: 'bytes',
    },
    {
      figure: '  All bytes (incl. HTML, fonts, images)',
      ours: med('ours', (r) => r.bytes.all),
      theirs: med('cuHealth', (r) => r.bytes.all),
      unit: 'bytes',
    },
    {
      figure: '  Requests / of which scripts',
      ours: `${med('ours', (r) => r.bytes.count)} / ${med('ours', (r) => r.bytes.scripts)}`,
      theirs: `${med('cuHealth', (r) => r.bytes.count)} / ${med('cuHealth', (r) => r.bytes.scripts)}`,
      unit: 'text',
    },
    {
      figure: 'JS + CSS transferred, Control UI landing page',
      ours: med('ours', (r) => r.bytes.js + r.bytes.css),
      theirs: med('cuLanding', (r) => r.bytes.js + r.bytes.css),
      unit: 'bytes',
    },
  ];
  const notes = [
    `N = ${env.runs} cold loads per variant (plus one uncounted warm-up each), interleaved; medians.`,
    phaseNote('ours', results.ours),
    phaseNote('Control UI /debug', results.cuHealth),
    phaseNote('Control UI landing', results.cuLanding),
    phaseNote('floor (gateway client + identity)', results.floor),
    phaseNote('raw socket, token only', results.raw),
    `floor pages: bench/floor (built with Vite into the same preview server); floor JS ${med('floor', (r) => r.bytes.js)} B, raw ${med('raw', (r) => r.bytes.js)} B on the wire.`,
  ];
  return { rows, notes, raw: results };
}

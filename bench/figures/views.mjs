// Figure 7: time to data on the operator views. Each run opens a view cold (a new browser
// context, so no cache and a new device) straight from its address and times navigation start
// → the first frame showing the view's data from the gateway: ours against the Control UI's own
// page where it has one (logs, scheduled jobs); ours alone where it has none it can be compared
// with (the approvals inbox: the Control UI answers approvals in the chat; usage: its page had
// not finished loading after 8 s on the bench gateway when its DOM was read).
import { openPage } from '../lib/browser.mjs';
import { controlUiUrl, oursUrl, waitGatewayIdle } from '../lib/gateway.mjs';
import { pageProbe, waitMark } from '../lib/instrument.mjs';
import { median } from '../lib/stats.mjs';

/** The views, each with what shows its data in each console (the Control UI's classes as 2026.9.6 renders them). */
const VIEWS = [
  {
    name: 'Logs (the gateway log tail)',
    ours: { path: '/logs', ready: [{ selector: '.log-item' }] },
    theirs: { path: '/logs', ready: [{ selector: 'openclaw-logs-page .log-row' }] },
  },
  {
    name: 'Scheduled jobs (cron list)',
    ours: { path: '/cron', ready: [{ selector: '[data-testid="cron-job"]' }] },
    theirs: { path: '/cron', ready: [{ selector: 'openclaw-cron-page .cron-table__row' }] },
  },
  {
    name: 'Approvals inbox (list read)',
    ours: { path: '/approvals', ready: [{ selector: 'nav.inbox[data-loaded="true"]' }] },
  },
  {
    name: 'Usage (cost report read)',
    ours: { path: '/usage', ready: [{ selector: '[data-testid="usage-total"]' }] },
  },
];

/** One cold load of url; resolves with ms from navigation start to the frame showing `ready`. */
async function timeToData(env, url, ready) {
  await waitGatewayIdle(env.gateway);
  const page = await openPage(env.browser, {
    initScripts: [[pageProbe, { ws: true, watch: [{ name: 'data', all: ready }] }]],
  });
  try {
    await page.page.goto(url, { waitUntil: 'commit' });
    return (await waitMark(page.page, 'data', 60_000)).paint;
  } finally {
    await page.close();
  }
}

/** Runs figure 7 for every view; returns table rows. */
export async function run(env) {
  const runs = env.runsFor(3);
  const rows = [];
  for (const view of VIEWS) {
    const oursUrlFor = oursUrl(env.consoleUrl, env.gateway, view.ours.path);
    const theirsUrl = view.theirs && controlUiUrl(env.gateway, view.theirs.path);
    // One uncounted warm-up each (the gateway's first reads of a method are cold on its side).
    await timeToData(env, oursUrlFor, view.ours.ready);
    if (theirsUrl) await timeToData(env, theirsUrl, view.theirs.ready);
    const ours = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await timeToData(env, oursUrlFor, view.ours.ready));
      if (theirsUrl) theirs.push(await timeToData(env, theirsUrl, view.theirs.ready));
      env.log(
        `${view.name} run ${i + 1}: ours ${ours.at(-1).toFixed(0)} ms, Control UI ${theirs.at(-1)?.toFixed(0) ?? 'n/a'} ms`,
      );
    }
    rows.push({
      figure: `Cold open → data: ${view.name}`,
      ours: median(ours),
      theirs: theirsUrl ? median(theirs) : undefined,
      theirsNa: theirsUrl ? undefined : 'no equivalent page measured',
      unit: 'ms',
    });
  }
  return {
    rows,
    notes: [
      `N = ${runs} cold loads per view and console (plus one uncounted warm-up each), interleaved; medians; navigation start → the first frame showing the data.`,
    ],
  };
}

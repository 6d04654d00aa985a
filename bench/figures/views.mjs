// Figure 7: time to data on the operator views. Each run opens a view cold (a new browser
// context, so no cache and a new device) straight from its address and times navigation start
// → the first frame showing the view's data from the gateway: ours against the Control UI's own
// page where it has one (logs, scheduled jobs); ours alone where it has none it can be compared
// with (the approvals inbox: the Control UI answers approvals in the chat; usage: its page had
// not finished loading after 8 s on the bench gateway when its DOM was read). The fleet view has
// no Control UI counterpart: it is timed with two saved gateways (the bench gateway and a second
// real one), from a fresh context that holds only the saved profiles and remembered tokens.
import { openPage } from '../lib/browser.mjs';
import { controlUiUrl, oursUrl, startBenchGateway, waitGatewayIdle } from '../lib/gateway.mjs';
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

/** The fleet view with two saved gateways: every card shows its gateway's health verdict. */
const FLEET_READY = [1, 2].map((n) => ({
  selector: `ul.fleet > li:nth-child(${n})[data-testid="fleet-card"] [data-verdict]`,
}));

/**
 * One cold load of url; resolves with ms from navigation start to the frame showing `ready`.
 * With `context`, the page opens in that browser context (device keys kept) after its HTTP cache,
 * cache storage and service workers are cleared.
 */
async function timeToData(env, url, ready, storageState, context) {
  await waitGatewayIdle(env.gateway);
  const page = await openPage(env.browser, {
    storageState,
    context,
    initScripts: [[pageProbe, { ws: true, watch: [{ name: 'data', all: ready }] }]],
  });
  try {
    if (context) {
      await page.cdp.send('Network.clearBrowserCache');
      await page.cdp.send('Storage.clearDataForOrigin', {
        origin: new URL(url).origin,
        storageTypes: 'cache_storage,service_workers',
      });
    }
    await page.page.goto(url, { waitUntil: 'commit' });
    return (await waitMark(page.page, 'data', 60_000)).paint;
  } finally {
    await page.close();
  }
}

/**
 * Saves two gateways as profiles through the connect form, token remembered, as an operator
 * would; resolves with that browser storage (localStorage) for fresh contexts to start from, and
 * the context itself (its device keys paired with both gateways) for a returning operator's loads.
 * IndexedDB is left out of the storage: Playwright cannot carry the non-extractable device keys
 * across (with it no card ever connected), so each fresh context pairs a new device per gateway.
 */
async function savedFleet(env, gateways) {
  const page = await openPage(env.browser);
  let kept = false;
  try {
    for (const [i, gateway] of gateways.entries()) {
      await page.page.goto(`${env.consoleUrl}/connect`);
      await page.page.getByLabel('Gateway URL', { exact: true }).fill(gateway.url);
      await page.page.getByLabel('Profile name (optional)').fill(`bench-${i + 1}`);
      await page.page.getByLabel('Token', { exact: true }).fill(gateway.token);
      await page.page.getByLabel('Remember the token on this device').check();
      await page.page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.page
        .locator('[role="status"]:has([data-testid="connection-phase"])')
        .getByText('Connected', { exact: false })
        .waitFor({ timeout: 60_000 });
    }
    const state = await page.context.storageState();
    await page.page.close();
    kept = true;
    return { state, context: page.context };
  } finally {
    if (!kept) await page.close();
  }
}

/** Times the fleet view cold with two saved real gateways, new browser and returning; returns two table rows. */
async function fleetRow(env, runs) {
  const second = await startBenchGateway('fleet');
  let saved;
  try {
    saved = await savedFleet(env, [env.gateway, second]);
    const { state, context } = saved;
    const url = `${env.consoleUrl}/fleet`;
    await timeToData(env, url, FLEET_READY, state);
    const times = [];
    const returning = [];
    // Interleaved: a new browser (a new device per gateway to pair on every load), then the
    // browser that saved the profiles (its devices paired, its caches and service worker cleared).
    for (let i = 0; i < runs; i++) {
      times.push(await timeToData(env, url, FLEET_READY, state));
      returning.push(await timeToData(env, url, FLEET_READY, undefined, context));
      env.log(
        `Fleet (two gateways) run ${i + 1}: ours ${times.at(-1).toFixed(0)} ms, returning browser ${returning.at(-1).toFixed(0)} ms`,
      );
    }
    return [
      {
        figure: 'Cold open → data: Fleet (two saved gateways, each card’s health verdict)',
        ours: median(times),
        theirs: undefined,
        theirsNa: 'the Control UI has no fleet view',
        unit: 'ms',
      },
      {
        figure: '  the same, in the browser that paired them (cache and service worker cleared)',
        ours: median(returning),
        theirs: undefined,
        theirsNa: 'the Control UI has no fleet view',
        unit: 'ms',
      },
    ];
  } finally {
    await saved?.context.close();
    await second.closeNow();
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
  rows.push(...(await fleetRow(env, runs)));
  return {
    rows,
    notes: [
      `N = ${runs} cold loads per view and console (plus one uncounted warm-up each), interleaved; medians; navigation start → the first frame showing the data.`,
    ],
  };
}

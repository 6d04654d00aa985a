// `npm run load-sweep`: where the console degrades under load. For presence
// entries, sessions in the list and runs streaming at once, the scripted fake
// gateway serves growing volumes; each step opens our production build in
// Chromium N times (fresh context each) and measures connect → data on screen,
// input → next paint while the page holds the data, long tasks, main-thread
// busy share, JS heap and DOM nodes. Prints a Markdown table of medians with a
// verdict per step (limits in bench/sweep/measure.mjs). Not part of `npm test`.
//
//   node bench/load-sweep.mjs [--only presence,sessions,runs] [--runs N] [--quick]
//
// Wrap it in the e2e lock on a shared machine: flock /tmp/openclaw-e2e.lock npm run load-sweep
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from './lib/browser.mjs';
import { buildConsole, serveConsole } from './lib/console-server.mjs';
import { onCleanup, stopAll } from './lib/lifecycle.mjs';
import { machineInfo } from './lib/machine.mjs';
import { mb, ms, pct } from './lib/stats.mjs';
import { LIMITS, degradedBy, medians } from './sweep/measure.mjs';
import * as presence from './sweep/presence.mjs';
import * as runs from './sweep/runs.mjs';
import * as sessions from './sweep/sessions.mjs';

/** The port the sweep serves the console on (the bench uses 4180, e2e 4173, screenshots 4190). */
const SWEEP_PORT = 4185;
/** A step this far past the limits ends its dimension: bigger steps would only take longer. */
const CLEARLY = { loadMs: 10_000, inputP95Ms: 1_000 };

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const DIMENSIONS = [
  { id: 'presence', title: 'presence entries', module: presence },
  { id: 'sessions', title: 'sessions in the list', module: sessions },
  { id: 'runs', title: 'runs streaming at once', module: runs },
];
const only = values.only?.split(',').map((s) => s.trim());
const chosen = DIMENSIONS.filter((d) => !only || only.includes(d.id));
const repeats = values.runs ? Number(values.runs) : values.quick ? 1 : 3;

const log = (line) => process.stderr.write(`[load-sweep] ${line}\n`);
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    log(`${event}: ${error?.stack ?? error}`);
    void stopAll().finally(() => process.exit(1));
  });
}

/** One table row's cells from a step's medians. */
function cells(dimension, volume, m) {
  const why = degradedBy(m);
  return [
    dimension.title,
    volume.toLocaleString('en-US'),
    ms(m.load),
    `${ms(m.inputP95)} / ${ms(m.inputMax)}`,
    m.cleared === undefined ? ms(m.update) : `${ms(m.update)}; board clear ${ms(m.cleared)}`,
    `${Math.round(m.longTasks)} / ${ms(m.worstTask)}`,
    `${pct(m.busy)} (script ${pct(m.script)}, style+layout ${pct(m.layout)})`,
    mb(m.heap),
    Math.round(m.nodes).toLocaleString('en-US'),
    why.length ? `degraded: ${why.join(', ')}` : 'holds',
  ];
}

const HEAD = [
  'dimension',
  'volume',
  'load',
  'input→paint p95 / max',
  'update',
  'long tasks (n / worst)',
  'main thread busy',
  'JS heap',
  'DOM nodes',
  'verdict',
];

const markdown = (rows) =>
  [HEAD, HEAD.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

try {
  log('building the console (vite build)…');
  const outDir = await buildConsole(path.join(os.tmpdir(), 'openclaw-console-sweep-dist'));
  const server = await serveConsole(outDir, SWEEP_PORT);
  onCleanup('console preview server', () => server.close());
  const browser = await launchBrowser();
  onCleanup('chromium', () => browser.close());
  const env = { browser, consoleUrl: server.url };
  log(`console at ${server.url}, ${repeats} run(s) per step`);

  const rows = [];
  for (const dimension of chosen) {
    const steps = values.quick ? dimension.module.STEPS.slice(0, 2) : dimension.module.STEPS;
    for (const volume of steps) {
      const step = await dimension.module.setUp(volume);
      const results = [];
      try {
        for (let i = 0; i < repeats; i++) {
          const { probe: _probe, ...r } = await step.run(env);
          results.push(r);
          log(
            `${dimension.id} ${volume} #${i + 1}: load ${ms(r.load)}, input p95 ${ms(r.inputP95)}, update ${ms(r.update)}, worst task ${ms(r.worstTask)}, busy ${pct(r.busy)}, heap ${mb(r.heap)}, ${r.nodes} nodes`,
          );
        }
      } catch (error) {
        log(`${dimension.id} ${volume} failed: ${error.stack ?? error}`);
      } finally {
        await step.close();
      }
      const m = medians(results);
      if (results.length) rows.push(cells(dimension, volume, m));
      else rows.push([dimension.title, String(volume), 'failed', ...HEAD.slice(3).map(() => '')]);
      if (!results.length || m.load > CLEARLY.loadMs || m.inputP95 > CLEARLY.inputP95Ms) {
        log(`${dimension.id}: stopping at ${volume}, clearly degraded (or failed)`);
        break;
      }
    }
  }

  const machine = machineInfo(browser.version(), 'n/a (fake gateway)');
  process.stdout.write(
    [
      '',
      `Load sweep, ${new Date().toISOString().slice(0, 10)}: ${machine.cores} cores, ${machine.cpu}, ${machine.ramGB} GB RAM, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}; medians of ${repeats} run(s) per step.`,
      `Degraded = load > ${LIMITS.loadMs} ms, input→paint p95 > ${LIMITS.inputP95Ms} ms, a long task > ${LIMITS.longTaskMs} ms after the load, or update > ${LIMITS.updateMs} ms. A dimension stops after a step with load > ${CLEARLY.loadMs / 1000} s or input p95 > ${CLEARLY.inputP95Ms / 1000} s.`,
      '',
      markdown(rows),
      '',
      ...chosen.map((d) => `update, ${d.title}: ${d.module.UPDATE}`),
      '',
    ].join('\n'),
  );
} catch (error) {
  log(`sweep failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}

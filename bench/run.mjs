// `npm run bench`: measures our console against the gateway's built-in Control
// UI in the same Chromium, against a real openclaw gateway (and, for stress
// and soak, the scripted fake gateway), prints a table and, after a full run,
// writes docs/BENCHMARKS.md. `--quick` is a smoke run: one run each, tiny sizes.
//
//   node bench/run.mjs [--quick] [--only cold,stream,stress,history,soak,views,reconnect] [--runs N]
//                      [--no-write] [--write (even after a partial run)] [--no-wait]
//                      [--stress-rate EVENTS_PER_SECOND] [--dist BUILT_DIR (instead of building)]
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { launchBrowser } from './lib/browser.mjs';
import { buildConsole, repoRoot, serveConsole } from './lib/console-server.mjs';
import { renderDocs } from './lib/docs.mjs';
import { startBenchGateway } from './lib/gateway.mjs';
import { onCleanup, stopAll, waitForQuietMachine, watchE2e } from './lib/lifecycle.mjs';
import { machineInfo } from './lib/machine.mjs';
import { missed, textTable } from './lib/report.mjs';
import * as coldStart from './figures/cold-start.mjs';
import * as streaming from './figures/streaming.mjs';
import * as history from './figures/long-history.mjs';
import * as soak from './figures/soak.mjs';
import * as reconnect from './figures/reconnect.mjs';
import * as views from './figures/views.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    'no-wait': { type: 'boolean', default: false },
    // The stress flood's rate in events/s (the target is set at 5,000).
    'stress-rate': { type: 'string', default: '5000' },
    // A build to measure instead of building this checkout (an older commit's, to compare; the
    // cold figure also needs the floor pages, which only buildConsole adds).
    dist: { type: 'string' },
  },
});

// Reconnect goes last: it stops and restarts the gateway the others use. `explicit` figures run
// only when named in --only (`stress` is part of `stream`; alone it needs no real gateway).
const FIGURES = [
  { id: 'cold', title: '1–2. Cold start and bytes', module: coldStart },
  { id: 'stream', title: '3. Streaming', module: streaming },
  {
    id: 'stress',
    title: '3. Streaming, the stress flood only',
    module: streaming.stress,
    explicit: true,
    realGateway: false,
  },
  { id: 'history', title: '4. Long history', module: history },
  { id: 'soak', title: '6. Soak', module: soak },
  { id: 'views', title: '7. Time to data on the operator views', module: views },
  { id: 'reconnect', title: '5. Reconnect', module: reconnect },
];
const only = values.only?.split(',').map((s) => s.trim());
const chosen = FIGURES.filter((f) => (only ? only.includes(f.id) : !f.explicit));
const quick = values.quick;
const full = !quick && !only && !values.runs;

const log = (line) => process.stderr.write(`[bench] ${line}\n`);

// An exception thrown in a callback (a socket handler, a timer) would end the
// process without the finally below: stop what was started, then exit.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    log(`${event}: ${error?.stack ?? error}`);
    void stopAll().finally(() => process.exit(1));
  });
}

/**
 * Runs one figure while no e2e run is going. An e2e run that starts meanwhile
 * disturbs both, so the figure is measured again once that run is over (up to
 * three tries; the last result is kept with a note if they all overlapped).
 */
async function measureAlone(figure, env) {
  let result;
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (!values['no-wait']) await waitForQuietMachine({ log });
    const watcher = watchE2e();
    try {
      result = await figure.module.run(env);
    } finally {
      watcher.stop();
    }
    if (!watcher.overlapped || values['no-wait']) return result;
    log(`an end-to-end run overlapped ${figure.title}; measuring it again once that run is over`);
  }
  const note =
    'An end-to-end test run overlapped every attempt at this figure: treat it with care.';
  return { ...result, notes: [...(result.notes ?? []), note] };
}
const stressRate = Number(values['stress-rate']);
if (!(stressRate > 0)) {
  process.stderr.write(
    `--stress-rate wants events per second, a positive number: not "${values['stress-rate']}"\n`,
  );
  process.exit(2);
}
const started = Date.now();

try {
  if (!values['no-wait']) await waitForQuietMachine({ log });
  const outDir = values.dist ? path.resolve(values.dist) : await buildConsole();
  log(values.dist ? `measuring the build in ${outDir}` : 'built the console (vite build)');
  const server = await serveConsole(outDir);
  onCleanup('console preview server', () => server.close());
  log(`serving it at ${server.url}`);

  const browser = await launchBrowser();
  onCleanup('chromium', () => browser.close());
  const chromiumVersion = browser.version();

  let gateway;
  if (chosen.some((f) => f.realGateway !== false)) {
    log('starting the real gateway (bench-main)…');
    gateway = await startBenchGateway('main');
    log(`gateway openclaw ${gateway.version} at ${gateway.url}`);
  }

  const env = {
    browser,
    consoleUrl: server.url,
    gateway,
    quick,
    // Cold loads are cheap: 5 runs. Figures that stream, seed or restart for
    // tens of seconds per run use 3 (soak: 1); each module says what it uses.
    runs: values.runs ? Number(values.runs) : quick ? 1 : 5,
    /** Runs for a figure whose full-run default is `n` (--runs and --quick override it). */
    runsFor: (n) => (values.runs ? Number(values.runs) : quick ? 1 : n),
    stressRate,
    log,
  };

  const sections = [];
  for (const figure of chosen) {
    log(`— ${figure.title}`);
    const t0 = Date.now();
    try {
      const result = await measureAlone(figure, env);
      sections.push({ ...figure, ...result, seconds: (Date.now() - t0) / 1000 });
    } catch (error) {
      log(`${figure.title} failed: ${error.stack ?? error}`);
      sections.push({
        ...figure,
        rows: [
          { figure: `${figure.title}: failed`, ours: error.message.split('\n')[0], unit: 'text' },
        ],
        error: String(error.stack ?? error),
        seconds: (Date.now() - t0) / 1000,
      });
    }
  }

  const rows = sections.flatMap((s) => s.rows);
  const machine = machineInfo(chromiumVersion, gateway?.version ?? 'not started');
  const table = textTable(rows);
  process.stdout.write(`\n${table}\n\n`);
  const misses = missed(rows);
  process.stdout.write(
    misses.length
      ? `Targets missed: ${misses.map((r) => r.figure.trim()).join('; ')}\n`
      : 'Every target with data was met.\n',
  );
  for (const s of sections)
    for (const note of s.notes ?? []) process.stdout.write(`note (${s.id}): ${note}\n`);
  log(`done in ${((Date.now() - started) / 60_000).toFixed(1)} min`);

  if ((full || values.write) && !values['no-write']) {
    const file = path.join(repoRoot, 'docs/BENCHMARKS.md');
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const text = renderDocs({
      previous,
      machine,
      sections,
      rows,
      table,
      minutes: (Date.now() - started) / 60_000,
    });
    // Formatted with the repo's Prettier config, so `npm run lint` stays green.
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    writeFileSync(file, await prettier.format(text, options));
    log(`wrote ${path.relative(repoRoot, file)}`);
  }
} catch (error) {
  log(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}

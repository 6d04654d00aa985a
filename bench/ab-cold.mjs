// `node bench/ab-cold.mjs --a DIR --b DIR [--runs N]`: one change's effect on the cold start.
// Serves two builds of the console (e.g. `npx vite build --outDir /tmp/a` before a change and
// `… /tmp/b` after it), each on its own port, against one real gateway, and loads each cold N
// times, interleaved (A, B, A, B …), so a slow patch of the machine hits both alike. Prints the
// medians of every phase (DOMContentLoaded, challenge, connect sent, hello-ok, health on screen)
// for A and B and their difference. The issue asks that each step be measured and kept only if
// it pays: this is that measurement.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coldLoad } from './figures/cold-start.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { serveConsole } from './lib/console-server.mjs';
import { ours } from './lib/consoles.mjs';
import { oursUrl, startBenchGateway } from './lib/gateway.mjs';
import { onCleanup, stopAll } from './lib/lifecycle.mjs';
import { median } from './lib/stats.mjs';

const { values } = parseArgs({
  options: { a: { type: 'string' }, b: { type: 'string' }, runs: { type: 'string', default: '9' } },
});
if (!values.a || !values.b) {
  process.stderr.write('usage: node bench/ab-cold.mjs --a DIST_A --b DIST_B [--runs N]\n');
  process.exit(2);
}
const log = (line) => process.stderr.write(`[ab] ${line}\n`);
const PHASES = ['dcl', 'challenge', 'connect', 'hello', 'ready'];

/** One cold load of a build (the cold-start figure's own measurement); resolves with its phases. */
async function phasesOf(browser, gateway, consoleUrl) {
  const url = oursUrl(consoleUrl, gateway, '/');
  return (await coldLoad({ browser, gateway }, url, ours.ready)).phases;
}

try {
  const servers = {};
  for (const [name, dir] of [
    ['A', values.a],
    ['B', values.b],
  ]) {
    const server = await serveConsole(path.resolve(dir), name === 'A' ? 4181 : 4182);
    onCleanup(`console ${name}`, () => server.close());
    servers[name] = server.url;
  }
  const browser = await launchBrowser();
  onCleanup('chromium', () => browser.close());
  const gateway = await startBenchGateway('ab');
  const results = { A: [], B: [] };
  // One uncounted warm-up each: the gateway's first requests and pairing take cold paths.
  for (const url of Object.values(servers)) await phasesOf(browser, gateway, url);
  for (let i = 0; i < Number(values.runs); i++) {
    for (const name of ['A', 'B']) {
      const r = await phasesOf(browser, gateway, servers[name]);
      results[name].push(r);
      log(`${name} #${i + 1}: hello-ok ${r.hello?.toFixed(0)} ms, health ${r.ready.toFixed(0)} ms`);
    }
  }
  const fmt = (v) => (v === undefined ? '  n/a' : `${Math.round(v)}`.padStart(5));
  process.stdout.write(`phase (median ms from navigation start, N = ${values.runs})\n`);
  process.stdout.write(`${'phase'.padEnd(10)}     A      B    B−A\n`);
  for (const phase of PHASES) {
    const a = median(results.A.map((r) => r[phase]));
    const b = median(results.B.map((r) => r[phase]));
    const diff = a === undefined || b === undefined ? undefined : b - a;
    process.stdout.write(`${phase.padEnd(10)} ${fmt(a)}  ${fmt(b)}  ${fmt(diff)}\n`);
  }
} finally {
  await stopAll();
}

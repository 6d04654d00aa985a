#!/usr/bin/env node
// `npm run audit`: `npm audit --omit=dev` with a verdict a person can act on.
//
// Exit 0: the advisory database answered and reports no high or critical issue
// in what ships to the browser. Exit 1: it reports one (listed). Exit 2: the
// database could not be reached (some registry mirrors refuse npm's bulk
// advisory endpoint with 405); then it says so plainly, and lists which
// production packages are behind their newest release, since that is the
// one thing it can still check. It needs the network, so it is not part of `npm test`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs npm and returns its stdout, whatever its exit code (audit exits 1 when it finds something). */
async function npmOut(args) {
  try {
    return (await run(npm, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    return error.stdout ?? '';
  }
}

/** Every production package installed, as name → version (transitive ones too). */
async function productionPackages() {
  const tree = JSON.parse((await npmOut(['ls', '--omit=dev', '--all', '--json'])) || '{}');
  const found = new Map();
  const walk = (deps = {}) => {
    for (const [name, info] of Object.entries(deps)) {
      if (!info.version || found.get(name) === info.version) continue;
      found.set(name, info.version);
      walk(info.dependencies);
    }
  };
  walk(tree.dependencies);
  return found;
}

async function behindLatest(packages) {
  const rows = await Promise.all(
    [...packages].map(async ([name, version]) => {
      const latest = (await npmOut(['view', name, 'version'])).trim();
      return { name, version, latest };
    }),
  );
  return rows.filter((row) => row.latest && row.latest !== row.version);
}

const report = JSON.parse((await npmOut(['audit', '--omit=dev', '--json'])) || '{}');
const counts = report.metadata?.vulnerabilities;
if (counts) {
  const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) =>
    ['high', 'critical'].includes(v.severity),
  );
  console.log(
    `npm audit --omit=dev: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low.`,
  );
  for (const [name, v] of serious) console.log(`  ${v.severity}: ${name} ${v.range}`);
  if (serious.length) {
    console.log('Fix: upgrade the packages above (npm audit fix --omit=dev), then run this again.');
    process.exit(1);
  }
  console.log('No high or critical issue in the production dependencies.');
  process.exit(0);
}

const reason = report.message ?? report.error?.summary ?? 'no answer';
console.log(`The npm advisory database could not be reached: ${reason}`);
console.log('So this run cannot say whether any advisory applies. Run it again where');
console.log('registry.npmjs.org (or a registry that serves its audit endpoint) is reachable.');
const packages = await productionPackages();
const behind = await behindLatest(packages);
console.log(
  `Meanwhile: ${packages.size - behind.length} of ${packages.size} production packages are at their newest release.`,
);
for (const row of behind)
  console.log(`  behind: ${row.name} ${row.version} (newest ${row.latest})`);
process.exit(2);

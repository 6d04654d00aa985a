// Installs the runtime a real OpenClaw gateway needs: Node 24 (the machine has
// Node 20, current gateways refuse to start on it) and a pinned openclaw
// package, each in its own folder under <repo>/.openclaw/ so nothing leaks
// into the repo's own node_modules.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where every installed runtime and every gateway's state lives (git-ignored). */
export const openclawDir = path.join(repoRoot, '.openclaw');

// Pinned so every machine runs the gateway on the same Node; the npm package
// `node` downloads the matching binary from the npm registry in its preinstall.
const NODE_VERSION = '24.21.0';

// Written only after npm succeeds (holding the spec), so an interrupted or
// outdated install is redone.
const MARKER = '.installed';

/** Installs (or reuses) Node 24 and openclaw@version; returns the paths to run the gateway. */
export async function ensureRuntime(version = '2026.9.6') {
  const nodeDir = path.join(openclawDir, 'node24');
  const nodeBin = path.join(nodeDir, 'node_modules/node/bin/node');
  await ensurePackage(nodeDir, `node@${NODE_VERSION}`, nodeBin, process.env.PATH);

  const clawDir = path.join(openclawDir, `openclaw-${version}`);
  const openclawEntry = path.join(clawDir, 'node_modules/openclaw/openclaw.mjs');
  // Node 24 first on PATH: npm's shebang and openclaw's install scripts
  // (which check the Node version) must run on it, not on the machine's Node 20.
  const pathWithNode24 = `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`;
  await ensurePackage(clawDir, `openclaw@${version}`, openclawEntry, pathWithNode24);

  return { nodeBin, openclawEntry, stagesPluginDeps: stagesPluginDeps(openclawEntry) };
}

// 2026.4.x ships `dist/bundled-runtime-deps-*.js`: at startup and on the first
// agent run it npm-installs its bundled plugins' dependencies (over 1 GB, one
// of them from a GitHub git URL). Current releases ship them installed.
function stagesPluginDeps(openclawEntry) {
  const dist = path.join(path.dirname(openclawEntry), 'dist');
  return readdirSync(dist).some((name) => name.startsWith('bundled-runtime-deps-'));
}

// Installs in flight in this process, so parallel callers share one install.
const installing = new Map();

function ensurePackage(dir, spec, entry, PATH) {
  if (!installing.has(dir)) {
    const done = withLock(dir, () => installPackage(dir, spec, entry, PATH));
    installing.set(dir, done);
    done.finally(() => installing.delete(dir)).catch(() => {});
  }
  return installing.get(dir);
}

async function installPackage(dir, spec, entry, PATH) {
  const marker = path.join(dir, MARKER);
  if (
    existsSync(entry) &&
    existsSync(marker) &&
    readFileSync(marker, 'utf8').startsWith(`${spec} `)
  )
    return;
  log(`installing ${spec} into ${path.relative(repoRoot, dir)}/ …`);
  const started = Date.now();
  // Start clean: a half-finished node_modules can confuse npm.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), '{"private":true}\n');
  // npm prints nothing for minutes when not on a terminal: say that it is still working.
  const ticker = setInterval(
    () =>
      log(
        `still installing ${spec}: ${Math.round((Date.now() - started) / 1000)} s so far (a first install takes 1 to 4 minutes on 2 cores)`,
      ),
    15_000,
  );
  try {
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: dir, PATH });
  } finally {
    clearInterval(ticker);
  }
  if (!existsSync(entry)) throw new Error(`npm installed ${spec} but ${entry} is missing`);
  await writeFile(marker, `${spec} ${new Date().toISOString()}\n`);
  log(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Other processes (a second test worker, `npm start`) may install the same
// folder at the same moment; mkdir is atomic, so a `<dir>.lock` folder serializes them.
async function withLock(dir, fn) {
  const lock = `${dir}.lock`;
  await mkdir(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than any install is left over from a killed process.
      const age =
        Date.now() -
        (await stat(lock).then(
          (s) => s.mtimeMs,
          () => Date.now(),
        ));
      if (age > 15 * 60_000) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function run(cmd, args, { cwd, PATH }) {
  return new Promise((resolve, reject) => {
    // npm's output goes to stderr so a caller's stdout (e.g. cli.mjs's JSON line) stays clean.
    const child = spawn(cmd, args, { cwd, env: { ...process.env, PATH }, stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? code}) in ${cwd}`)),
    );
  });
}

function log(line) {
  process.stderr.write(`[openclaw runtime] ${line}\n`);
}

// `node harness/gateway/runtime.mjs [version]` installs ahead of time (e.g. in CI).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const paths = await ensureRuntime(process.argv[2]);
  process.stdout.write(`${JSON.stringify(paths)}\n`);
}

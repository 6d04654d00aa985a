// Starts a real OpenClaw gateway for tests: isolated state under
// <repo>/.openclaw/run/<name>/, loopback only, token auth, talking to the fake
// model server. The gateway runs in its own process group so stop() can take
// its children down too, and a watchdog kills the group if this process dies.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { startModelServer, modelIds } from './model-server.mjs';
import { ensureRuntime, openclawDir } from './runtime.mjs';
import { buildConfig } from './config.mjs';

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

/** Starts a gateway (and a model server unless one is given); resolves once /readyz answers 200. */
export async function startGateway({
  version = '2026.9.6',
  port = 0,
  token = randomBytes(24).toString('hex'),
  name,
  allowedOrigins = [],
  modelServer,
  controlUiRoot,
  controlUiBasePath,
  modelCost,
  execAsk = false,
  telegram,
} = {}) {
  const runtime = await ensureRuntime(version);
  const model = modelServer ?? (await startModelServer());
  const ownsModel = !modelServer;
  port = port || (await freePort());
  const runDir = path.join(openclawDir, 'run', name ?? `gw-${port}`);
  const dirs = {
    home: path.join(runDir, 'home'),
    tmp: path.join(runDir, 'tmp'),
    state: path.join(runDir, 'state'),
    workspace: path.join(runDir, 'workspace'),
  };
  const configPath = path.join(runDir, 'openclaw.json');
  const logFile = path.join(runDir, 'gateway.log');
  // Fresh state per handle; stop()/start() below keep it.
  await rm(runDir, { recursive: true, force: true });
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });

  let origins = [...allowedOrigins];
  const writeConfig = () => {
    const config = buildConfig({
      version,
      port,
      token,
      modelUrl: model.url,
      modelIds,
      workspace: dirs.workspace,
      allowedOrigins: origins,
      logFile: path.join(runDir, 'openclaw.log'),
      controlUiRoot,
      controlUiBasePath,
      modelCost,
      execAsk,
      telegram,
    });
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  };
  writeConfig();

  const env = gatewayEnv(runtime, { ...dirs, configPath });
  let proc; // { child, exited, watchdog } while running

  const handle = {
    version,
    port,
    url: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    token,
    stateDir: dirs.state,
    runDir,
    configPath,
    logFile,
    modelServer: model,
    pid: undefined,
    /** Starts the gateway process (again) on the same port and state. */
    async start() {
      if (proc && proc.child.exitCode === null && proc.child.signalCode === null) return;
      await handle.stop(); // reap a gateway that died on its own
      proc = launch(runtime, { port, token, env, cwd: runDir, logFile });
      handle.pid = proc.child.pid;
      live.add(proc);
      try {
        await waitReady(handle.httpUrl, proc, logFile);
      } catch (error) {
        await handle.stop(); // never leave a half-started gateway behind
        throw error;
      }
    },
    /** Stops the gateway and its children: SIGTERM to the group, SIGKILL after 10 s. */
    async stop() {
      if (!proc) return;
      const current = proc;
      proc = undefined;
      await terminate(current);
      live.delete(current);
    },
    /** Stops and starts again, same port, token and state. */
    async restart() {
      await handle.stop();
      await handle.start();
    },
    /** Rewrites gateway.controlUi.allowedOrigins and resolves once the running gateway has applied it. */
    async setAllowedOrigins(list) {
      const unchanged = JSON.stringify(list) === JSON.stringify(origins);
      origins = [...list];
      if (!proc) return writeConfig();
      // An unchanged file triggers no reload, so there would be nothing to wait for.
      if (!unchanged) await applyConfigChange(logFile, writeConfig);
    },
    /** Stops the gateway and, if this handle started it, the model server; an unnamed run folder is deleted. */
    async close() {
      await handle.stop();
      if (ownsModel) await model.close();
      // Named folders stay for post-mortems and are wiped on their next start;
      // gw-<port> ones would only pile up (~100 MB each).
      if (!name) await rm(runDir, { recursive: true, force: true });
    },
  };
  try {
    await handle.start();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function gatewayEnv({ nodeBin, stagesPluginDeps }, { home, tmp, state, configPath }) {
  // Drop inherited OPENCLAW_* settings (a developer's own token, profile…) for isolation.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('OPENCLAW_')),
  );
  return {
    ...inherited,
    PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
    HOME: home,
    OPENCLAW_HOME: home,
    TMPDIR: tmp,
    OPENCLAW_STATE_DIR: state,
    OPENCLAW_CONFIG_PATH: configPath,
    // Offline and quiet: no mDNS, no update checks, no browser/canvas side servers.
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_OFFLINE: '1',
    OPENCLAW_SKIP_BROWSER_CONTROL_SERVER: '1',
    OPENCLAW_SKIP_CANVAS_HOST: '1',
    NO_COLOR: '1',
    // 2026.4.x would npm-install its plugins' dependencies at startup (over
    // 1 GB, one from a GitHub git URL: fails offline). Without bundled plugins
    // it starts in seconds and serves protocol 3, but an agent run ends at once
    // with a "⚠️ Agent failed before reply" final message.
    ...(stagesPluginDeps && { OPENCLAW_DISABLE_BUNDLED_PLUGINS: '1' }),
  };
}

function launch({ nodeBin, openclawEntry }, { port, token, env, cwd, logFile }) {
  const fd = openSync(logFile, 'a');
  writeFileSync(fd, `\n=== gateway start ${new Date().toISOString()} ===\n`);
  const args = [
    openclawEntry,
    'gateway',
    'run',
    '--port',
    String(port),
    '--bind',
    'loopback',
    '--auth',
    'token',
    '--token',
    token,
  ];
  // detached: its own process group, so one kill(-pid) reaches every child.
  const child = spawn(nodeBin, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, watchdog: startWatchdog(child.pid) };
}

// A tiny Node process holding a pipe from us: when the pipe closes because we
// died (even by SIGKILL, where no exit handler runs) it kills the gateway group.
function startWatchdog(pgid) {
  const code = `process.stdin.resume();process.stdin.on("close",()=>{try{process.kill(-${pgid},"SIGKILL")}catch{}process.exit(0)})`;
  const watchdog = spawn(process.execPath, ['-e', code], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  watchdog.stdin.unref?.();
  watchdog.stdin.on('error', () => {});
  return watchdog;
}

async function waitReady(httpUrl, { child, exited }, logFile) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let early;
  exited.then((info) => (early = info));
  while (Date.now() < deadline) {
    if (early)
      throw new Error(
        `gateway exited before ready (${early.signal ?? early.code})\n${logTail(logFile)}`,
      );
    try {
      const res = await fetch(`${httpUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(
    `gateway pid ${child.pid} not ready after ${READY_TIMEOUT_MS / 1000} s\n${logTail(logFile)}`,
  );
}

async function terminate({ child, exited, watchdog }) {
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  // The leader is gone; take down anything it left behind in its group.
  killGroup(child.pid, 'SIGKILL');
  watchdog.kill('SIGKILL');
}

// 2026.9.6 applies allowedOrigins in place ("config hot reload applied");
// 2026.4.29 restarts itself in-process (same pid) and logs "ready" again.
async function applyConfigChange(logFile, writeConfig) {
  const before = readFileSync(logFile, 'utf8').length;
  writeConfig();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const added = readFileSync(logFile, 'utf8').slice(before);
    if (/config hot reload applied/.test(added)) return;
    if (/requires gateway restart[\s\S]*\[gateway\] ready/.test(added)) return;
    await sleep(100);
  }
  throw new Error(`gateway did not apply the config change within 30 s\n${logTail(logFile)}`);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: already gone
  }
}

function logTail(logFile, lines = 40) {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Finds a free TCP port on 127.0.0.1 by binding port 0 and closing again. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every running gateway of this process, so an exit or a signal never leaves one behind.
const live = new Set();
process.on('exit', () => {
  for (const { child } of live) killGroup(child.pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    // A caller with its own handler (cli.mjs) stops gracefully; the exit hook is the backstop.
    if (process.listenerCount(signal) > 0) return;
    for (const { child } of live) killGroup(child.pid, 'SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

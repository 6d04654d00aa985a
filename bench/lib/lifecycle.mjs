// Everything the bench starts is registered here so it is stopped again on
// success, on a thrown error and on Ctrl+C alike; and the bench waits for
// other people's end-to-end runs to finish, since two heavy loads on a
// 2-core machine would distort both.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const cleanups = [];

/** Registers an async stop function; they run last-in first-out by stopAll(). */
export function onCleanup(name, fn) {
  const entry = { name, fn };
  cleanups.push(entry);
  // Lets a caller stop one thing early and drop it from the list.
  return async () => {
    const index = cleanups.indexOf(entry);
    if (index < 0) return;
    cleanups.splice(index, 1);
    await fn();
  };
}

/** Stops everything registered, newest first; one failure does not stop the rest. */
export async function stopAll() {
  while (cleanups.length) {
    const { name, fn } = cleanups.pop();
    try {
      await withTimeout(fn(), 30_000, `stopping ${name}`);
    } catch (error) {
      process.stderr.write(`[bench] could not stop ${name}: ${error.message}\n`);
    }
  }
}

// Ctrl+C or a kill: stop what we started before exiting. The gateway harness
// also kills its process groups from its own exit hook as a backstop.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n[bench] ${signal}: stopping everything the bench started…\n`);
    stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

/** Rejects when a promise takes longer than ms. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    Promise.resolve(promise).finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

/** Whether a `playwright test` process (another engineer's e2e run) is running. */
export async function e2eRunning() {
  try {
    // Asynchronous, so polling never stalls the bench's own timing work.
    const { stdout } = await promisify(execFile)('ps', ['-eo', 'args=']);
    // Only the Node process that runs the tests: a `flock … playwright test` still queued for a
    // lock this bench holds would otherwise make it wait for itself.
    return stdout.split('\n').some((line) => /^\S*node\s.*playwright\S*\s+test\b/.test(line));
  } catch {
    return false;
  }
}

/** Polls every 5 s while a figure runs; `overlapped` turns true if an e2e run showed up. */
export function watchE2e() {
  const state = { overlapped: false };
  const timer = setInterval(() => {
    void e2eRunning().then((running) => {
      if (running) state.overlapped = true;
    });
  }, 5000);
  state.stop = () => clearInterval(timer);
  return state;
}

/** Waits (polling) until no end-to-end run is going; gives up after maxWaitMs. */
export async function waitForQuietMachine({ maxWaitMs = 60 * 60_000, log = () => {} } = {}) {
  const deadline = Date.now() + maxWaitMs;
  let told = false;
  while (await e2eRunning()) {
    if (Date.now() > deadline) throw new Error('an end-to-end run is still going; try later');
    if (!told) log('an end-to-end run (playwright test) is going; waiting for it to finish…');
    told = true;
    await sleep(15_000);
  }
  // A run that just ended may leave its gateway stopping for a few seconds.
  if (told) await sleep(10_000);
}

/** Resolves after ms. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

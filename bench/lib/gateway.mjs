// The gateways the bench talks to: a real openclaw gateway from the e2e
// harness (named bench-* so it never collides with e2e-* or demo), a Node
// operator client for driving it, and the URLs both consoles open.
import { readdir, readFile } from 'node:fs/promises';
import { startGateway } from '../../harness/gateway/gateway.mjs';
import { connectGateway, chatRun } from '../../harness/gateway/client.mjs';
import { onCleanup } from './lifecycle.mjs';

/** Starts a real gateway named bench-<name>; it is closed by stopAll() unless closed first. */
export async function startBenchGateway(name) {
  const gateway = await startGateway({ name: `bench-${name}` });
  const close = onCleanup(`gateway bench-${name}`, () => gateway.close());
  return Object.assign(gateway, { closeNow: close });
}

/** Connects a Node operator client (admin scopes); closed by stopAll() unless closed first. */
export async function operatorClient(gateway) {
  const client = await connectGateway(gateway.url, { token: gateway.token });
  onCleanup('operator client', () => client.close());
  return client;
}

/** Our console's URL for a gateway: the fragment connects at once (path = a route, e.g. /sessions/…). */
export function oursUrl(consoleUrl, gateway, path = '/') {
  const fragment = new URLSearchParams({ gateway: gateway.url, token: gateway.token });
  return `${consoleUrl}${path}#${fragment}`;
}

/** Our console's route for a session. */
export function oursSessionPath(sessionKey) {
  return `/sessions/${encodeURIComponent(sessionKey)}`;
}

/** The built-in Control UI's URL (served by the gateway) with its own #token= handoff. */
export function controlUiUrl(gateway, path = '/', gatewayUrl) {
  const fragment = new URLSearchParams({ token: gateway.token });
  // #gatewayUrl= points the Control UI at another gateway (the fake one).
  if (gatewayUrl) fragment.set('gatewayUrl', gatewayUrl);
  return `${gateway.httpUrl}${path}#${fragment}`;
}

/**
 * The Control UI's route for a session key agent:<agent>:<a>:<b>…: its
 * literal-key form, one path segment per colon-separated part (keys with two or
 * more parts after the agent id are always read literally).
 */
export function controlUiSessionPath(sessionKey) {
  const [, agentId, ...rest] = sessionKey.split(':');
  return `/chat/${agentId}/${rest.map(encodeURIComponent).join('/')}`;
}

/** Sends `reply:<text>` and waits for the run to finish (creates the session if it is new). */
export async function replyTurn(client, sessionKey, text) {
  const run = await chatRun(client, `reply:${text}`, { sessionKey, timeoutMs: 120_000 });
  if (run.last?.state !== 'final') throw new Error(`seed turn ended ${run.last?.state}`);
  return run;
}

/** Starts a chat run without waiting for it; resolves with its runId once accepted. */
export async function startRun(client, sessionKey, message) {
  const started = await client.request('chat.send', {
    sessionKey,
    message,
    idempotencyKey: crypto.randomUUID(),
  });
  return started.runId;
}

/** Aborts a run and waits for its terminal chat event (aborted, final or error). */
export async function abortRun(client, sessionKey, runId) {
  const done = client
    .waitForEvent(
      (f) =>
        f.event === 'chat' &&
        f.payload?.runId === runId &&
        ['aborted', 'final', 'error'].includes(f.payload?.state),
      60_000,
    )
    .catch(() => undefined);
  await client.request('chat.abort', { sessionKey, runId }).catch(() => undefined);
  await done;
}

/** CPU seconds used so far by the gateway's process group (Linux /proc). */
async function groupCpuSeconds(pgid) {
  let ticks = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command: state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * Waits until the gateway has used under `below` of a core for two half-second
 * samples in a row (30 s at most). Some requests make it busy in the background
 * for a while (the Control UI's visits start work of their own), and whatever is
 * measured next would otherwise queue behind that. Resolves with the ms waited.
 */
export async function waitGatewayIdle(gateway, { below = 0.05, maxMs = 30_000 } = {}) {
  if (!gateway.pid || process.platform !== 'linux') return 0;
  const started = Date.now();
  const deadline = started + maxMs;
  let last = await groupCpuSeconds(gateway.pid);
  let quiet = 0;
  while (Date.now() < deadline && quiet < 2) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await groupCpuSeconds(gateway.pid);
    quiet = (now - last) / 0.5 < below ? quiet + 1 : 0;
    last = now;
  }
  return Date.now() - started;
}

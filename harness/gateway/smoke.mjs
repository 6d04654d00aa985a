// Smoke check of the harness against real gateways, runnable by hand:
//   node harness/gateway/smoke.mjs                      # 2026.9.6 in full, then 2026.4.29's handshake
//   node harness/gateway/smoke.mjs --version 2026.9.6   # just one version
// Prints what it saw; exit code 0 when every check passed.
import { readFileSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chatRun, connectGateway, createDevice, messageText } from './client.mjs';
import { compareVersions } from './config.mjs';
import { startGateway } from './gateway.mjs';

let failures = 0;
function check(ok, what, detail = '') {
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}`);
}

// Resident memory of the gateway's whole process group (it spawns workers), from /proc.
function groupRssMb(pgid) {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return Math.round(kb / 1024);
}

async function readyz(gw) {
  try {
    return (await fetch(`${gw.httpUrl}/readyz`, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 'down';
  }
}

async function current(version) {
  let t = Date.now();
  const gw = await startGateway({ version, name: 'smoke-current' });
  console.log(
    `# ${version} ready in ${Date.now() - t} ms on ${gw.url} (pid ${gw.pid}), RSS ${groupRssMb(gw.pid)} MB`,
  );
  try {
    const client = await connectGateway(gw.url, { token: gw.token });
    const { hello } = client;
    check(
      hello.protocol === 4,
      'hello-ok protocol 4',
      `server ${hello.server?.version}, scopes ${hello.auth?.scopes?.join(',')}`,
    );

    const echo = await chatRun(client, 'hello');
    const deltas = echo.events.filter((e) => e.state === 'delta').length;
    check(
      echo.last.state === 'final' && messageText(echo.last.message) === 'Echo: hello',
      "chat hello → final 'Echo: hello'",
      `${deltas} deltas, states ${echo.events.map((e) => e.state).join(' ')}`,
    );
    check(deltas >= 2, 'several deltas');

    const second = await chatRun(client, 'second message');
    check(
      messageText(second.last.message) === 'Echo: second message',
      'a second turn echoes only the new text',
      messageText(second.last.message),
    );

    const failed = await chatRun(client, 'please fail400', {
      sessionKey: 'agent:main:smoke-error',
    });
    check(failed.last.state === 'error', 'fail400 → error state', failed.last.errorMessage);

    const exact = await chatRun(client, 'reply: Exactly *this*.', {
      sessionKey: 'agent:main:smoke-reply',
    });
    check(
      messageText(exact.last.message) === 'Exactly *this*.',
      'reply: → exact text',
      messageText(exact.last.message),
    );

    const key = 'agent:main:smoke-model';
    await client.request('sessions.patch', { key, model: 'fake/other-model' });
    const switched = await chatRun(client, 'hi there', { sessionKey: key });
    check(
      messageText(switched.last.message) === '[other-model] Echo: hi there',
      'model switch visible',
      messageText(switched.last.message),
    );

    t = Date.now();
    const aborted = await chatRun(client, 'slow please', {
      sessionKey: 'agent:main:smoke-abort',
      onStarted: ({ runId }) =>
        client
          .waitForEvent(
            (f) => f.event === 'chat' && f.payload.runId === runId && f.payload.state === 'delta',
          )
          .then(() =>
            client.request('chat.abort', { sessionKey: 'agent:main:smoke-abort', runId }),
          ),
    });
    check(
      aborted.last.state === 'aborted',
      'slow + chat.abort → aborted',
      `after ${Date.now() - t} ms, text so far ${JSON.stringify(messageText(aborted.last.message)).slice(0, 40)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    check(gw.modelServer.activeStreams === 0, 'abort hung up on the model stream');

    await originCheck(gw, client);
    await client.close();
    console.log(`# RSS after these runs: ${groupRssMb(gw.pid)} MB`);

    await gw.stop();
    check((await readyz(gw)) === 'down', 'stop() → readyz down');
    t = Date.now();
    await gw.start();
    check(
      (await readyz(gw)) === 200,
      'start() → readyz 200 again',
      `${Date.now() - t} ms, same port ${gw.port}`,
    );
    const again = await connectGateway(gw.url, { token: gw.token });
    const history = await again.request('chat.history', {
      sessionKey: 'agent:main:main',
      limit: 10,
    });
    check(
      history.messages?.some((m) => messageText(m) === 'Echo: hello'),
      'state kept across stop()/start()',
      `${history.messages?.length} messages in history`,
    );
    await again.close();
  } finally {
    await gw.close();
  }
}

// A non-loopback origin: refused, then allowed by a hot-reloaded config, then
// (being remote) it must be paired, which an admin connection approves.
async function originCheck(gw, admin) {
  const origin = 'https://console.example';
  const device = createDevice(); // one key throughout, so the last attempt is the approved one
  const attempt = () =>
    connectGateway(gw.url, { token: gw.token, origin, device }).then(
      (c) => (c.close(), 'ok'),
      (e) => e,
    );
  const refused = await attempt();
  check(refused.code === 'CONTROL_UI_ORIGIN_NOT_ALLOWED', 'foreign origin refused', refused.code);
  await gw.setAllowedOrigins([origin]);
  const pairing = await attempt();
  check(
    pairing.code === 'PAIRING_REQUIRED' || pairing === 'ok',
    'allowed origin reaches pairing',
    pairing.code ?? pairing,
  );
  if (pairing.details?.requestId)
    await admin.request('device.pair.approve', { requestId: pairing.details.requestId });
  check((await attempt()) === 'ok', 'allowed + approved origin connects');
  await gw.setAllowedOrigins([]);
}

async function legacy(version) {
  const t = Date.now();
  const gw = await startGateway({ version, name: 'smoke-legacy' });
  console.log(
    `# ${version} ready in ${Date.now() - t} ms on ${gw.url} (pid ${gw.pid}), RSS ${groupRssMb(gw.pid)} MB`,
  );
  try {
    const refused = await connectGateway(gw.url, { token: gw.token, protocol: 4 }).catch((e) => e);
    check(
      refused.details?.expectedProtocol === 3,
      'offering 4 → refused, expects 3',
      `${refused.code}: ${refused.message} ${JSON.stringify(refused.details)}`,
    );
    const client = await connectGateway(gw.url, { token: gw.token, protocol: 3 });
    check(
      client.hello.protocol === 3,
      'hello-ok protocol 3',
      `server ${client.hello.server?.version}, scopes ${client.hello.auth?.scopes?.join(',')}`,
    );
    const health = await client.request('health');
    check(
      health?.ok !== false,
      'health answers',
      Object.keys(health ?? {})
        .slice(0, 6)
        .join(','),
    );
    const closed = new Promise((resolve) => client.ws.once('close', (code) => resolve(code)));
    const origin = 'https://console.example';
    await gw.setAllowedOrigins([origin]); // 2026.4.29 restarts itself in-process for this
    const viaOrigin = await connectGateway(gw.url, { token: gw.token, protocol: 3, origin }).then(
      (c) => (c.close(), 'ok'),
      (e) => e.code ?? e.message,
    );
    check(viaOrigin !== 'CONTROL_UI_ORIGIN_NOT_ALLOWED', 'setAllowedOrigins applied', viaOrigin);
    const code = await closed;
    check(code === 1012, 'that restart closes connected clients with 1012', `close ${code}`);
    // Known limit: without its bundled plugins 2026.4.29 cannot run the agent.
    const again = await connectGateway(gw.url, { token: gw.token, protocol: 3 });
    const run = await chatRun(again, 'hello');
    console.log(
      `info chat on ${version}: ${run.last.state} ${JSON.stringify(messageText(run.last.message))}`,
    );
    await again.close();
    await client.close();
  } finally {
    await gw.close();
  }
}

const { values } = parseArgs({ options: { version: { type: 'string' } } });
const versions = values.version ? [values.version] : ['2026.9.6', '2026.4.29'];
try {
  for (const version of versions) {
    await (compareVersions(version, '2026.5.0') >= 0 ? current(version) : legacy(version));
  }
} catch (error) {
  failures++;
  console.log(`FAIL ${error.stack ?? error}`);
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);

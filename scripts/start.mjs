// `npm start`: builds the console, serves it, and makes sure there is a gateway to
// talk to. With no --gateway and nothing answering at 127.0.0.1:18789, it starts
// the local demo gateway (a real openclaw gateway with a scripted model) and
// prints a link that opens the console already connected to it.
import { build, preview } from 'vite';
import { parseArgs } from 'node:util';
import { startGateway } from '../harness/gateway/gateway.mjs';
import { securityHeaders } from '../csp.config.js';
import { consoleServerPlugin, createHandoff } from './handoff.mjs';

const DEFAULT_GATEWAY = 'ws://127.0.0.1:18789';

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: process.env.OPENCLAW_GATEWAY_URL },
    host: { type: 'string', default: '127.0.0.1' },
    lan: { type: 'boolean', default: false },
    port: { type: 'string', default: '4173' },
    demo: { type: 'boolean', default: false },
    'any-gateway': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm start -- [--gateway ws://host:port] [--lan] [--host H] [--port P] [--demo]

  --gateway URL  the gateway to open the console against (default: ${DEFAULT_GATEWAY},
                 or a local demo gateway when nothing answers there)
  --lan          serve on every interface so others on the LAN can open it
  --demo         always start the demo gateway
  --port P       the console's port (default 4173)
  --any-gateway  let the page connect to gateways other than --gateway (CSP connect-src)`);
  process.exit(0);
}

/** Whether an OpenClaw gateway answers its readiness probe at this ws:// URL. */
async function gatewayAnswers(wsUrl) {
  const http = wsUrl.replace(/^ws/, 'http').replace(/\/$/, '');
  try {
    const response = await fetch(`${http}/readyz`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    return false;
  }
}

let demo;
let gatewayUrl = values.gateway;
if (!values.demo && !gatewayUrl && (await gatewayAnswers(DEFAULT_GATEWAY)))
  gatewayUrl = DEFAULT_GATEWAY;
if (values.demo || !gatewayUrl) {
  console.log(
    values.demo
      ? 'Starting the local demo gateway (--demo)…'
      : `No gateway answers at ${DEFAULT_GATEWAY}: starting the local demo gateway…`,
  );
  console.log(
    'The first run installs Node 24 and openclaw (about 650 MB) into .openclaw/: 1 to 4 minutes on 2 cores; later starts take about 15 seconds.',
  );
  demo = await startGateway({ name: 'demo', port: values.demo ? 0 : 18789 }).catch(() =>
    startGateway({ name: 'demo' }),
  );
  gatewayUrl = demo.url;
  console.log(`Demo gateway: openclaw ${demo.version} at ${demo.url} (model: scripted local fake)`);
}

console.log('Building the console…');
await build({ logLevel: 'warn' });
const host = values.lan ? '0.0.0.0' : values.host;
// The served page may talk to this gateway only, unless the operator wants to switch gateways in it.
const connectSrc = values['any-gateway'] ? undefined : `'self' ${gatewayUrl}`;
const shown = values.lan ? '<this machine’s LAN address>' : host;
// The printed link carries a one-time code, never the token: the page trades it for the token
// with a same-origin POST, so no URL (and no browser history) ever holds the secret.
const handoff = demo ? createHandoff({ token: demo.token }) : undefined;
function link() {
  const fragment = new URLSearchParams({ gateway: gatewayUrl });
  if (handoff) fragment.set('code', handoff.mint());
  return `http://${shown}:${values.port}/#${fragment}`;
}
const server = await preview({
  plugins: [
    consoleServerPlugin({
      gateways: [gatewayUrl],
      anyGateway: values['any-gateway'],
      handoff,
      onUnusableCode: () =>
        console.log(`\nA used or expired link was opened. A fresh one-time link:\n\n  ${link()}\n`),
    }),
  ],
  preview: {
    host,
    port: Number(values.port),
    strictPort: true,
    headers: securityHeaders(connectSrc),
  },
});

const once = handoff ? ' (the link signs in once, within 10 minutes)' : '';
console.log(`\nOpenClaw Console is running. Open${once}:\n\n  ${link()}\n`);
if (!demo)
  console.log('Enter the gateway token in the connect form (it is never put in a URL you share).');
if (values.lan)
  console.log(
    'Serving to the LAN: the gateway must list this page’s origin in gateway.controlUi.allowedOrigins; the console tells you the exact value if it is refused.',
  );
console.log('Press Ctrl+C to stop.');

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await new Promise((resolve) => server.httpServer.close(resolve));
  await demo?.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

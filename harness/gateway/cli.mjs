// Runs a model server and a real gateway until interrupted; the demo gateway of
// `npm start` and a handy one for manual testing:
//   node harness/gateway/cli.mjs [--version 2026.9.6] [--port 18789] [--token T] [--allow-origin URL]...
// Prints one JSON line on stdout once ready: {"url","httpUrl","token","version","pid"}.
// Everything else (install progress, errors) goes to stderr.
import { parseArgs } from 'node:util';
import { startGateway } from './gateway.mjs';

const { values } = parseArgs({
  options: {
    version: { type: 'string', default: '2026.9.6' },
    port: { type: 'string', default: '0' },
    token: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true, default: [] },
  },
});

const gateway = await startGateway({
  version: values.version,
  port: Number(values.port),
  token: values.token,
  allowedOrigins: values['allow-origin'],
}).catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});

const { url, httpUrl, token, version, pid } = gateway;
process.stdout.write(`${JSON.stringify({ url, httpUrl, token, version, pid })}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  // `on`, not `once`: gateway.mjs then leaves the graceful stop to us.
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[gateway cli] ${signal}: stopping\n`);
    try {
      await gateway.close();
    } finally {
      process.exit(0);
    }
  });
}

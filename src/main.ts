import './app.css';
import { initConnection } from './lib/stores/gateway-choice';
import { afterFirstView } from './lib/stores/lazy-watch';
import { platform, servingGateway } from './lib/stores/platform';
import { router } from './lib/stores/router';
import { connectOnItsWay, handshakeDone } from './lib/stores/start-order';
import { viewChunkFor } from './views/lazy-views';

/** The longest a cold start keeps the app back for the handshake, when the gateway is slow. */
const START_WAIT_MS = 400;

// Two chunks, both fetched at once (index.html preloads them): this module's static imports (the
// connection's modules), then the app (the Svelte runtime, the shell, the first view). The app is
// evaluated and rendered only in the gaps of the handshake: the challenge is answered on a free
// main thread, the app is evaluated while the gateway prepares hello-ok, and it is rendered once
// hello-ok is in (or the gateway is slow: never later than START_WAIT_MS after this point).
const framed = platform().isFramed();
const deadline = Date.now() + START_WAIT_MS;
const timeLeft = () => Math.max(0, deadline - Date.now());

// Inside another page's frame the console neither connects nor offers actions (App says why):
// the servers we ship refuse framing by header, this guards hosts that do not.
if (!framed) {
  // Default to the gateway that served the page, when one did; else a gateway on the host that
  // served the console: right for loopback and LAN alike.
  const aimed = initConnection(
    servingGateway() ?? `ws://${location.hostname || '127.0.0.1'}:18789`,
  );
  // A start-up link first asks the serving server about its gateway (one local request).
  // (A failure to start must never keep the page from rendering: it is logged, not thrown.)
  const settled = aimed.catch((error: unknown) => console.error('Connection start failed', error));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, timeLeft()))]);
  await connectOnItsWay(timeLeft());
}

const appModule = import('./app-mount');
// A page opened at its own address (a bookmark, a reload, a shared link) fetches its view's chunk
// beside the app's, instead of after it.
// A failure here is the view's to report when App asks for the same chunk; not twice.
void viewChunkFor(router.get()?.route)?.().catch(() => undefined);
const { mountApp } = await appModule;
if (!framed) await handshakeDone(timeLeft());
mountApp(document.getElementById('app')!);

// The app shell is kept for offline starts; a new deploy is offered, never forced. The worker's
// first install fetches every chunk: it waits until the first view is live, not to compete with it.
void afterFirstView().then(() =>
  import('./lib/stores/app-update').then(({ watchForUpdates }) => watchForUpdates()),
);

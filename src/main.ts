import './app.css';
import { initConnection } from './lib/stores/gateway-choice';
import { afterFirstView } from './lib/stores/lazy-watch';
import { platform, servingGateway } from './lib/stores/platform';
import { router } from './lib/stores/router';
import { viewChunkFor } from './views/lazy-views';

// Two chunks, fetched in parallel (index.html preloads both): this module's static imports (the
// connection's modules), so the socket opens and the handshake runs while the views and the
// Svelte runtime are still being evaluated; then the app.
const appModule = import('./app-mount');
// A page opened at its own address (a bookmark, a reload, a shared link) fetches its view's chunk
// beside the app's, instead of after it.
// A failure here is the view's to report when App asks for the same chunk; not twice.
void viewChunkFor(router.get()?.route)?.().catch(() => undefined);

// Inside another page's frame the console neither connects nor offers actions (App says why):
// the servers we ship refuse framing by header, this guards hosts that do not.
if (!platform().isFramed()) {
  // Default to the gateway that served the page, when one did; else a gateway on the host that
  // served the console: right for loopback and LAN alike.
  const aimed = initConnection(
    servingGateway() ?? `ws://${location.hostname || '127.0.0.1'}:18789`,
  );
  // A start-up link first asks the serving server about its gateway (one local request): let
  // the socket open before the first render takes the main thread, but never wait long for it.
  // (A failure to start must never keep the page from rendering: it is logged, not thrown.)
  const settled = aimed.catch((error: unknown) => console.error('Connection start failed', error));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 50))]);
}

(await appModule).mountApp(document.getElementById('app')!);
// The app shell is kept for offline starts; a new deploy is offered, never forced. The worker's
// first install fetches every chunk: it waits until the first view is live, not to compete with it.
void afterFirstView().then(() =>
  import('./lib/stores/app-update').then(({ watchForUpdates }) => watchForUpdates()),
);

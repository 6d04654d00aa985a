import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { watchForUpdates } from './lib/stores/app-update';
import { initConnection } from './lib/stores/gateway-choice';
import { platform, servingGateway } from './lib/stores/platform';

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

mount(App, { target: document.getElementById('app')! });
// The app shell is kept for offline starts; a new deploy is offered, never forced.
watchForUpdates();

// The console's service worker: the app shell only (index.html and the built assets), so the
// console opens at once and works offline as far as it can. It never caches gateway data,
// credentials or anything but same-origin GETs of the shell: the console's server answers
// /console-config.json and /console-handoff itself, every time.
// The build (vite.config.ts, serviceWorker) replaces SHELL and VERSION. SHELL names files
// relative to this worker, which sits at the console's base (`/` or a gateway's basePath).
const BASE = new URL('./', self.location).pathname;
const SHELL = self.__SHELL__.map((name) => BASE + name);
const INDEX = `${BASE}index.html`;
// index.html names its files relative (`./assets/x.js`): opened at a deep link offline, the page
// asks for them below that path; they are the same files.
const shellPath = (path) => {
  const at = path.indexOf('/assets/', BASE.length - 1);
  return at >= 0 ? BASE + path.slice(at + 1) : path;
};
const CACHE = `openclaw-console-${self.__VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks for the new version once the operator chose to reload.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The network first (a new deploy shows at once); offline, the cached shell.
    event.respondWith(fetch(request).catch(() => caches.match(INDEX)));
    return;
  }
  const path = shellPath(url.pathname);
  if (!SHELL.includes(path)) return;
  // ignoreVary: the server varies on Origin, which module scripts send and the precache did not.
  // The hit is answered as a new Response, which has no URL of its own, so the page takes it for
  // the URL it asked (`/sessions/assets/x.js` at a deep link, not the cached `/assets/x.js`): a
  // module's relative imports then stay below the same path. With the cached URL, a page this
  // worker took over while it loaded fetched the app's chunk under both paths and ran two Svelte
  // runtimes (the session view failed with effect_orphan).
  event.respondWith(
    caches
      .match(path, { ignoreVary: true })
      .then((hit) => (hit ? new Response(hit.body, hit) : fetch(request))),
  );
});

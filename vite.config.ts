import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy, devSecurityHeaders, securityHeaders } from './csp.config.js';

/** Puts the CSP into the built index.html (not the dev server, whose HMR client needs more). */
function cspMeta(): Plugin {
  return {
    name: 'openclaw-console-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Emits the service worker (scripts/service-worker.js) with the app shell it keeps: index.html,
 * every built asset and the public icons, named by this build, and a cache name that changes
 * with them so a new deploy replaces the old shell.
 */
function serviceWorker(): Plugin {
  return {
    name: 'openclaw-console-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = readdirSync(fileURLToPath(new URL('./public', import.meta.url)));
      // Relative to the worker's own URL: the same build serves at / and under a base path.
      const shell = [
        'index.html',
        ...Object.keys(bundle).filter((name) => !name.endsWith('.map') && name !== 'index.html'),
        ...publicFiles,
      ];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./scripts/service-worker.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: `self.__SHELL__ = ${JSON.stringify(shell)};\nself.__VERSION__ = '${version}';\n${source}`,
      });
    },
  };
}

/**
 * The preview server (`npm start`, the e2e suite) answers `…/assets/x.js` asked from any depth
 * with `/assets/x.js`, the way an OpenClaw gateway does: index.html names its files relative
 * (`./assets/`, so a gateway can serve it under `gateway.controlUi.basePath`), and a reload on
 * a deep link (`/sessions/abc`) asks for them below that path.
 */
function deepAssets(): Plugin {
  const safeDecode = (path: string) => {
    try {
      return decodeURIComponent(path);
    } catch {
      return path;
    }
  };
  const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
  const publicFiles = new Set(readdirSync(fileURLToPath(new URL('./public', import.meta.url))));
  return {
    name: 'openclaw-console-deep-assets',
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const [path = '/', query] = url.split(/(?=\?)/, 2);
        // A file that is there is served as asked (the bench's floor pages keep their own assets).
        if (isFile(join(outDir, safeDecode(path)))) return next();
        const at = path.indexOf('/assets/');
        const name = path.slice(path.lastIndexOf('/') + 1);
        if (at > 0) req.url = path.slice(at) + (query ?? '');
        else if (path.lastIndexOf('/') > 0 && publicFiles.has(name))
          req.url = `/${name}${query ?? ''}`;
        next();
      });
    },
  };
}

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const ENTRY = source('./src/main.ts');
/** The app the entry mounts: the Svelte runtime, the shell and the overview. */
const APP = source('./src/app-mount.ts');

/**
 * The first view's chunks: `first` for what the entry imports statically (the connection's modules), `app` for what the
 * app adds to them. Left to itself the bundler splits them by which lazy pages share them (one
 * chunk for i18n, another for the stores...), and each extra file the first view fetches costs
 * a request and compresses worse. `first` is formed first: a group also takes in the modules
 * its members import, and the app imports the connection's modules.
 */
const firstViewGroups = [
  {
    name: (id: string, ctx: ChunkingContext) =>
      firstViewModules(ctx).boot.has(id) ? 'first' : null,
    priority: 2,
    debugName: 'first view: connection',
  },
  {
    name: (id: string, ctx: ChunkingContext) => (firstViewModules(ctx).app.has(id) ? 'app' : null),
    priority: 1,
    debugName: 'first view: app',
  },
];

// The modules the first view needs, worked out once per chunking pass.
const closures = new WeakMap<ChunkingContext, { boot: Set<string>; app: Set<string> }>();
function firstViewModules(ctx: ChunkingContext): { boot: Set<string>; app: Set<string> } {
  let found = closures.get(ctx);
  if (found) return found;
  // The entry stays a chunk of its own: its top-level await for the app must not hold back the
  // evaluation of the chunk the app imports (that would be a deadlock).
  const boot = staticClosure(ctx, [ENTRY]);
  boot.delete(ENTRY);
  const app = staticClosure(ctx, [APP]);
  for (const id of boot) app.delete(id);
  found = { boot, app };
  closures.set(ctx, found);
  return found;
}

/** The roots and every module they reach by static imports. */
function staticClosure(ctx: ChunkingContext, roots: string[]): Set<string> {
  const seen = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length) {
    for (const dep of ctx.getModuleInfo(queue.pop()!)?.importedIds ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return seen;
}

/**
 * Preloads the app chunk (and what it imports) from index.html, so it downloads beside the
 * connection's chunk instead of after it; the size budget counts it in the first view.
 */
function preloadApp(): Plugin {
  // Written the way Vite writes its own links (the configured base, '/' unless set).
  let base = '/';
  return {
    name: 'openclaw-console-preload-app',
    apply: 'build',
    configResolved: (config) => void (base = config.base),
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId === APP);
        if (!app) throw new Error('no chunk for src/app-mount.ts');
        const files = [app.fileName, ...app.imports].filter((f) => !/(^|\/)first-/.test(f));
        const styles = files.flatMap((f) => [
          ...(ctx.bundle?.[f] as OutputChunk).viteMetadata!.importedCss,
        ]);
        return [
          ...files.map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head' as const,
          })),
          // Its CSS too: left to the dynamic import, it would be requested only once the app is.
          ...styles.map((file) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${file}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

export default defineConfig({
  // Relative URLs in the build: one dist/ serves at / and under a gateway's basePath alike
  // (the gateway rewrites index.html's `./assets/`; lazy chunks load relative to their importer).
  base: './',
  plugins: [svelte(), cspMeta(), serviceWorker(), deepAssets(), preloadApp()],
  build: {
    target: 'es2022',
    // Every browser es2022 targets preloads modules itself except Safari before 17, which then
    // fetches each chunk when imported (slower, not broken): not worth 0.4 KB on every start.
    modulePreload: { polyfill: false },
    sourcemap: true,
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: firstViewGroups } } },
  },
  // Both servers refuse to be framed (clickjacking); see securityHeaders in csp.config.js.
  server: { host: '127.0.0.1', headers: devSecurityHeaders() },
  // The preview server only serves the built static files, so any Host may ask for them: a LAN
  // console is opened by whatever name or address the operators use.
  preview: { host: '127.0.0.1', allowedHosts: true, headers: securityHeaders() },
  // Component tests mount Svelte in jsdom: they need Svelte's client runtime, not its server one.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    include: ['src/**/*.test.ts', 'e2e/fake/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    expect: { requireAssertions: true },
    restoreMocks: true,
  },
});

import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext } from 'rolldown';
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
  const publicFiles = new Set(readdirSync(fileURLToPath(new URL('./public', import.meta.url))));
  return {
    name: 'openclaw-console-deep-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const [path = '/', query] = url.split(/(?=\?)/, 2);
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

const ENTRY = fileURLToPath(new URL('./src/main.ts', import.meta.url));

/**
 * Names one chunk for every module the first view imports statically. Left to itself the bundler
 * splits them by which lazy pages share them (one chunk for i18n, another for the stores...),
 * and each extra file the first view fetches costs a request and compresses worse.
 */
function firstViewChunk(id: string, ctx: ChunkingContext): string | null {
  return staticClosure(ctx).has(id) ? 'first' : null;
}

// The modules reachable from the entry by static imports, worked out once per chunking pass.
const closures = new WeakMap<ChunkingContext, Set<string>>();
function staticClosure(ctx: ChunkingContext): Set<string> {
  let seen = closures.get(ctx);
  if (seen) return seen;
  seen = new Set<string>();
  const queue = [ENTRY];
  while (queue.length) {
    for (const dep of ctx.getModuleInfo(queue.pop()!)?.importedIds ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  closures.set(ctx, seen);
  return seen;
}

export default defineConfig({
  // Relative URLs in the build: one dist/ serves at / and under a gateway's basePath alike
  // (the gateway rewrites index.html's `./assets/`; lazy chunks load relative to their importer).
  base: './',
  plugins: [svelte(), cspMeta(), serviceWorker(), deepAssets()],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: firstViewChunk }] } } },
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

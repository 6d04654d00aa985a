// Builds our console with Vite and serves it with `vite preview`, the same
// production build and server the e2e tests use. The build goes to a folder of
// its own under the system temp dir, so the bench never rewrites the dist/
// that a concurrent e2e run may be serving on port 4173.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { freePort } from '../../harness/gateway/gateway.mjs';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The port the bench serves the console on when it is free. */
export const CONSOLE_PORT = 4180;

/**
 * Runs `vite build` into outDir (a temp folder by default); resolves to that folder.
 * `minify: false` keeps function names and lines readable for a profile.
 */
export async function buildConsole(
  outDir = path.join(os.tmpdir(), 'openclaw-console-bench-dist'),
  { minify = true } = {},
) {
  await build({
    root: repoRoot,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, ...(!minify && { minify: false }) },
  });
  // The floor pages go beside it, under /floor/, so one server serves all three.
  const floorRoot = path.join(repoRoot, 'bench/floor');
  await build({
    root: floorRoot,
    configFile: false,
    logLevel: 'warn',
    base: '/floor/',
    build: {
      outDir: path.join(outDir, 'floor'),
      emptyOutDir: true,
      rollupOptions: {
        input: {
          index: path.join(floorRoot, 'index.html'),
          raw: path.join(floorRoot, 'raw.html'),
          stream: path.join(floorRoot, 'stream.html'),
        },
      },
    },
  });
  return outDir;
}

/** Serves a build with `vite preview` (gzip on the fly, like its default) on 127.0.0.1; returns { url, close }. */
export async function serveConsole(outDir, port = CONSOLE_PORT) {
  const chosen = (await portFree(port)) ? port : await freePort();
  const server = await preview({
    root: repoRoot,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: chosen, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${chosen}`,
    port: chosen,
    close: () => server.close(),
  };
}

function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

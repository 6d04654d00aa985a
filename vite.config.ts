import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy } from './csp.config.js';

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

export default defineConfig({
  plugins: [svelte(), cspMeta()],
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
  // The preview server only serves the built static files, so any Host may ask for them: a LAN
  // console is opened by whatever name or address the operators use.
  preview: { host: '127.0.0.1', allowedHosts: true },
  // Component tests mount Svelte's client build, not its server build (the default under Node).
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    include: ['src/**/*.test.ts', 'e2e/fake/**/*.test.ts'],
    environment: 'node',
    expect: { requireAssertions: true },
    restoreMocks: true,
  },
});

import { svelte } from '@sveltejs/vite-plugin-svelte';
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

export default defineConfig({
  plugins: [svelte(), cspMeta()],
  build: { target: 'es2022', sourcemap: true, manifest: true },
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

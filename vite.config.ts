import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
  // The preview server only serves the built static files, so any Host may ask for them: a LAN
  // console is opened by whatever name or address the operators use.
  preview: { host: '127.0.0.1', allowedHosts: true },
  test: {
    include: ['src/**/*.test.ts', 'e2e/fake/**/*.test.ts'],
    environment: 'node',
    expect: { requireAssertions: true },
    restoreMocks: true,
  },
});

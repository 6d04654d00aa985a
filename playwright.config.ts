import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './harness/chromium.mjs';

/** The console under test is the production build, served by `vite preview`. */
export const CONSOLE_PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Each real gateway takes ~1 GB and most of a core: one worker on a 2-core machine.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${CONSOLE_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${CONSOLE_PORT} --strictPort`,
    url: `http://127.0.0.1:${CONSOLE_PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

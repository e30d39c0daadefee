import { defineConfig, devices } from '@playwright/test';
import { rmSync } from 'node:fs';
import { E2E_DB_URL, E2E_SECRET_KEY } from './e2e/accounts';

const port = Number(process.env.E2E_PORT ?? 4329);

// A fresh throwaway database for every run. Only the main process, before it starts the server:
// worker processes load this file too.
if (process.env.TEST_WORKER_INDEX === undefined) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`tests/.tmp/e2e.db${suffix}`, { force: true });
}
// The global set-up stores authenticator keys sealed with the same key the server opens them with.
process.env.XG_SECRET_KEY = E2E_SECRET_KEY;
export const baseURL = `http://127.0.0.1:${port}`;

/** Against the production build (npm test builds first), in Debian's Chromium. */
export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: './.tmp/e2e-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  timeout: 60_000,
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The production entry, with two processes: everything must work when requests from one
    // person land on different processes.
    command: 'node src/cluster.mjs',
    cwd: '..',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: E2E_DB_URL,
      NODE_ENV: 'production',
      // Production refuses plain http except on loopback, which is how the tests run it.
      SITE_URL: baseURL,
      WORKERS: '2',
      XG_SECRET_KEY: E2E_SECRET_KEY,
    },
  },
});

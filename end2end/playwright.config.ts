import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download does not work here.
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  // CI shares two cores (with CPU steal) with the server and Chromium: a 5 s wait was once too short.
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100',
    locale: 'sv-SE',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});

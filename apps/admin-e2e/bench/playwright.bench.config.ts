import { defineConfig } from '@playwright/test';
import baseConfig from '../playwright.config';

/**
 * The admin benchmark: same stack and Chromium as the browser tests (fresh database, built API,
 * simulator, production build of the SPA), but only bench/*.bench.ts, and no time limits that
 * would turn a slow machine into a failure. Timings are printed, never asserted.
 */
export default defineConfig({
  ...baseConfig,
  testDir: '.',
  testMatch: '**/*.bench.ts',
  outputDir: '../../../dist/bench/admin',
  timeout: 300_000,
  globalSetup: require.resolve('../src/global-setup.ts'),
  reporter: [['list']],
});

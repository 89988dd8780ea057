/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));

// Every Nx target runs from the workspace root (`vite build --config apps/admin/vite.config.mts`),
// so paths are absolute and `root` points Vite at this app.
export default defineConfig({
  root: appRoot,
  cacheDir: `${workspaceRoot}node_modules/.vite/apps/admin`,
  plugins: [react()],
  resolve: {
    alias: [
      { find: '@nextpanel/shared', replacement: `${workspaceRoot}libs/shared/src/index.ts` },
      { find: /^@\//, replacement: `${appRoot}src/` },
    ],
  },
  server: { host: '127.0.0.1', port: 4000, strictPort: true },
  preview: { host: '127.0.0.1', port: 4000, strictPort: true },
  build: {
    outDir: `${workspaceRoot}dist/apps/admin`,
    emptyOutDir: true,
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.spec.{ts,tsx}'],
    restoreMocks: true,
    css: false,
    // Whole-app renders walk several pages; leave room for a loaded CI machine.
    testTimeout: 20_000,
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The wall screen (大屏) is built into dist/screen and served by the service under /screen/ (src/server/screen-routes.ts).
 * Everything it needs (ECharts, graphql-ws, the Noto Sans SC subsets) is bundled: a kiosk on an intranet loads nothing
 * from the internet.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/screen/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/screen', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // ECharts is the bulk of the script; one file for a page that is opened once and left running.
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
  },
});

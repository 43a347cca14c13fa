import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The query page (GraphiQL with a sign-in bar) is built into dist/ide and served by the service: GET /graphql from a
 * browser answers its index.html, the rest lies under /ide/ (src/server/ide-routes.ts). Everything is bundled — the
 * editor, its web workers, fonts — so the page loads nothing from the internet.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/ide/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/ide', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    // Monaco (the editor under GraphiQL) is large; the page is opened once and cached.
    chunkSizeWarningLimit: 6000,
    assetsInlineLimit: 0,
    rollupOptions: {
      // React libraries mark client modules with "use client", which means nothing in a page that is all client.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});

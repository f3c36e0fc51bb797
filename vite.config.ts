import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Two pages of one renderer: index.html for Electron, host.html for the loopback test host. */
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: resolve('dist/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve('renderer/index.html'), host: resolve('renderer/host.html') } },
  },
});

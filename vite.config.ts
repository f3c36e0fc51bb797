import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security/contentSecurityPolicy';

/**
 * Two pages of one renderer: index.html for Electron, host.html for the loopback test host.
 * `vite build --mode desktop` (what `npm run build` packages) builds the Electron page alone, so no
 * loopback page or HTTP bridge ever ships in an installer (issue 12, hardening).
 */
export default defineConfig(({ mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [electronPagePolicy()],
  build: {
    outDir: resolve('dist/renderer'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve('renderer/index.html'),
        ...(mode === 'desktop' ? {} : { host: resolve('renderer/host.html') }),
      },
    },
  },
}));

/** Electron loads index.html from a file, with no response headers: the policy rides in a meta tag. */
function electronPagePolicy(): Plugin {
  return {
    name: 'caredesk-electron-csp',
    transformIndexHtml(html, context) {
      if (!context.filename.endsWith('index.html')) return html;
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy('electron') }, injectTo: 'head-prepend' }];
    },
  };
}

import { build, type BuildOptions } from 'esbuild';

/**
 * Bundles the main process, its core worker and the preload for Electron as CommonJS. Native
 * modules stay external: electron-builder rebuilds them for Electron's ABI at release time.
 */
export async function buildMain(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    external: ['electron', 'better-sqlite3-multiple-ciphers', '@electric-sql/pglite', 'pg-native'],
    // import.meta has no CommonJS meaning; give it the bundle's own file and folder.
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname' },
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: {
      main: 'electron/main.ts',
      coreWorker: 'electron/core/coreWorker.ts',
      faceWorker: 'electron/core/face/faceWorker.ts',
      preload: 'electron/preload.ts',
    },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildMain();

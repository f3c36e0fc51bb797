import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'vite';

/** What `npm run build` packages: the renderer built as `vite build --mode desktop`. */
async function buildDesktopRenderer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'caredesk-desktop-'));
  await build({ configFile: resolve('vite.config.ts'), mode: 'desktop', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('the packaged renderer has no loopback page or HTTP bridge, and its page carries a strict CSP', async () => {
  const outDir = await buildDesktopRenderer();
  try {
    const files = filesUnder(outDir);
    assert.ok(files.some((file) => file.endsWith('index.html')), 'the Electron page is built');
    assert.deepEqual(files.filter((file) => file.endsWith('host.html')), [], 'no loopback page ships');
    const bridged = files.filter((file) => file.endsWith('.js') && readFileSync(file, 'utf8').includes('/api/invoke'));
    assert.deepEqual(bridged, [], 'no bundle holds the loopback HTTP bridge');

    const page = readFileSync(join(outDir, 'index.html'), 'utf8').replaceAll('&#39;', "'");
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "connect-src 'none'"]) {
      assert.ok(policy.includes(directive), `the policy has ${directive}: ${policy}`);
    }
    assert.ok(!/script-src[^;]*unsafe-inline/.test(policy), 'inline scripts are never allowed');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});

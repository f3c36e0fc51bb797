/**
 * The comparison: the same models and Human configuration in Debian Chromium's tfjs wasm
 * backend (playwright-core), served from resources/models, on the same test photos as the Node
 * figures. Per frame: Human's detect on an ImageBitmap (the decode is the browser's, timed apart).
 * For comparison only: in the product, inference runs in main, never in the renderer.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { humanConfig } from '../electron/core/face/engine';
import type { FaceTestSet } from '../electron/core/face/testSet';
import { chromiumArgs, chromiumPath } from '../e2e/support/app';
import { percentile, report } from './report';

const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.jpg': 'image/jpeg', '.bin': 'application/octet-stream' };

/** Serves the Human browser bundle, the models, the wasm files and the photos; nothing else. */
function serve(set: FaceTestSet & { photos: NonNullable<FaceTestSet['photos']> }): Promise<Server> {
  const humanDist = dirname(createRequire(import.meta.url).resolve('@vladmandic/human'));
  const photos = new Map(set.photos.map((p) => [p.file, p.path]));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, area, name = ''] = url.pathname.split('/');
    const file =
      area === 'human.esm.js' ? join(humanDist, 'human.esm.js')
      : area === 'models' ? join(set.modelsDir, basename(name))
      : area === 'wasm' ? join(set.modelsDir, 'wasm', basename(name))
      : area === 'photos' ? photos.get(basename(name))
      : undefined;
    if (area === '' ) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>face bench</title>');
      return;
    }
    if (!file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function faceChromiumBench(set: FaceTestSet & { photos: NonNullable<FaceTestSet['photos']> }, rounds: number): Promise<void> {
  if (!existsSync(chromiumPath)) {
    process.stderr.write(`face Chromium comparison skipped: no Chromium at ${chromiumPath}\n`);
    return;
  }
  const server = await serve(set);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const config = humanConfig({ modelBasePath: `${base}/models/`, wasmPath: `${base}/wasm/` }, 'wasm');
    const files = set.photos.map((p) => p.file);
    const result = await page.evaluate(
      async ({ config, files, rounds }) => {
        const { Human } = (await import(`${location.origin}/human.esm.js`)) as { Human: new (c: unknown) => { load(): Promise<void>; init(): Promise<void>; detect(i: unknown): Promise<{ face: unknown[] }>; tf: { getBackend(): string } } };
        const human = new Human(config);
        const loadStarted = performance.now();
        await human.init();
        await human.load();
        const loadMs = performance.now() - loadStarted;
        const images: ImageBitmap[] = [];
        const decodes: number[] = [];
        for (const file of files) {
          const blob = await (await fetch(`/photos/${file}`)).blob();
          const t = performance.now();
          images.push(await createImageBitmap(blob));
          decodes.push(performance.now() - t);
        }
        for (const image of images.slice(0, 2)) await human.detect(image);
        const frames: number[] = [];
        for (let r = 0; r < rounds; r++)
          for (const image of images) {
            const t = performance.now();
            await human.detect(image);
            frames.push(performance.now() - t);
          }
        return { backend: human.tf.getBackend(), loadMs, decodes, frames };
      },
      { config, files, rounds },
    );
    if (result.backend !== 'wasm') process.stderr.write(`face Chromium comparison: tfjs chose ${result.backend}, not wasm\n`);
    report('face.chromium_model_load_ms', result.loadMs, 'ms');
    report('face.chromium_decode_p95_ms', percentile(result.decodes, 95), 'ms');
    report('face.chromium_frame_p50_ms', percentile(result.frames, 50), 'ms');
    report('face.chromium_frame_p95_ms', percentile(result.frames, 95), 'ms');
  } finally {
    await browser.close();
    server.close();
  }
}

// Shared by the browser tests and the benchmark: a static server for dist/ that counts the
// bytes it sends, and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat, mkdtemp } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const DIST = join(ROOT, 'dist');
const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg',
  '.bpk': 'application/octet-stream', '.md': 'text/markdown',
};

/** Serve dist/ (plus `extra` path -> Buffer routes) on a free loopback port. `headers` are sent
 * with every response (the bench's ONNX Runtime page: COOP/COEP, for SharedArrayBuffer). */
export async function serve(extra = {}, { headers = {} } = {}) {
  const log = [];
  const routes = { ...extra }; // mutable: tests add files after the server started
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    try {
      let body = routes[path];
      if (body) res.setHeader('Content-Type', TYPES[extname(path)] || 'application/octet-stream');
      else {
        let file = normalize(join(DIST, path));
        if (!file.startsWith(DIST)) throw new Error('outside');
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        body = await readFile(file);
        res.setHeader('Content-Type', TYPES[extname(file)] || 'application/octet-stream');
      }
      log.push({ path, bytes: body.length });
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, log, routes, close: () => new Promise((r) => server.close(r)) };
}

/** Headless Chromium; `webgpu` adds --enable-unsafe-webgpu (SwiftShader adapter without a GPU). */
export async function launch({ webgpu = true } = {}) {
  const args = ['--headless=new', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
  if (webgpu) args.push('--enable-unsafe-webgpu');
  const dir = await mkdtemp(join(tmpdir(), 'atelier-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args, acceptDownloads: true,
    viewport: { width: 1280, height: 860 },
  });
  // Its profile folder tells this browser's processes from any other Chromium's (see bench/memory.mjs).
  return Object.assign(context, { userDataDir: dir });
}

export function manifest() {
  return readFile(join(ROOT, 'models', 'manifest.json'), 'utf8').then(JSON.parse);
}

/** Run `trainer` (TRAINER, or the release build) with `args`; its stdout, or an error with its stderr. */
export function runTrainer(args) {
  const trainer = process.env.TRAINER || join(ROOT, 'target', 'release', 'trainer');
  const r = spawnSync(trainer, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`trainer ${args[0]} failed: ${r.stderr || r.error}`);
  return r.stdout;
}

/** `trainer stylize` on a file: the native reference the browser must match. */
export function nativeStylize(modelFile, input, output, extra = []) {
  return runTrainer(['stylize', '--model', modelFile, '--input', input, '--output', output, ...extra]);
}

/** Server routes that add the models `trainer export --models DIR` wrote to the shipped list:
 * the merged manifest, each model file and thumbnail. Returns the routes and the added entries. */
export async function exportedModelRoutes(dir) {
  const extra = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')).models;
  const m = await manifest();
  m.models.push(...extra);
  const routes = { '/models/manifest.json': Buffer.from(JSON.stringify(m)) };
  for (const e of extra) {
    routes[`/models/${e.file}`] = await readFile(join(dir, e.file));
    routes[`/models/${e.thumbnail}`] = await readFile(join(dir, e.thumbnail));
  }
  return { routes, extra };
}

/** In the page: PSNR (dB) between a canvas (#after by default) and an image at `refUrl` (RGB only). */
export async function psnrAgainst(page, refUrl, canvasId = 'after') {
  return page.evaluate(async ([url, id]) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const after = document.getElementById(id);
    if (img.width !== after.width || img.height !== after.height) return `size ${img.width}x${img.height} vs ${after.width}x${after.height}`;
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const a = ctx.getImageData(0, 0, c.width, c.height).data;
    const b = after.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let se = 0, n = 0;
    for (let i = 0; i < a.length; i += 4) for (let k = 0; k < 3; k++) { const d = (a[i + k] - b[i + k]) / 255; se += d * d; n++; }
    return se === 0 ? Infinity : 10 * Math.log10(n / se);
  }, [refUrl, canvasId]);
}

export async function waitDone(page, timeout = 240_000) {
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status), null, { timeout });
  return page.evaluate(() => ({ status: document.body.dataset.status, error: document.getElementById('error').textContent, run: window.atelier.lastRun }));
}

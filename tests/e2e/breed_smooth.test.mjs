// A StyleGAN trained with --smooth-upsample (bilinear ×2 before each upsampling conv) on WebGPU:
// a tiny model trained and exported here by `trainer` draws in the page what `trainer generate`
// draws, through the GPU's resampling kernel rather than a fallback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, copyFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serve, launch, psnrAgainst, runTrainer, exportedModelRoutes } from './harness.mjs';

let server, browser;

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-smooth-'));
  await mkdir(join(dir, 'pictures'));
  for (const [i, f] of ['chelsea.jpg', 'sketch_cat.png'].entries()) {
    for (let k = 0; k < 4; k++) await copyFile(join(ROOT, 'tests', 'fixtures', f), join(dir, 'pictures', `${i}_${k}${f.slice(-4)}`));
  }
  runTrainer(['stylegan', '--data', join(dir, 'pictures'), '--out', join(dir, 'run'), '--resolution', '16', '--steps', '2', '--batch', '4',
    '--channel-base', '128', '--channel-max', '32', '--smooth-upsample', '--checkpoint-every', '2', '--sample-every', '2']);
  runTrainer(['export', '--run', join(dir, 'run'), '--name', 'tiny_smooth', '--models', join(dir, 'models'), '--title', 'Smooth', '--artist', 'the test fixtures', '--licence', 'CC0']);
  runTrainer(['generate', '--model', join(dir, 'models', 'tiny_smooth', 'tiny_smooth.bpk'), '--seeds', '0', '--truncation', '0.7', '--each', '--output', join(dir, 'seeds')]);
  const { routes } = await exportedModelRoutes(join(dir, 'models'));
  routes['/__seed_0__.png'] = await readFile(join(dir, 'seeds', 'seed_0.png'));
  server = await serve(routes);
  browser = await launch({ webgpu: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a smooth-upsampling StyleGAN draws on WebGPU what trainer generate draws', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?backend=webgpu&style=tiny_smooth`);
  await page.waitForFunction(() => window.atelier.breed.lineage.length === 1 && window.atelier.breed.children.length === 8, null, { timeout: 240_000 });
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status) && !window.atelier.engine.pending.size, null, { timeout: 240_000 });
  assert.equal(await page.textContent('#backend'), 'WebGPU (software)');
  assert.equal(await page.evaluate(() => window.atelier.model.name), 'tiny_smooth');
  const db = await psnrAgainst(page, '/__seed_0__.png', 'parent');
  console.log(`smooth StyleGAN on WebGPU: seed 0 is ${typeof db === "number" ? db.toFixed(1) : db} dB from trainer generate`);
  assert.ok(db >= 35, `PSNR ${db}`);
  assert.deepEqual(errors, []);
  await page.close();
});

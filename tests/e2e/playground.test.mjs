// The playground end to end in headless Chromium: both compute paths agree with the native
// `trainer stylize`, the download has the photo's size and provenance, bad input is handled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, nativeStylize, psnrAgainst, waitDone } from './harness.mjs';

const OUT = join(ROOT, 'tests', 'output');
const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg'); // 451×300, CC0
let server, browser, model;

before(async () => {
  await mkdir(OUT, { recursive: true });
  model = (await manifest()).models.find((m) => m.kind === 'fast_style');
  const ref = join(OUT, `native-${model.name}.png`);
  nativeStylize(join(ROOT, 'models', model.file), PHOTO, ref);
  server = await serve({ '/__ref__.png': await readFile(ref) });
  browser = await launch({ webgpu: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function stylizeIn(backend, query = '') {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?backend=${backend}&style=${model.name}${query}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'done', `stylize failed: ${r.error}`);
  assert.deepEqual(errors, []);
  return { page, run: r.run };
}

test('CPU path matches trainer stylize (PSNR ≥ 35 dB)', async () => {
  const { page, run } = await stylizeIn('cpu');
  assert.equal(run.backend, 'cpu');
  assert.equal(await page.textContent('#backend'), 'CPU (WebAssembly)');
  const db = await psnrAgainst(page, '/__ref__.png');
  console.log(`CPU: ${run.ms.toFixed(0)} ms, PSNR vs native ${db.toFixed(1)} dB`);
  assert.ok(db >= 35, `PSNR ${db}`);
  await page.screenshot({ path: join(OUT, 'playground-cpu.png') });

  // Download: a PNG of the photo's full size, with provenance text.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const png = await readFile(await download.path());
  assert.equal(png.readUInt32BE(16), 451);
  assert.equal(png.readUInt32BE(20), 300);
  assert.match(png.toString('latin1'), new RegExp(`tEXtSource\\0Stylized with .${model.title}. by ${model.artist}`));
  await page.close();
});

test('every core: the CPU engine split across workers gives the one-worker picture', async () => {
  // The test photo at twice its size: tall enough to split into bands (at least 192 rows each).
  const page0 = await browser.newPage();
  await page0.goto(`${server.url}/__ref__.png`);
  const big = Buffer.from(await page0.evaluate(async () => {
    const img = document.querySelector('img');
    await img.decode();
    const c = new OffscreenCanvas(902, 600);
    c.getContext('2d').drawImage(img, 0, 0, 902, 600);
    return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer())];
  }));
  await page0.close();
  const file = { name: 'big.png', mimeType: 'image/png', buffer: big };
  const run = async (workers) => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?backend=cpu&style=${model.name}&workers=${workers}`);
    await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
    await page.setInputFiles('#file', file);
    const r = await waitDone(page);
    assert.equal(r.status, 'done', `stylize failed: ${r.error}`);
    return { page, run: r.run };
  };
  const one = await run(1);
  assert.equal(one.run.cores, 1);
  const picture = await one.page.evaluate(() => document.getElementById('after').toDataURL('image/png'));
  await one.page.close();
  const two = await run(2);
  assert.equal(two.run.cores, 2, 'the photo is split across two workers');
  assert.match(await two.page.textContent('#timing'), /on 2 CPU cores/);
  const db = await psnrAgainst(two.page, picture);
  console.log(`CPU 902×600: 1 worker ${one.run.ms.toFixed(0)} ms, 2 workers ${two.run.ms.toFixed(0)} ms; 2 workers vs 1: ${db} dB`);
  assert.ok(db >= 50, `2 workers vs 1: ${db} dB`);
  await two.page.close();
});

test('WebGPU path matches trainer stylize (PSNR ≥ 35 dB)', async () => {
  const { page, run } = await stylizeIn('webgpu');
  assert.equal(run.backend, 'webgpu', 'the WebGPU engine should run when an adapter exists');
  const db = await psnrAgainst(page, '/__ref__.png');
  console.log(`WebGPU: ${run.ms.toFixed(0)} ms, PSNR vs native ${db.toFixed(1)} dB`);
  assert.ok(db >= 35, `PSNR ${db}`);
  await page.screenshot({ path: join(OUT, 'playground-webgpu.png') });
  await page.close();
});

test('WebGPU tiles with shared statistics match trainer stylize tiled the same way', { timeout: 600_000 }, async () => {
  // 800×240: over the 768-px WebGPU tile, so a statistics pass on a copy at 768 px and two
  // tiles that normalise with its statistics; native: the same tiling (--tile 768 --split 768).
  const page = await browser.newPage();
  await page.goto(`${server.url}/__ref__.png`);
  const wide = Buffer.from(await page.evaluate(async () => {
    const img = document.querySelector('img');
    await img.decode();
    const c = new OffscreenCanvas(800, 240);
    c.getContext('2d').drawImage(img, 0, 0, 800, 240);
    return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer())];
  }));
  const input = join(OUT, 'wide-input.png');
  await writeFile(input, wide);
  const ref = join(OUT, 'wide-native-768.png');
  nativeStylize(join(ROOT, 'models', model.file), input, ref, ['--tile', '768', '--split', '768']);
  server.routes['/__wide__.png'] = await readFile(ref);
  await page.goto(`${server.url}/?backend=webgpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.setInputFiles('#file', { name: 'wide.png', mimeType: 'image/png', buffer: wide });
  const r = await waitDone(page, 540_000);
  assert.equal(r.status, 'done', r.error);
  assert.equal(r.run.backend, 'webgpu');
  const db = await psnrAgainst(page, '/__wide__.png');
  console.log(`WebGPU 800×240 in tiles: ${r.run.ms.toFixed(0)} ms, PSNR vs native tiled ${db.toFixed(1)} dB`);
  assert.ok(db >= 35, `PSNR ${db}`);
  await page.close();
});

test('a non-image upload shows an error and the page still works', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.setInputFiles('#file', join(ROOT, 'tests', 'fixtures', 'not-an-image.jpg'));
  await page.waitForSelector('#error:not([hidden])');
  assert.equal(
    await page.textContent('#error'),
    '“not-an-image.jpg” is not an image this browser can read. Use a PNG, JPEG or WebP photo.',
  );
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  assert.equal(await page.isHidden('#error'), true);
  await page.close();
});

test('a model file that is not a model gets a readable error', async () => {
  // Served by the (test) server, so the page's service worker sees it as a real deploy would be.
  // A model the manifest lists without a checksum (one a user added by hand): the engine's check speaks.
  const m = await manifest();
  for (const e of m.models) delete e.sha256;
  server.routes['/models/manifest.json'] = Buffer.from(JSON.stringify(m));
  server.routes[`/models/${model.file}`] = Buffer.from('definitely not a model');
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.evaluate(() => caches.delete('atelier-models-v1')); // earlier tests cached the real file
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'error');
  assert.match(r.error, /^this is not an Atelier model file \(.*\); pick a \.bpk file exported by `trainer export`$/);
  delete server.routes['/models/manifest.json'];
  delete server.routes[`/models/${model.file}`];
  await page.close();
});

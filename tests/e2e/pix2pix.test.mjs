// Pix2Pix in the page: the Draw and Colourise models agree with `trainer stylize` on both compute
// paths, a drawing made with the mouse becomes a picture, and the realism map renders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, nativeStylize, psnrAgainst, runTrainer, waitDone } from './harness.mjs';

const OUT = join(ROOT, 'tests', 'output');
const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
const SKETCH = join(ROOT, 'tests', 'fixtures', 'sketch_cat.png');
let server, browser, draw, colourise;

before(async () => {
  await mkdir(OUT, { recursive: true });
  const models = (await manifest()).models;
  draw = models.find((m) => m.kind === 'pix2pix' && m.input === 'sketch');
  colourise = models.find((m) => m.kind === 'pix2pix' && m.input === 'gray');
  assert.ok(draw && colourise, 'models/manifest.json lists a sketch and a colourisation model');
  const routes = {};
  for (const [m, input] of [[draw, SKETCH], [colourise, PHOTO]]) {
    const ref = join(OUT, `native-${m.name}.png`);
    nativeStylize(join(ROOT, 'models', m.file), input, ref);
    routes[`/__ref_${m.name}__.png`] = await readFile(ref);
  }
  server = await serve(routes);
  browser = await launch({ webgpu: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(backend, model) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?backend=${backend}&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready' || window.atelier.drawCount > 0, null, { timeout: 120_000 });
  return { page, errors };
}

const drawn = (page, n) => page.waitForFunction((k) => window.atelier.drawCount >= k && !window.atelier.drawBusy, n, { timeout: 240_000 });

for (const backend of ['cpu', 'webgpu']) {
  test(`Draw on ${backend}: an opened sketch matches trainer stylize (PSNR ≥ 35 dB)`, async () => {
    const { page, errors } = await open(backend, draw);
    await drawn(page, 1); // the empty canvas
    const before = await page.evaluate(() => window.atelier.drawCount);
    await page.setInputFiles('#sketch-file', SKETCH);
    await drawn(page, before + 1);
    const run = await page.evaluate(() => window.atelier.lastRun);
    assert.equal(run.backend, backend);
    const db = await psnrAgainst(page, `/__ref_${draw.name}__.png`, 'drawn');
    console.log(`Draw ${backend}: ${run.ms.toFixed(0)} ms, PSNR vs native ${db.toFixed(1)} dB`);
    assert.ok(db >= 35, `PSNR ${db}`);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(OUT, `draw-${backend}.png`) });
    await page.close();
  });

  test(`Colourise on ${backend}: a photo matches trainer stylize (PSNR ≥ 35 dB)`, async () => {
    const { page, errors } = await open(backend, colourise);
    await page.setInputFiles('#file', PHOTO);
    const r = await waitDone(page);
    assert.equal(r.status, 'done', r.error);
    assert.equal(r.run.backend, backend);
    assert.equal(await page.isHidden('#keep-colour-label'), true);
    const db = await psnrAgainst(page, `/__ref_${colourise.name}__.png`);
    console.log(`Colourise ${backend}: ${r.run.ms.toFixed(0)} ms, PSNR vs native ${db.toFixed(1)} dB`);
    assert.ok(db >= 35, `PSNR ${db}`);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(OUT, `colourise-${backend}.png`) });
    await page.close();
  });
}

test('a drawing made with the mouse becomes a picture, and the realism map renders', async () => {
  const { page, errors } = await open('cpu', draw);
  await drawn(page, 1);
  // The page keeps the last drawing (the sketch an earlier test opened): start from a clean sheet.
  const cleared = await page.evaluate(() => window.atelier.drawCount);
  await page.click('#clear');
  await drawn(page, cleared + 1);
  const box = await page.locator('#sketch').boundingBox();
  const at = (x, y) => [box.x + (x / 256) * box.width, box.y + (y / 256) * box.height];
  // A face: a circle, two eyes, a smile; one stroke at a time, as a person draws.
  const strokes = [
    Array.from({ length: 33 }, (_, i) => [128 + 80 * Math.cos((i / 32) * 2 * Math.PI), 128 + 80 * Math.sin((i / 32) * 2 * Math.PI)]),
    [[100, 100], [104, 108], [100, 112]],
    [[156, 100], [152, 108], [156, 112]],
    Array.from({ length: 9 }, (_, i) => [90 + 9.5 * i, 160 + 18 * Math.sin((i / 8) * Math.PI)]),
  ];
  for (const stroke of strokes) {
    const count = await page.evaluate(() => window.atelier.drawCount);
    await page.mouse.move(...at(...stroke[0]));
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...at(...p), { steps: 2 });
    await page.mouse.up();
    await drawn(page, count + 1);
  }
  const stats = await page.evaluate(() => {
    const px = (id) => document.getElementById(id).getContext('2d').getImageData(0, 0, 256, 256).data;
    const [s, d] = [px('sketch'), px('drawn')];
    let ink = 0, coloured = 0, diff = 0;
    for (let i = 0; i < s.length; i += 4) {
      if (s[i] < 128) ink++;
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
      diff += Math.abs(r - s[i]) + Math.abs(g - s[i + 1]) + Math.abs(b - s[i + 2]);
    }
    return { ink: ink / 65536, coloured: coloured / 65536, diff: diff / (3 * 65536), latencies: window.atelier.drawLatencies };
  });
  const lat = stats.latencies.slice(-strokes.length).sort((a, b) => a - b);
  console.log(`drawing: ink ${(100 * stats.ink).toFixed(1)} %, coloured ${(100 * stats.coloured).toFixed(1)} %, mean |output − sketch| ${stats.diff.toFixed(1)}; stroke end → picture median ${lat[lat.length >> 1].toFixed(0)} ms`);
  assert.ok(stats.ink > 0.01, 'the strokes drew ink');
  assert.ok(stats.coloured > 0.05, `only ${(100 * stats.coloured).toFixed(1)} % of the picture is coloured`);
  assert.ok(stats.diff > 10, 'the picture is not the sketch');

  await page.check('#show-realism');
  await page.waitForSelector('#drawn-realism:not([hidden])');
  const realism = await page.evaluate(() => window.atelier.lastRealism);
  // The discriminator scores the picture the network made: the 256² drawing, or its working size
  // when the model works smaller. The conditional PatchGAN (three stride-2 4×4 convs, then two
  // stride-1 ones) gives side/8 − 2 patches a side: 30 for 256², 14 for 128².
  const work = /at (\d+) px long side/.exec(runTrainer(['inspect', join(ROOT, 'models', draw.file)]));
  const side = Math.min(256, work ? Number(work[1]) : 256);
  assert.deepEqual([realism.width, realism.height], [side / 8 - 2, side / 8 - 2], `one score per patch of the ${side}² picture`);
  assert.ok(realism.mean >= 0 && realism.mean <= 1, `mean realism ${realism.mean}`);
  assert.equal(await page.isVisible('#realism-legend'), true);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: join(OUT, 'draw-realism.png') });
  await page.close();
});

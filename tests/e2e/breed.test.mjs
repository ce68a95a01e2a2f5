// The Breed mode (StyleGAN) end to end with the shipped model, on both compute paths: a seed
// draws what `trainer generate` draws; children are kept into the lineage and undone; a parent
// makes crossbreeds and style mixes; genes move the image; the download carries its genome.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, runTrainer } from './harness.mjs';

let server, model;

before(async () => {
  model = (await manifest()).models.find((m) => m.kind === 'stylegan');
  assert.ok(model, 'no StyleGAN model in models/manifest.json');
  const dir = await mkdtemp(join(tmpdir(), 'atelier-breed-'));
  runTrainer(['generate', '--model', join(ROOT, 'models', model.file), '--seeds', '0,7', '--truncation', '0.7', '--each', '--output', dir]);
  server = await serve({
    '/__seed_0__.png': await readFile(join(dir, 'seed_0.png')),
    '/__seed_7__.png': await readFile(join(dir, 'seed_7.png')),
  });
});

after(() => server?.close());

/** PSNR (dB) between canvas `id` and the image at `url` (RGB). */
function psnr(page, id, url) {
  return page.evaluate(async ([id, url]) => {
    const c = document.getElementById(id);
    const a = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let b;
    if (url.startsWith('#')) {
      const o = document.getElementById(url.slice(1));
      b = o.getContext('2d').getImageData(0, 0, o.width, o.height).data;
    } else {
      const img = new Image();
      img.src = url;
      await img.decode();
      const oc = new OffscreenCanvas(img.width, img.height).getContext('2d');
      oc.drawImage(img, 0, 0);
      b = oc.getImageData(0, 0, img.width, img.height).data;
    }
    if (a.length !== b.length) return -1;
    let se = 0, n = 0;
    for (let i = 0; i < a.length; i += 4) for (let k = 0; k < 3; k++) { const d = (a[i + k] - b[i + k]) / 255; se += d * d; n++; }
    return se === 0 ? Infinity : 10 * Math.log10(n / se);
  }, [id, url]);
}

const settle = (page) => page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status) && !window.atelier.engine.pending.size, null, { timeout: 240_000 });
const lineage = (page) => page.evaluate(() => window.atelier.breed.lineage.map((e) => e.label));

for (const backend of ['cpu', 'webgpu']) {
  test(`Breed on ${backend}: seeds match trainer generate; children, undo, parents, mixing, genes, download`, async () => {
    const browser = await launch({ webgpu: backend === 'webgpu' });
    try {
      await breedScenario(browser, backend);
    } finally {
      await browser.close();
    }
  });
}

async function breedScenario(browser, backend) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/?backend=${backend}&mode=breed`);
    await page.waitForFunction(() => window.atelier.breed.lineage.length === 1 && window.atelier.breed.children.length === 8, null, { timeout: 240_000 });
    await settle(page);
    assert.equal(await page.getAttribute('[data-mode=breed]', 'aria-selected'), 'true');
    assert.equal(await page.textContent('#backend'), backend === 'webgpu' ? 'WebGPU (software)' : 'CPU (WebAssembly)');
    assert.equal(await page.textContent('#parent-caption'), 'seed 0');
    let db = await psnr(page, 'parent', '/__seed_0__.png');
    console.log(`Breed ${backend}: seed 0 is ${db.toFixed(1)} dB from trainer generate`);
    assert.ok(db >= 35, `seed 0: PSNR ${db}`);

    // A child is kept, then undone.
    await page.click('#children .child >> nth=2');
    await page.waitForFunction(() => window.atelier.breed.lineage.length === 2, null, { timeout: 120_000 });
    await settle(page);
    assert.match((await lineage(page))[1], /^child 1 \(mutation\)$/);
    assert.ok((await psnr(page, 'parent', '/__seed_0__.png')) < 60, 'the kept child is a different image');
    await page.click('#breed-undo');
    await settle(page);
    assert.deepEqual(await lineage(page), ['seed 0']);

    // Seed 0 becomes a parent; seed 7 is shown: children include crossbreeds, the mix renders.
    await page.click('#add-parent');
    await settle(page);
    await page.fill('#seed', '7');
    await page.click('#seed-go');
    await page.waitForFunction(() => window.atelier.breed.current?.label === 'seed 7', null, { timeout: 120_000 });
    await settle(page);
    db = await psnr(page, 'parent', '/__seed_7__.png');
    assert.ok(db >= 35, `seed 7: PSNR ${db}`);
    const titles = await page.$$eval('#children .child', (bs) => bs.map((b) => b.title));
    assert.equal(titles.filter((t) => t.startsWith('crossbreed')).length, 4, titles.join('\n'));
    assert.ok(await page.isVisible('#mix-panel'));
    await page.evaluate(() => { const c = document.getElementById('crossover'); c.value = '1'; c.dispatchEvent(new Event('input')); });
    await settle(page);
    const mixLow = await page.evaluate(() => window.atelier.breed.mixed.label);
    assert.match(mixLow, /at layer 1$/);
    assert.ok((await psnr(page, 'mixed', '#parent')) < 60, 'the mix differs from the image above');
    await page.click('#keep-mix');
    await settle(page);
    assert.match((await lineage(page)).at(-1), /^mix: coarse from “seed 7”, fine from “seed 0” at layer 1$/);

    // A gene moves the image; keeping it adds it to the lineage.
    await page.click('summary:has-text("Genes")');
    await page.evaluate(() => { const g = document.querySelector('#genes input'); g.value = '2'; g.dispatchEvent(new Event('input')); });
    await settle(page);
    await page.click('#keep-genes');
    await settle(page);
    assert.match((await lineage(page)).at(-1), /with gene 1 \+2 \(all layers\)$/);

    // The download is a 256² PNG with the model, the lineage and the genome.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const png = await readFile(await download.path());
    const text = png.toString('latin1');
    assert.ok(text.includes('Atelier-w') && text.includes('seed 7 -> mix: coarse from "seed 7"') && text.includes(model.name), 'provenance chunks');
    const timings = await page.evaluate(() => window.atelier.breed.timings);
    const children = timings.filter((t) => t.images === 8);
    const perSecond = children.map((t) => (8 * 1000) / t.ms).sort((a, b) => a - b);
    console.log(`Breed ${backend}: ${perSecond[perSecond.length >> 1].toFixed(1)} images/s (median of ${perSecond.length} batches of 8)`);
    assert.deepEqual(errors, []);
    assert.equal(await page.textContent('#error'), '');
}

test('Breed: the seed takes whole numbers only (with a message), Enter shows it, the same seed twice adds nothing', async () => {
  const browser = await launch({ webgpu: false });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?backend=cpu&mode=breed`);
    await page.waitForFunction(() => window.atelier.breed.lineage.length === 1 && window.atelier.breed.children.length === 8, null, { timeout: 240_000 });
    await settle(page);
    const max = Number.MAX_SAFE_INTEGER;
    for (const [typed, message] of [
      ['-1', `“-1” is not a seed: a seed is a whole number from 0 to ${max}.`],
      ['', `Type a seed first: a whole number from 0 to ${max}.`],
      ['abc', `“abc” is not a seed: a seed is a whole number from 0 to ${max}.`],
      ['1.5', `“1.5” is not a seed: a seed is a whole number from 0 to ${max}.`],
      ['9007199254740992', `“9007199254740992” is not a seed: a seed is a whole number from 0 to ${max}.`],
    ]) {
      await page.fill('#seed', typed);
      await page.click('#seed-go');
      assert.equal(await page.textContent('#error'), message, `typed ${JSON.stringify(typed)}`);
      assert.equal(await page.getAttribute('#seed', 'aria-invalid'), 'true');
      assert.deepEqual(await lineage(page), ['seed 0'], 'nothing was drawn');
    }
    await page.fill('#seed', '7');
    await page.press('#seed', 'Enter');
    await page.waitForFunction(() => window.atelier.breed.current?.label === 'seed 7', null, { timeout: 120_000 });
    await settle(page);
    assert.equal(await page.isHidden('#error'), true);
    assert.equal(await page.getAttribute('#seed', 'aria-invalid'), 'false');
    assert.deepEqual(await lineage(page), ['seed 0', 'seed 7']);
    await page.press('#seed', 'Enter');
    await settle(page);
    await page.click('#seed-go');
    await settle(page);
    assert.deepEqual(await lineage(page), ['seed 0', 'seed 7'], 'the same seed again adds no entry');
    assert.equal(await page.isHidden('#error'), true);
  } finally {
    await browser.close();
  }
});

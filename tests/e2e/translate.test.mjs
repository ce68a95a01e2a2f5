// The Translate mode (CycleGAN) end to end. A tiny model trained and exported here by `trainer`:
// both directions run in the page like `trainer stylize`, ⇄ swaps the direction, the realism map
// renders. The shipped model: each direction on both compute paths like `trainer stylize`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, copyFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, nativeStylize, psnrAgainst, waitDone, runTrainer, exportedModelRoutes } from './harness.mjs';

const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
const SKETCH = join(ROOT, 'tests', 'fixtures', 'sketch_cat.png');
const PAINTING = join(ROOT, 'tests', 'fixtures', 'night_cafe.jpg');
const OUT = join(ROOT, 'tests', 'output');
let server, browser, shipped;
// A shipped direction's test picture: the photo, or a painting for a direction from paintings.
const inputOf = (m) => (m.from === 'photo' ? PHOTO : PAINTING);

before(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atelier-translate-'));
  for (const [d, src] of [['a', PHOTO], ['b', SKETCH]]) {
    await mkdir(join(dir, d));
    for (let i = 0; i < 6; i++) await copyFile(src, join(dir, d, `${i}${src.slice(-4)}`));
  }
  runTrainer(['cyclegan', '--a', join(dir, 'a'), '--b', join(dir, 'b'), '--a-name', 'photo', '--b-name', 'drawing', '--out', join(dir, 'run'),
    '--steps', '2', '--size', '32', '--channels', '8,16,16', '--res-blocks', '1', '--d-base', '8', '--checkpoint-every', '2', '--sample-every', '2']);
  runTrainer(['export', '--run', join(dir, 'run'), '--name', 'test_swap', '--models', join(dir, 'models'), '--title', 'Test', '--artist', 'the test fixtures', '--licence', 'CC0']);
  const { routes, extra } = await exportedModelRoutes(join(dir, 'models'));
  for (const e of extra) {
    nativeStylize(join(dir, 'models', e.file), PHOTO, join(dir, `${e.name}.png`));
    routes[`/__ref_${e.name}__.png`] = await readFile(join(dir, `${e.name}.png`));
  }
  await mkdir(OUT, { recursive: true });
  shipped = (await manifest()).models.filter((m) => m.kind === 'cyclegan');
  for (const m of shipped) {
    nativeStylize(join(ROOT, 'models', m.file), inputOf(m), join(dir, `${m.name}.png`));
    routes[`/__ref_${m.name}__.png`] = await readFile(join(dir, `${m.name}.png`));
  }
  server = await serve(routes);
  browser = await launch({ webgpu: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Translate: both directions match trainer stylize, ⇄ swaps them, the realism map renders', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?backend=cpu&style=test_swap`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  assert.equal(await page.getAttribute('[data-mode=translate]', 'aria-selected'), 'true');
  assert.match(await page.textContent('#credit'), /^Test: photo → drawing: trained on the test fixtures — CC0\. Trained 2 steps/);
  await page.setInputFiles('#file', PHOTO);
  let r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  let db = await psnrAgainst(page, '/__ref_test_swap__.png');
  assert.ok(db >= 35, `photo → drawing: PSNR ${db}`);

  await page.click('#swap');
  await page.waitForFunction(() => window.atelier.model.name === 'test_swap_reverse' && document.body.dataset.status === 'done', null, { timeout: 120_000 });
  db = await psnrAgainst(page, '/__ref_test_swap_reverse__.png');
  console.log(`Translate: the reverse direction ${db.toFixed(1)} dB from native`);
  assert.ok(db >= 35, `drawing → photo: PSNR ${db}`);

  await page.check('#show-realism');
  await page.waitForSelector('#after-realism:not([hidden])');
  const realism = await page.evaluate(() => window.atelier.lastRealism);
  assert.deepEqual([realism.width, realism.height], [451 / 8 - 2 | 0, 300 / 8 - 2 | 0]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Translate: ticking the realism map while a ⇄ run is busy shows no error; the new result comes with its map', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/?backend=cpu&style=test_swap`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.setInputFiles('#file', PHOTO);
  let r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  // The swapped run waits (its picture request is held back) until the test lets it go.
  await page.evaluate(() => {
    const engine = window.atelier.engine;
    const send = engine.request.bind(engine);
    const held = new Promise((resolve) => { window.release = resolve; });
    engine.request = async (msg, transfer) => {
      if (msg.type === 'stylize') await held;
      return send(msg, transfer);
    };
  });
  await page.click('#swap');
  await page.waitForFunction(() => document.body.dataset.status === 'busy');
  await page.check('#show-realism');
  // The map of the picture on screen (the first direction's) comes; no error.
  await page.waitForFunction(() => !document.getElementById('after-realism').hidden || !document.getElementById('error').hidden, null, { timeout: 60_000 });
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  assert.equal(await page.evaluate(() => document.body.dataset.status), 'busy');

  await page.evaluate(() => window.release());
  r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  assert.equal(await page.evaluate(() => window.atelier.model.name), 'test_swap_reverse');
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  assert.equal(await page.isVisible('#after-realism'), true);
  const realism = await page.evaluate(() => window.atelier.lastRealism);
  assert.deepEqual([realism.width, realism.height], [451 / 8 - 2 | 0, 300 / 8 - 2 | 0]);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const backend of ['cpu', 'webgpu']) {
  test(`Translate on ${backend}: each shipped direction matches trainer stylize (PSNR ≥ 35 dB)`, async () => {
    assert.ok(shipped.length >= 2 && shipped.every((m) => shipped.some((o) => o.from === m.to && o.to === m.from)),
      'models/manifest.json lists both directions of a CycleGAN');
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const m of shipped) {
      await page.goto(`${server.url}/?backend=${backend}&style=${m.name}`);
      await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
      assert.match(await page.textContent('#credit'), new RegExp(`Trained ${m.steps} steps`));
      await page.setInputFiles('#file', inputOf(m));
      const r = await waitDone(page);
      assert.equal(r.status, 'done', r.error);
      assert.equal(r.run.backend, backend);
      const db = await psnrAgainst(page, `/__ref_${m.name}__.png`);
      console.log(`Translate ${m.name} on ${backend}: ${r.run.ms.toFixed(0)} ms, PSNR vs native ${db.toFixed(1)} dB`);
      assert.ok(db >= 35, `${m.name} on ${backend}: PSNR ${db}`);
      await page.screenshot({ path: join(OUT, `translate-${m.name}-${backend}.png`) });
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

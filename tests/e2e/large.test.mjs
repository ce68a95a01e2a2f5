// A 4096×3072 photo on the CPU path: processed in tiles within the limits, same result as the
// native engine, and a crop across a tile border saved for the eye.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, nativeStylize, psnrAgainst, waitDone } from './harness.mjs';

const OUT = join(ROOT, 'tests', 'output');
let server, browser, model;

before(async () => {
  await mkdir(OUT, { recursive: true });
  model = (await manifest()).models.find((m) => m.kind === 'fast_style');
  server = await serve();
  browser = await launch({ webgpu: false });
});
after(async () => { await browser?.close(); await server?.close(); });

test('a 4096×3072 photo stylizes on the CPU path like the native engine', { timeout: 900_000 }, async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  // Page-side helper: a Blob as base64, to bring images back to the test.
  await page.evaluate(() => {
    window.toBase64 = async (blob) => {
      const b = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
      return btoa(s);
    };
  });
  // Upscale the fixture photo to 4096×3072 in the page, keep the PNG for the native run.
  const photo = await readFile(join(ROOT, 'tests', 'fixtures', 'chelsea.jpg'));
  const png = await page.evaluate(async (b64) => {
    const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]));
    const c = new OffscreenCanvas(4096, 3072);
    c.getContext('2d').drawImage(img, 0, 0, 4096, 3072);
    const blob = await c.convertToBlob({ type: 'image/png' });
    document.body.dataset.status = 'busy';
    await window.atelier.openPhoto(blob, 'large.png');
    return window.toBase64(blob);
  }, photo.toString('base64'));
  const input = join(OUT, 'large-input.png');
  await writeFile(input, Buffer.from(png, 'base64'));
  const r = await waitDone(page, 840_000);
  assert.equal(r.status, 'done', r.error);
  assert.deepEqual([r.run.width, r.run.height], [4096, 3072]);
  console.log(`4096×3072 on CPU: ${(r.run.ms / 1000).toFixed(1)} s`);

  const ref = join(OUT, 'large-native.png');
  nativeStylize(join(ROOT, 'models', model.file), input, ref);
  server.routes['/__large__.png'] = await readFile(ref);
  const db = await psnrAgainst(page, '/__large__.png');
  console.log(`PSNR vs native (tiled the same way): ${typeof db === 'number' ? db.toFixed(1) : db} dB`);
  assert.ok(db >= 35, `PSNR ${db}`);

  // A 512×512 crop centred on the first overlap between tiles, at 1:1, for looking at. The tile
  // side and overlap are read from the engine, so the crop follows them if they change.
  const engine = await readFile(join(ROOT, 'crate', 'src', 'engine.rs'), 'utf8');
  const tile = Number(/pub const CPU_SPLIT: usize = (\d+);/.exec(engine)?.[1]);
  const overlap = Number(/split: CPU_SPLIT, overlap: (\d+)/.exec(engine)?.[1]);
  assert.ok(tile > 0 && overlap > 0, 'CPU_SPLIT or the default overlap not found in crate/src/engine.rs');
  const at = tile - overlap / 2 - 256;
  console.log(`tile border crop: ${at}..${at + 512} (tiles of ${tile} px, ${overlap} px overlap)`);
  const crop = await page.evaluate(async (at) => {
    const c = new OffscreenCanvas(512, 512);
    c.getContext('2d').drawImage(document.getElementById('after'), at, at, 512, 512, 0, 0, 512, 512);
    return window.toBase64(await c.convertToBlob({ type: 'image/png' }));
  }, at);
  await writeFile(join(OUT, 'large-tile-border-crop.png'), Buffer.from(crop, 'base64'));
  await page.close();
});

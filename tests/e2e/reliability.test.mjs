// Bad input and broken servers never leave the page stuck or keep a broken file: a truncated
// model is never cached (the page recovers once the server is fixed, without clearing
// anything), and a broken list of models gets a message, a retry, and photos that do not hang.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, waitDone } from './harness.mjs';

const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
let server, browser, model;

before(async () => {
  model = (await manifest()).models.find((m) => m.kind === 'fast_style');
  server = await serve();
  browser = await launch({ webgpu: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(page, query = '') {
  await page.goto(`${server.url}/?backend=cpu&style=${model.name}${query}`);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.status), null, { timeout: 120_000 });
}

test('a truncated model is not cached: once the server is fixed the style works without clearing anything', async () => {
  const path = `/models/${model.file}`;
  const whole = await readFile(join(ROOT, 'models', model.file));
  server.routes[path] = whole.subarray(0, whole.length >> 1);
  const page = await browser.newPage();
  await ready(page);
  await page.setInputFiles('#file', PHOTO);
  let r = await waitDone(page);
  assert.equal(r.status, 'error');
  assert.equal(r.error, "The model arrived damaged. Try again; if it keeps failing, the site's copy of the model is broken.");
  assert.equal(await page.textContent('#error-detail-text'), `models/${model.file}: ${whole.length >> 1} of ${whole.length} bytes, or its SHA-256 differs`);
  assert.equal(await page.isVisible('#retry'), true);
  const cached = await page.evaluate(async (url) => Boolean(await (await caches.open('atelier-models-v1')).match(url)), `models/${model.file}`);
  assert.equal(cached, false, 'the damaged file must not be cached');

  delete server.routes[path]; // the server is fixed
  await page.click('#run');
  r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  // A reload now takes the checked copy from the cache.
  const before = server.log.filter((e) => e.path === path).length;
  await ready(page);
  await page.setInputFiles('#file', PHOTO);
  r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  assert.equal(server.log.filter((e) => e.path === path).length, before, 'served from the cache');
  await page.close();
});

test('an invalid manifest gets a message and a retry, and an opened photo is not stuck', async () => {
  server.routes['/models/manifest.json'] = Buffer.from('{"models": [ {"name": "oops"');
  const page = await browser.newPage();
  await ready(page);
  // In plain words, without the JSON parser's position (that is in the fold).
  assert.equal(await page.textContent('#error'), "The list of models could not be read (the site's copy is damaged). Check the connection, then try again.");
  assert.match(await page.textContent('#error-detail-text'), /^models\/manifest\.json: not valid JSON \(.+\)$/);
  assert.equal(await page.isVisible('#retry'), true);
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page, 10_000);
  assert.equal(r.status, 'error');
  assert.equal(r.error, "Nothing to run: the list of models could not be read (the site's copy is damaged). Try again below.");
  assert.equal(await page.isVisible('#retry'), true);

  delete server.routes['/models/manifest.json'];
  await page.click('#retry');
  await page.waitForFunction(() => document.body.dataset.status !== 'error', null, { timeout: 10_000 });
  const done = await waitDone(page);
  assert.equal(done.status, 'done', done.error);
  assert.equal(await page.isHidden('#retry'), true);
  await page.close();
});

test('a transparent PNG gets no dark fringe and keeps its transparency', async () => {
  const page = await browser.newPage();
  await ready(page);
  // The same red disc on a transparent and on a white ground; the disc's rim must come out alike.
  const stylize = (ground) => page.evaluate(async (bg) => {
    const c = new OffscreenCanvas(160, 160);
    const ctx = c.getContext('2d');
    if (bg) { ctx.fillStyle = bg; ctx.fillRect(0, 0, 160, 160); }
    ctx.fillStyle = '#d02020';
    ctx.beginPath(); ctx.arc(80, 80, 50, 0, 2 * Math.PI); ctx.fill();
    document.body.dataset.status = 'busy';
    await window.atelier.openPhoto(await c.convertToBlob({ type: 'image/png' }), 'disc.png');
  }, ground);
  const rim = () => page.evaluate(() => {
    const d = document.getElementById('after').getContext('2d').getImageData(0, 0, 160, 160).data;
    let sum = 0, n = 0, clear = 0;
    for (let y = 0; y < 160; y++) for (let x = 0; x < 160; x++) {
      const r = Math.hypot(x - 79.5, y - 79.5), i = 4 * (y * 160 + x);
      if (r > 42 && r < 48) { sum += (d[i] + d[i + 1] + d[i + 2]) / 3; n++; }
      if (r > 60 && d[i + 3] === 0) clear++;
    }
    return { rim: sum / n, clear };
  });
  await stylize(null);
  let r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  const transparent = await rim();
  await stylize('#ffffff');
  r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  const white = await rim();
  console.log(`disc rim brightness: transparent ground ${transparent.rim.toFixed(1)}, white ground ${white.rim.toFixed(1)}`);
  assert.ok(Math.abs(transparent.rim - white.rim) < 2, `rim ${transparent.rim} vs ${white.rim}`);
  assert.ok(transparent.clear > 5000, 'the transparent ground stays transparent in the result');
  await page.close();
});

test('forced WebGPU on a software adapter gets a notice with a one-click switch to the CPU', async () => {
  const gpu = await launch({ webgpu: true }); // SwiftShader: a software adapter
  const page = await gpu.newPage();
  await page.goto(`${server.url}/?backend=webgpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  assert.equal(await page.textContent('#backend'), 'WebGPU (software)');
  assert.equal(await page.isVisible('#notice'), true);
  await page.click('#use-cpu');
  await page.waitForFunction(() => window.atelier.backend === 'cpu', null, { timeout: 60_000 });
  assert.equal(await page.isHidden('#notice'), true);
  assert.equal(await page.inputValue('#backend-select'), 'cpu');
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  assert.equal(r.run.backend, 'cpu');
  await gpu.close();
});

test('a lost GPU (driver reset) costs one run: the page restarts on the CPU and the next run works', async () => {
  const gpu = await launch({ webgpu: true });
  const page = await gpu.newPage();
  await page.goto(`${server.url}/?backend=webgpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.setInputFiles('#file', PHOTO);
  const first = await waitDone(page);
  assert.equal(first.status, 'done', first.error);
  assert.equal(first.run.backend, 'webgpu');
  // Destroy the engine's WebGPU device, as a driver reset would, and run again.
  await page.evaluate(() => window.atelier.engine.request({ type: 'loseDevice' }));
  const rerun = () => page.evaluate(() => { document.body.dataset.status = 'busy'; window.atelier.run(); });
  await rerun();
  const failed = await waitDone(page);
  assert.equal(failed.status, 'error');
  assert.match(failed.error, /GPU stopped working/);
  await page.waitForFunction(() => window.atelier.backend === 'cpu', null, { timeout: 60_000 });
  assert.equal(await page.textContent('#backend'), 'CPU (WebAssembly)');
  // The same photo again: it runs, on the CPU.
  await rerun();
  const r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  assert.equal(r.run.backend, 'cpu');
  await gpu.close();
});

/** A w×h photo made in the page from the test photo, opened like an upload (not awaited). */
const openBig = (page, w, h) => page.evaluate(async ([w, h]) => {
  const img = new Image();
  img.src = '/__photo__.jpg';
  await img.decode();
  const c = new OffscreenCanvas(w, h);
  c.getContext('2d').drawImage(img, 0, 0, w, h);
  document.body.dataset.status = 'busy';
  window.atelier.openPhoto(await c.convertToBlob({ type: 'image/png' }), 'big.png');
}, [w, h]);

test('switching style twice mid-run does only the last run, and switching the backend mid-run shows no error', async () => {
  server.routes['/__photo__.jpg'] = await readFile(PHOTO);
  const styles = (await manifest()).models.filter((m) => m.kind === 'fast_style').map((m) => m.name);
  const page = await browser.newPage();
  await ready(page);
  const t0 = Date.now();
  await openBig(page, 1600, 1200);
  let r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  const one = Date.now() - t0;

  const t1 = Date.now();
  await page.evaluate(() => { document.body.dataset.status = 'busy'; window.atelier.run(); });
  await page.waitForTimeout(one / 4);
  await page.click(`.style[data-name="${styles[1]}"]`);
  await page.waitForTimeout(one / 4);
  await page.click(`.style[data-name="${styles[2]}"]`);
  const t2 = Date.now();
  r = await waitDone(page);
  const [both, last] = [Date.now() - t1, Date.now() - t2];
  assert.equal(r.status, 'done', r.error);
  assert.equal(await page.evaluate(() => window.atelier.model.name), styles[2]);
  console.log(`one run ${one} ms; a run, then two style switches mid-run: ${both} ms in all, ${last} ms after the last switch`);
  // Without cancelling, the last switch would wait for the rest of the first run and all of the second.
  assert.ok(last < one * 1.3 + 5000, `${last} ms after the last switch, where one run takes ${one} ms`);

  // The backend switched mid-run: a clean restart, no error, and the sliders work on the new result.
  await page.evaluate(() => { document.body.dataset.status = 'busy'; window.atelier.run(); });
  await page.waitForTimeout(one / 4);
  await page.evaluate(() => {
    const select = document.getElementById('backend-select');
    select.value = 'cpu';
    select.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => document.body.dataset.status === 'done', null, { timeout: 240_000 });
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  await page.fill('#strength', '40');
  await page.dispatchEvent('#strength', 'input');
  await page.waitForTimeout(500);
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  await page.close();
});

test('offline after one visit: the page reloads, says it is offline, and stylizes', async () => {
  const ctx = await launch({ webgpu: false });
  const page = await ctx.newPage();
  await ready(page);
  await page.setInputFiles('#file', PHOTO);
  let r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  assert.equal(await page.isHidden('#offline'), true);

  await ctx.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.status), null, { timeout: 120_000 });
  assert.equal(await page.isVisible('#offline'), true, 'the page says it runs from its saved copy');
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  await page.setInputFiles('#file', PHOTO);
  r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  await ctx.setOffline(false);
  await ctx.close();
});

/** A valid 8-bit grey PNG of w×h black pixels (tiny on disk, huge once decoded). */
async function greyPng(w, h) {
  const { createDeflate, crc32 } = await import('node:zlib');
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace all 0
  const rows = await new Promise((resolve, reject) => {
    const z = createDeflate({ level: 9 }), parts = [];
    z.on('data', (d) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
    const per = Math.max(1, Math.floor(30e6 / (w + 1)));
    (async () => {
      for (let y = 0; y < h; y += per) {
        // Rows of a filter byte and w pixels.
        if (!z.write(Buffer.alloc((w + 1) * Math.min(per, h - y)))) await new Promise((r) => z.once('drain', r));
      }
      z.end();
    })();
  });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

test('a 30000×30000 PNG gets the size message (read from its header, never decoded)', async () => {
  const png = await greyPng(30000, 30000);
  const page = await browser.newPage();
  await ready(page);
  await page.setInputFiles('#file', { name: 'huge.png', mimeType: 'image/png', buffer: png });
  await page.waitForSelector('#error:not([hidden])');
  assert.equal(await page.textContent('#error'), 'The image is 30000×30000 (900.0 megapixels); the limit is 40 megapixels and 12000 pixels per side. Downscale it first.');
  assert.equal(await page.isHidden('#downscale'), true, 'too large to decode at all: no offer');
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  await page.close();
});

test('a picture over the side limit is offered as a downscaled copy', async () => {
  const page = await browser.newPage();
  await ready(page);
  await page.setInputFiles('#file', { name: 'wide.png', mimeType: 'image/png', buffer: await greyPng(13000, 400) });
  await page.waitForSelector('#downscale:not([hidden])');
  assert.equal(await page.textContent('#error'), 'The image is 13000×400 (5.2 megapixels); the limit is 40 megapixels and 12000 pixels per side. Downscale it first.');
  assert.equal(await page.textContent('#downscale'), 'Work on a downscaled copy (12000×369)');
  await page.click('#downscale');
  await page.waitForFunction(() => window.atelier.photo?.width === 12000, null, { timeout: 60_000 });
  assert.deepEqual(await page.evaluate(() => [window.atelier.photo.width, window.atelier.photo.height]), [12000, 369]);
  assert.equal(await page.isHidden('#error'), true);
  await page.close();
});

// What the page says when something cannot be done, in words a person understands and the same in
// every mode, always with a way out: a model never saved for offline use (Style, Draw, Breed),
// a huge sketch, a colour photo in Colourise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, waitDone } from './harness.mjs';

const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
const OFFLINE = 'This model was not saved for offline use; connect once to get it.';
let server, browser, styles, draw, breed;

before(async () => {
  const m = (await manifest()).models;
  styles = m.filter((e) => e.kind === 'fast_style');
  draw = m.find((e) => e.kind === 'pix2pix' && e.input === 'sketch');
  breed = m.find((e) => e.kind === 'stylegan');
  server = await serve();
  browser = await launch({ webgpu: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The message, its fold and whether "Try again" is offered. */
const said = (page) => page.evaluate(() => ({
  error: document.getElementById('error').textContent,
  detail: document.getElementById('error-detail').hidden ? null : document.getElementById('error-detail-text').textContent,
  retry: !document.getElementById('retry').hidden,
}));

test('offline, a model never used says it was not saved for offline use, in Style, Draw and Breed; Breed offers nothing to click but "Try again"', async () => {
  const ctx = await launch({ webgpu: false });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${styles[0].name}`);
  await page.setInputFiles('#file', PHOTO);
  let r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

  await ctx.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.status), null, { timeout: 120_000 });
  await page.setInputFiles('#file', PHOTO);
  r = await waitDone(page);
  assert.equal(r.status, 'done', `the style used before works offline: ${r.error}`);

  // Style: another style, never used.
  await page.click(`.style[data-name=${styles[1].name}]`);
  r = await waitDone(page);
  assert.equal(r.status, 'error');
  let s = await said(page);
  assert.equal(s.error, OFFLINE);
  assert.equal(s.retry, true);
  assert.ok(s.detail.startsWith(`models/${styles[1].file}: `), s.detail);

  // Draw, never opened.
  await page.click('[data-mode=draw]');
  await page.waitForFunction(() => document.body.dataset.status === 'error', null, { timeout: 60_000 });
  s = await said(page);
  assert.equal(s.error, OFFLINE);
  assert.equal(s.retry, true);
  assert.ok(s.detail.startsWith(`models/${draw.file}: `), s.detail);

  // Breed, never opened: the message, and no control of the panel (nor "Random seed") enabled.
  await page.click('[data-mode=breed]');
  await page.waitForFunction(() => document.body.dataset.status === 'error', null, { timeout: 60_000 });
  s = await said(page);
  assert.equal(s.error, OFFLINE);
  assert.equal(s.retry, true);
  assert.ok(s.detail.startsWith(`models/${breed.file}: `), s.detail);
  const enabled = await page.$$eval('#breed button, #breed input, #breed select', (els) => els.filter((e) => !e.matches(':disabled')).map((e) => e.id || e.textContent));
  assert.deepEqual(enabled, []);
  assert.equal(await page.isDisabled('#run'), true);
  assert.equal(await page.isDisabled('#download'), true);

  // Back online, "Try again" loads it: the panel works.
  await ctx.setOffline(false);
  await page.click('#retry');
  await page.waitForFunction(() => document.body.dataset.status === 'done' && window.atelier.breed.current, null, { timeout: 120_000 });
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  assert.equal(await page.isHidden('#retry'), true);
  assert.equal(await page.isEnabled('#seed-random'), true);
  assert.equal(await page.isEnabled('#run'), true);
  await ctx.close();
});

/** A valid 8-bit grey PNG header of w×h (IHDR only: enough for the size check). */
function pngHeader(w, h) {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  b[24] = 8;
  return b;
}

test('a 30000×30000 sketch in Draw gets the same size message as a photo in Style', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&mode=draw`);
  await page.waitForFunction(() => ['ready', 'done'].includes(document.body.dataset.status), null, { timeout: 120_000 });
  await page.setInputFiles('#sketch-file', { name: 'huge.png', mimeType: 'image/png', buffer: pngHeader(30000, 30000) });
  await page.waitForSelector('#error:not([hidden])');
  assert.equal(await page.textContent('#error'), 'The image is 30000×30000 (900.0 megapixels); the limit is 40 megapixels and 12000 pixels per side. Downscale it first.');
  await page.close();
});

test('Colourise says that a colour photo has its colours replaced', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&mode=colourise`);
  await page.waitForFunction(() => ['ready', 'done'].includes(document.body.dataset.status), null, { timeout: 120_000 });
  assert.equal(await page.textContent('#mode-hint'),
    "Open a black-and-white photo: the model paints its colours, your photo keeps every detail. A colour photo's own colours are replaced by the model's.");
  await page.close();
});

test("the time badge never shows another mode's time", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&mode=draw`);
  await page.waitForFunction(() => window.atelier.drawCount > 0 && document.body.dataset.status === 'done', null, { timeout: 120_000 });
  assert.match(await page.textContent('#timing'), /^\d+ ms on CPU$/);
  await page.click('[data-mode=colourise]');
  await page.waitForSelector('[data-mode=colourise][aria-selected=true]');
  assert.equal(await page.textContent('#timing'), '', 'Colourise has made nothing yet');
  await page.close();
});

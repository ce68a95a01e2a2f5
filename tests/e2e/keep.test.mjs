// Nothing a user made is lost: each mode keeps its work (photo and result, drawing, lineage and
// parents) while the user visits another mode, coming back runs nothing that did not change, and
// the drawing and the lineage survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, waitDone } from './harness.mjs';

const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
let server, browser, style;

before(async () => {
  style = (await manifest()).models.find((m) => m.kind === 'fast_style');
  server = await serve();
  browser = await launch({ webgpu: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const settle = (page) => page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status) && !window.atelier.engine.pending.size, null, { timeout: 240_000 });
const drawn = (page, n) => page.waitForFunction((k) => window.atelier.drawCount >= k && !window.atelier.drawBusy, n, { timeout: 240_000 });
const pixels = (page, id) => page.evaluate((i) => document.getElementById(i).toDataURL('image/png'), id);

/** From now on the page notes every request to the engine (type, and what went in). */
const noteRequests = (page) => page.evaluate(() => {
  const engine = window.atelier.engine;
  const send = engine.request.bind(engine);
  window.sent = [];
  engine.request = (msg, transfer) => {
    window.sent.push(msg.photo ? 'stylize photo' : msg.rgba ? 'stylize drawing' : msg.type);
    return send(msg, transfer);
  };
});
const sent = (page) => page.evaluate(() => window.sent);

/** PSNR (dB) between the picture at `url` and canvas `id`. */
const psnr = (page, url, id) => page.evaluate(async ([u, i]) => {
  const img = new Image();
  img.src = u;
  await img.decode();
  const c = document.getElementById(i);
  const ctx = new OffscreenCanvas(c.width, c.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  const [a, b] = [ctx.getImageData(0, 0, c.width, c.height).data, c.getContext('2d').getImageData(0, 0, c.width, c.height).data];
  let se = 0;
  for (let k = 0; k < a.length; k++) if (k % 4 !== 3) se += ((a[k] - b[k]) / 255) ** 2;
  return se === 0 ? Infinity : 10 * Math.log10((a.length * 0.75) / se);
}, [url, id]);

/** Breed's lineage, parents and current image as the user sees them. */
const breedView = (page) => page.evaluate(() => ({
  lineage: window.atelier.breed.lineage.map((e) => e.label),
  ancestors: document.querySelectorAll('#lineage .ancestor').length,
  parents: document.querySelectorAll('#tray .ancestor').length,
  caption: document.getElementById('parent-caption').textContent,
  image: document.getElementById('parent').toDataURL('image/png'),
}));

test('Breed keeps 3 kept children and a parent through a visit to Style and a reload; leaving stops an animation', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&mode=breed`);
  await page.waitForFunction(() => window.atelier.breed.lineage.length === 1 && window.atelier.breed.children.length === 8, null, { timeout: 240_000 });
  await settle(page);
  for (let i = 0; i < 3; i++) {
    await page.click(`#children .child >> nth=${i}`);
    await page.waitForFunction((n) => window.atelier.breed.lineage.length === n, i + 2, { timeout: 120_000 });
    await settle(page);
  }
  await page.click('#add-parent');
  await settle(page);
  const made = await breedView(page);
  assert.deepEqual(made.lineage, ['seed 0', 'child 1 (mutation)', 'child 2 (mutation)', 'child 3 (mutation)']);
  assert.equal(made.ancestors, 4);
  assert.equal(made.parents, 1);

  await noteRequests(page);
  await page.click('[data-mode=style]');
  await page.click('[data-mode=breed]');
  await settle(page);
  assert.deepEqual(await breedView(page), made, 'the lineage, the parent tray and the image are as the user left them');
  assert.deepEqual(await sent(page), [], 'nothing is drawn again');

  await page.reload();
  await page.waitForFunction(() => window.atelier.breed.lineage.length === 4 && window.atelier.breed.children.length === 8, null, { timeout: 240_000 });
  await settle(page);
  const [restored, kept] = [await breedView(page), { ...made }];
  delete restored.image;
  delete kept.image;
  assert.deepEqual(restored, kept, 'a reload brings back the lineage and the parent');
  // Drawn again from its saved genome (in another batch of images: equal up to rounding).
  const db = await psnr(page, made.image, 'parent');
  assert.ok(db >= 40, `the current image after the reload is ${db} dB from the one before`);
  assert.equal(await page.textContent('#error'), '');

  // An animation stops when the user leaves Breed.
  await page.click('#animate');
  await page.waitForFunction(() => window.atelier.breed.anim !== null, null, { timeout: 120_000 });
  assert.equal(await page.textContent('#animate'), 'Stop');
  await page.click('[data-mode=style]');
  assert.equal(await page.evaluate(() => window.atelier.breed.anim), null);
  assert.equal(await page.textContent('#animate'), 'Animate to the last parent (or a random seed)');
  await page.close();
});

test('Style → Draw → Style runs nothing again; the drawing is kept through a visit to Style and a reload', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${style.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  const painted = await pixels(page, 'after');

  await page.click('[data-mode=draw]');
  await drawn(page, 1);
  // A stroke across the canvas.
  const box = await page.locator('#sketch').boundingBox();
  const count = await page.evaluate(() => window.atelier.drawCount);
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 8 });
  await page.mouse.up();
  await drawn(page, count + 1);
  await settle(page);
  const [sketch, picture] = [await pixels(page, 'sketch'), await pixels(page, 'drawn')];

  await noteRequests(page);
  await page.click('[data-mode=style]');
  await settle(page);
  assert.equal(await page.getAttribute('.style[aria-selected=true]', 'data-name'), style.name, 'the style the user picked');
  assert.equal(await pixels(page, 'after'), painted, 'the stylized photo is still there');
  assert.equal(await page.isVisible('#compare'), true);
  assert.equal(await page.isEnabled('#download'), true);
  await page.click('[data-mode=draw]');
  await settle(page);
  assert.equal(await pixels(page, 'sketch'), sketch, 'the drawing is still there');
  assert.equal(await pixels(page, 'drawn'), picture);
  assert.deepEqual(await sent(page), [], 'going back to a mode whose inputs did not change runs nothing');

  await page.goto(`${server.url}/?backend=cpu&mode=draw`);
  await drawn(page, 1);
  assert.equal(await pixels(page, 'sketch'), sketch, 'a reload brings the drawing back');
  assert.equal(await page.textContent('#error'), '');
  await page.close();
});

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
  assert.equal(
    r.error,
    `the model models/${model.file} arrived damaged (${whole.length >> 1} of ${whole.length} bytes, or its checksum differs); try again, and if it keeps failing the site's copy of the model is broken`,
  );
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
  const message = await page.textContent('#error');
  assert.match(message, /^The list of models \(models\/manifest\.json\) could not be read — it is not valid JSON: .+\. Check the connection or the site, then try again\.$/);
  assert.equal(await page.isVisible('#retry'), true);
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page, 10_000);
  assert.equal(r.status, 'error');
  assert.match(r.error, /^Nothing to run: the list of models \(models\/manifest\.json\) could not be read — it is not valid JSON: .+\. Try again below\.$/);

  delete server.routes['/models/manifest.json'];
  await page.click('#retry');
  const done = await waitDone(page);
  assert.equal(done.status, 'done', done.error);
  assert.equal(await page.isHidden('#retry'), true);
  await page.close();
});

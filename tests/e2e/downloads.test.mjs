// Every download tells the truth: it is offered only for the picture of the chosen model, and its
// name and text chunks say what made the pixels it holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { ROOT, serve, launch, manifest, waitDone } from './harness.mjs';

const PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
let server, browser, style, forward, reverse;

before(async () => {
  const m = await manifest();
  style = m.models.find((e) => e.kind === 'fast_style');
  forward = m.models.find((e) => e.kind === 'cyclegan' && e.from === 'photo');
  reverse = m.models.find((e) => e.kind === 'cyclegan' && e.from === forward.to && e.to === forward.from);
  // A style and the reverse direction whose files the site does not have (a 404, as offline).
  m.models.push({ ...style, name: 'unreachable', title: 'Unreachable', file: 'unreachable/unreachable.bpk' });
  reverse.file = 'gone/gone.bpk';
  // A style whose title and artist Latin-1 cannot hold (the same network).
  m.models.push({ ...style, name: 'unicode_title', title: '“Night” → 简体中文', artist: 'Vincent → 梵高' });
  server = await serve({ '/models/manifest.json': Buffer.from(JSON.stringify(m)) });
  browser = await launch({ webgpu: false });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The PNG's text chunks (every chunk's CRC checked): {tEXt: {key: text}, iTXt: {key: text}}. */
function pngText(png) {
  const out = { tEXt: {}, iTXt: {} };
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    assert.equal(png.readUInt32BE(at + 8 + len), crc32(png.subarray(at + 4, at + 8 + len)), `CRC of the ${type} chunk`);
    const z = data.indexOf(0);
    if (type === 'tEXt') out.tEXt[data.toString('latin1', 0, z)] = data.toString('latin1', z + 1);
    if (type === 'iTXt') {
      assert.deepEqual([data[z + 1], data[z + 2]], [0, 0], 'uncompressed');
      const lang = data.indexOf(0, z + 3);
      const translated = data.indexOf(0, lang + 1);
      out.iTXt[data.toString('latin1', 0, z)] = data.toString('utf8', translated + 1);
    }
    at += 12 + len;
  }
  return out;
}

async function download(page) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return { name: d.suggestedFilename(), png: await readFile(await d.path()) };
}

const pixels = (page, id) => page.evaluate((i) => document.getElementById(i).toDataURL('image/png'), id);
const settle = (page) => page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status) && !window.atelier.engine.pending.size, null, { timeout: 240_000 });

async function opened(query) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&${query}`);
  await page.waitForFunction(() => ['ready', 'done'].includes(document.body.dataset.status), null, { timeout: 240_000 });
  return page;
}

for (const [label, first, second, click] of [
  ['Style: a style that fails to load', () => style, () => ({ name: 'unreachable', file: 'unreachable/unreachable.bpk' }), (page) => page.click('.style[data-name="unreachable"]')],
  ['Translate: a ⇄ whose direction fails to load', () => forward, () => reverse, (page) => page.click('#swap')],
]) {
  test(`${label} leaves the older picture on screen without offering it as that model's; back on its model it downloads as its own`, async () => {
    const model = first();
    const page = await opened(`style=${model.name}`);
    await page.setInputFiles('#file', PHOTO);
    let r = await waitDone(page);
    assert.equal(r.status, 'done', r.error);
    const picture = await pixels(page, 'after');

    await click(page);
    r = await waitDone(page);
    assert.equal(r.status, 'error');
    // A plain sentence; the file and the server's answer in the fold under it.
    assert.equal(r.error, 'The site does not have this model any more. Pick another one, or try again later.');
    assert.equal(await page.textContent('#error-detail-text'), `models/${second().file}: HTTP 404`);
    assert.equal(await page.isVisible('#error-detail'), true);
    assert.equal(await pixels(page, 'after'), picture, 'the older picture stays');
    assert.equal(await page.isDisabled('#download'), true, 'it is not the chosen model\'s picture');

    // Back on the model that made it: offered again, named and credited as that model's.
    if (label.startsWith('Style')) await page.click(`.style[data-name="${model.name}"]`);
    else await page.click('#swap');
    await settle(page);
    assert.equal(await page.evaluate(() => window.atelier.model.name), model.name);
    assert.equal(await page.isEnabled('#download'), true);
    const { name, png } = await download(page);
    assert.equal(name, `chelsea-${model.name}.png`);
    assert.ok(pngText(png).tEXt.Source.includes(model.name), 'credited to the model that made it');
    await page.close();
  });
}

test('Breed: a download while a gene preview shows saves the preview, with its own genome and label', async () => {
  const page = await opened('mode=breed');
  await page.waitForFunction(() => window.atelier.breed.lineage.length === 1 && window.atelier.breed.children.length === 8, null, { timeout: 240_000 });
  await settle(page);
  await page.click('summary:has-text("Genes")');
  await page.evaluate(() => { const g = document.querySelector('#genes input'); g.value = '2'; g.dispatchEvent(new Event('input')); });
  await settle(page);
  const [preview, current] = await page.evaluate(() => [window.atelier.breed.preview, window.atelier.breed.current].map((e) => Array.from(e.genome)));
  const { name, png } = await download(page);
  const text = pngText(png);
  const genome = Array.from(new Float32Array(new Uint8Array(Buffer.from(text.tEXt['Atelier-w'].split('base64: ')[1], 'base64')).buffer));
  assert.deepEqual(genome, preview, 'the genome of the preview on screen');
  assert.notDeepEqual(genome, current);
  assert.match(text.tEXt.Comment, /; lineage: seed 0 -> "seed 0" with gene 1 \+2 \(all layers\) \(shown, not kept\)$/);
  assert.match(text.iTXt.Comment, /^ψ 0\.70; lineage: seed 0 → “seed 0” with gene 1 \+2 \(all layers\) \(shown, not kept\)$/);
  assert.match(name, /-preview\.png$/);
  // Its pixels are the picture on screen.
  const diff = await page.evaluate(async (bytes) => {
    const read = (ctx) => ctx.getImageData(0, 0, 256, 256).data;
    const saved = new OffscreenCanvas(256, 256).getContext('2d');
    saved.drawImage(await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' })), 0, 0);
    const shown = new OffscreenCanvas(256, 256).getContext('2d');
    shown.imageSmoothingQuality = 'high';
    shown.drawImage(document.getElementById('parent'), 0, 0, 256, 256);
    const [a, b] = [read(saved), read(shown)];
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    return max;
  }, [...png]);
  assert.ok(diff <= 2, `the saved picture differs from the one shown by up to ${diff}`);
  await page.close();
});

test('text that Latin-1 cannot hold (“ ” → 简体中文) round-trips exactly through a download (iTXt, UTF-8), with a Latin-1 tEXt beside it', async () => {
  const t = { ...style, name: 'unicode_title', title: '“Night” → 简体中文', artist: 'Vincent → 梵高' };
  const page = await opened(`style=${t.name}`);
  await page.setInputFiles('#file', PHOTO);
  const r = await waitDone(page);
  assert.equal(r.status, 'done', r.error);
  const { png } = await download(page);
  const text = pngText(png);
  const source = `Stylized with ““Night” → 简体中文” by Vincent → 梵高${t.year ? ` (${t.year})` : ''}, ${t.licence}; model unicode_title`;
  assert.equal(text.iTXt.Source, source);
  assert.equal(text.tEXt.Source, source.replace(/[“”]/g, '"').replace(/→/g, '->').replace(/[简体中文梵高]/g, '?'));
  assert.equal(text.tEXt.Software, 'Atelier (neural style transfer)');
  assert.equal(text.iTXt.Software, undefined, 'Latin-1 text stays in tEXt alone');
  await page.close();
});

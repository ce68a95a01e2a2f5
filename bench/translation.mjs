// Translation models (pix2pix and CycleGAN) in `make bench`: time per image on each compute path (a
// sketch at 256² in Draw, a 768×512 picture in Colourise and Translate), and the live-drawing latency: from the end of a stroke to
// the new picture on screen, over scripted strokes (target < 300 ms at 256² on the CPU path).
import { launch } from '../tests/e2e/harness.mjs';

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function openPage(browser, server, backend, model) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=${backend}&style=${model.name}`);
  await page.waitForFunction(() => window.atelier.drawCount > 0 || document.body.dataset.status === 'ready', null, { timeout: 180_000 });
  return page;
}

async function drawTimes(page, repeats) {
  await page.waitForFunction(() => window.atelier.drawCount > 0 && !window.atelier.drawBusy, null, { timeout: 600_000 });
  const box = await page.locator('#sketch').boundingBox();
  const at = (x, y) => [box.x + (x / 256) * box.width, box.y + (y / 256) * box.height];
  const runs = [], latencies = [];
  for (let i = 0; i < repeats; i++) {
    const count = await page.evaluate(() => window.atelier.drawCount);
    const y = 40 + 30 * i;
    await page.mouse.move(...at(30, y));
    await page.mouse.down();
    await page.mouse.move(...at(220, y + 10), { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction((k) => window.atelier.drawCount > k && !window.atelier.drawBusy, count, { timeout: 600_000 });
    const [ms, lat] = await page.evaluate(() => [window.atelier.lastRun.ms, window.atelier.drawLatencies.at(-1)]);
    runs.push(ms);
    latencies.push(lat);
  }
  return { ms: median(runs), latency: median(latencies) };
}

/** Open a width×height picture made in the page (from the model's thumbnail: content does not
 * change speed) like an upload, run the model `repeats` times; the median ms. `afterFirst` is
 * called once the first result is there. */
export async function photoTimes(page, width, height, repeats, afterFirst = () => {}) {
  await page.evaluate(async ([w, h]) => {
    const img = new Image();
    img.src = 'models/' + window.atelier.model.thumbnail;
    await img.decode();
    const c = new OffscreenCanvas(w, h);
    c.getContext('2d').drawImage(img, 0, 0, w, h);
    document.body.dataset.status = 'busy';
    await window.atelier.openPhoto(await c.convertToBlob({ type: 'image/png' }), `bench-${w}x${h}.png`);
  }, [width, height]);
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    if (i > 0) await page.evaluate(() => { document.body.dataset.status = 'busy'; window.atelier.run(); });
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status), null, { timeout: 600_000 });
    const r = await page.evaluate(() => [document.body.dataset.status, document.getElementById('error').textContent, window.atelier.lastRun]);
    if (r[0] !== 'done') throw new Error(`${width}×${height}: ${r[1]}`);
    runs.push(r[2].ms);
    if (i === 0) afterFirst();
  }
  return { ms: median(runs) };
}

/** Figures for every pix2pix and CycleGAN model of the manifest, on the CPU and WebGPU paths. */
export async function benchTranslation(server, models, repeats) {
  const out = [];
  for (const m of models.filter((x) => x.kind === 'pix2pix' || x.kind === 'cyclegan')) {
    for (const backend of ['cpu', 'webgpu']) {
      const browser = await launch({ webgpu: true });
      const page = await openPage(browser, server, backend, m);
      const [used, software] = await page.evaluate(() => [window.atelier.backend, window.atelier.software]);
      const n = software ? Math.min(repeats, 3) : repeats;
      const r = m.input === 'sketch' ? await drawTimes(page, n) : await photoTimes(page, 768, 512, n);
      out.push({ model: m.name, input: m.input, backend: used, software, size: m.input === 'sketch' ? '256×256' : '768×512', ...r });
      await browser.close();
    }
  }
  return out;
}

export function printTranslation(rows, native) {
  if (!rows.length) return;
  const unet = (native.unet_forward || []).map((u) => `${u.size}² ${u.ms.toFixed(0)} ms (burn ${u.burn_ms.toFixed(0)} ms)`).join(', ');
  console.log(`\ntranslation models (pix2pix, CycleGAN), per image (ms); native U-Net (base 24, depth 6), fast CPU path, 1 thread (burn flex, the trainer's threads): ${unet}`);
  for (const r of rows) {
    const path = r.backend !== 'webgpu' ? 'CPU' : r.software ? 'WebGPU (software)' : 'WebGPU';
    const lat = r.latency === undefined ? '' : `; stroke end → picture ${r.latency.toFixed(0)} ms (target < 300 on the CPU)`;
    console.log(`  ${r.model.padEnd(22)} ${r.size.padEnd(8)} ${path.padEnd(18)} ${r.ms.toFixed(0).padStart(7)}${lat}`);
  }
}

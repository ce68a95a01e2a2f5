// Stylize photos with every shipped style in the real page (headless Chromium, CPU path unless
// BACKEND=webgpu) and save a screenshot of each, for looking at:
//   node tools/page_styles.mjs http://127.0.0.1:8080 photo.jpg [photo.jpg ...]
// Writes tests/output/page/<style>-<photo>.png and prints the time of each run.
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ROOT, launch, manifest, waitDone } from '../tests/e2e/harness.mjs';

const [url, ...photos] = process.argv.slice(2);
if (!url || photos.length === 0) {
  console.error('usage: node tools/page_styles.mjs URL PHOTO [PHOTO ...]');
  process.exit(2);
}
const backend = process.env.BACKEND || 'cpu';
const out = join(ROOT, 'tests', 'output', 'page');
await mkdir(out, { recursive: true });
const browser = await launch({ webgpu: backend === 'webgpu' });
let failed = 0;
try {
  for (const model of (await manifest()).models) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/?backend=${backend}&style=${model.name}`);
    await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 120_000 });
    for (const photo of photos) {
      await page.evaluate(() => { document.body.dataset.status = 'busy'; }); // not the last photo's 'done'
      await page.setInputFiles('#file', photo);
      const r = await waitDone(page);
      const name = `${model.name}-${basename(photo).replace(/\.[^.]+$/, '')}.png`;
      await page.screenshot({ path: join(out, name) });
      if (r.status !== 'done' || errors.length) failed++;
      console.log(`${model.name} ${basename(photo)}: ${r.status === 'done' ? `${r.run.width}×${r.run.height} in ${(r.run.ms / 1000).toFixed(2)} s on ${r.run.backend}` : r.error} ${errors.join('; ')}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
process.exit(failed ? 1 : 0);

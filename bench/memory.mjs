// Peak memory of a 36-megapixel photo (6000×6000) on the CPU path in `make bench`: the summed
// resident memory of every Chromium process, sampled every 200 ms from opening the photo to
// the result (target ≤ 2 GB). One browser runs at a time, so every Chromium process is this one.
import { execFileSync } from 'node:child_process';
import { launch } from '../tests/e2e/harness.mjs';

function chromiumRss() {
  const out = execFileSync('ps', ['-eo', 'rss=,comm=']).toString();
  return out.split('\n').filter((l) => /chrom/i.test(l)).reduce((n, l) => n + Number(l.trim().split(/\s+/)[0]) * 1024, 0);
}

export async function benchMemory(server, model, side = 6000) {
  const browser = await launch({ webgpu: false });
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${model.name}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 180_000 });
  // The photo: the model's thumbnail scaled up, encoded as a JPEG as a camera would.
  const idle = chromiumRss();
  let peak = idle;
  const timer = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 200);
  const t0 = Date.now();
  await page.evaluate(async (s) => {
    const img = new Image();
    img.src = 'models/' + window.atelier.model.thumbnail;
    await img.decode();
    const c = new OffscreenCanvas(s, s);
    c.getContext('2d').drawImage(img, 0, 0, s, s);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    document.body.dataset.status = 'busy';
    await window.atelier.openPhoto(blob, `bench-${s}.jpg`);
  }, side);
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.status), null, { timeout: 1_800_000, polling: 1000 });
  clearInterval(timer);
  const [status, error] = await page.evaluate(() => [document.body.dataset.status, document.getElementById('error').textContent]);
  await browser.close();
  return { side, megapixels: (side * side) / 1e6, idle, peak, seconds: (Date.now() - t0) / 1000, status, error };
}

export function printMemory(m) {
  if (!m) return;
  const gb = (b) => (b / 2 ** 30).toFixed(2);
  console.log(`\npeak memory, a ${m.side}×${m.side} photo (${m.megapixels} MP) on the CPU path: ${gb(m.peak)} GiB (all Chromium processes; ${gb(m.idle)} GiB before opening it); ${m.seconds.toFixed(0)} s; target ≤ 2 GB: ${m.peak <= 2e9 ? 'met' : 'NOT met'}${m.status === 'done' ? '' : ` — ${m.error}`}`);
}

// Peak memory of a 36-megapixel photo (6000×6000) on the CPU path in `make bench`, sampled
// every 200 ms from opening the photo to the result (target ≤ 2 GB), summed over every Chromium
// process of this browser (its process tree: other Chromiums on the machine are left out) in two ways:
// PSS (proportional set size: a page shared by n processes counts 1/n in each, so the sum is
// the memory the browser really holds) and RSS (shared pages counted in every process that maps
// them: Chromium's code and shared memory several times over, an upper bound).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch } from '../tests/e2e/harness.mjs';

function chromiumMemory(userDataDir) {
  const procs = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args=']).toString().split('\n').filter(Boolean).map((l) => {
    const [pid, ppid, kb, ...args] = l.trim().split(/\s+/);
    return { pid, ppid, kb: Number(kb), args: args.join(' ') };
  });
  // The browser process has the profile folder on its command line; the rest are its descendants.
  const mine = new Set(procs.filter((p) => p.args.includes(`--user-data-dir=${userDataDir}`)).map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  let rss = 0, pss = 0;
  for (const p of procs.filter((q) => mine.has(q.pid))) {
    rss += p.kb * 1024;
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8'));
      pss += (m ? Number(m[1]) : p.kb) * 1024;
    } catch { /* the process ended between ps and the read */ }
  }
  return { rss, pss };
}

/** `WORKERS` in the environment: the page's worker count (default: the page's own, every core). */
export async function benchMemory(server, model, side = 6000) {
  const browser = await launch({ webgpu: false });
  const page = await browser.newPage();
  await page.goto(`${server.url}/?backend=cpu&style=${model.name}${process.env.WORKERS ? `&workers=${process.env.WORKERS}` : ''}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 180_000 });
  // The photo: the model's thumbnail scaled up, encoded as a JPEG as a camera would.
  const idle = chromiumMemory(browser.userDataDir);
  const peak = { ...idle };
  const timer = setInterval(() => {
    const now = chromiumMemory(browser.userDataDir);
    peak.rss = Math.max(peak.rss, now.rss);
    peak.pss = Math.max(peak.pss, now.pss);
  }, 200);
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
  const [status, error, engineBytes] = await page.evaluate(() => [document.body.dataset.status, document.getElementById('error').textContent, window.atelier.lastRun?.engineBytes]);
  await browser.close();
  return { side, megapixels: (side * side) / 1e6, idle, peak, engineBytes, seconds: (Date.now() - t0) / 1000, status, error };
}

export function printMemory(m) {
  if (!m) return;
  const gb = (b) => (b / 2 ** 30).toFixed(2);
  console.log(`\npeak memory, a ${m.side}×${m.side} photo (${m.megapixels} MP) on the CPU path, all Chromium processes: PSS ${gb(m.peak.pss)} GiB (${gb(m.idle.pss)} GiB before opening it), RSS summed ${gb(m.peak.rss)} GiB (${gb(m.idle.rss)} before; counts shared pages in every process); the engine's WebAssembly memory ${gb(m.engineBytes || 0)} GiB; ${m.seconds.toFixed(0)} s; target ≤ 2 GB (PSS): ${m.peak.pss <= 2e9 ? 'met' : 'NOT met'}${m.status === 'done' ? '' : ` — ${m.error}`}`);
  console.log('  before (README, same method): 2026-12-02 RSS summed 4.6 GiB, 304 s; 2026-12-03 before the fast CPU path PSS 1.82–1.96 GiB, 9–13 min');
}

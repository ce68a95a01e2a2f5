// StyleGAN models in `make bench`: images per second in the Breed mode on each compute path
// (batches of 8 children at the model's resolution), next to `trainer generate` natively.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, launch } from '../tests/e2e/harness.mjs';

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

export async function benchBreed(server, models, repeats, trainer) {
  const out = [];
  for (const m of models.filter((x) => x.kind === 'stylegan')) {
    // Natively: the CPU inference path, and burn's generic kernels (`--reference`) in the same run.
    for (const [backend, extra] of [['native', []], ['native burn', ['--reference']]]) {
      const rates = [];
      for (let i = 0; i < 3; i++) {
        const text = execFileSync(trainer, ['generate', '--model', join(ROOT, 'models', m.file), '--seeds', '0-63', '--output', '/tmp/atelier-bench-grid.png', ...extra]).toString();
        rates.push(Number(text.match(/([\d.]+) images\/s/)?.[1]));
      }
      out.push({ model: m.name, backend, perSecond: median(rates) });
    }
    for (const backend of ['cpu', 'webgpu']) {
      const browser = await launch({ webgpu: true });
      const page = await browser.newPage();
      await page.goto(`${server.url}/?backend=${backend}&mode=breed&style=${m.name}`);
      await page.waitForFunction(() => window.atelier.breed.children.length === 8 && !window.atelier.engine.pending.size, null, { timeout: 300_000 });
      const [used, software] = await page.evaluate(() => [window.atelier.backend, window.atelier.software]);
      const n = software ? Math.min(repeats, 3) : repeats;
      const rates = [];
      for (let i = 0; i < n; i++) {
        const ms = await page.evaluate(async () => {
          const b = window.atelier.breed;
          await b.makeChildren();
          return b.timings.at(-1).ms;
        });
        rates.push((8 * 1000) / ms);
      }
      out.push({ model: m.name, backend: used, software, perSecond: median(rates) });
      await browser.close();
    }
  }
  return out;
}

export function printBreed(rows) {
  if (!rows.length) return;
  console.log('\nStyleGAN (Breed), images per second (batches of 8 children; native: 64 seeds, median of 3, fast path and burn)');
  for (const r of rows) {
    const path = r.backend.startsWith('native') ? r.backend : r.backend !== 'webgpu' ? 'CPU' : r.software ? 'WebGPU (software)' : 'WebGPU';
    console.log(`  ${r.model.padEnd(18)} ${path.padEnd(18)} ${r.perSecond.toFixed(1).padStart(7)} images/s`);
  }
}

// `make bench`: speed, size and quality figures, each with its peer measured in the same run.
// Prints medians, ratios and the machine; writes bench/output/bench.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, DIST, serve, launch, manifest } from '../tests/e2e/harness.mjs';
import { benchTranslation, printTranslation, photoTimes } from './translation.mjs';
import { benchBreed, printBreed } from './breed.mjs';
import { benchMemory, printMemory } from './memory.mjs';
import { benchOrt, printOrt, machine } from './ort.mjs';

const REPEATS = Number(process.env.REPEATS || 5);
const SIZES = (process.env.SIZES || '256,512,1024').split(',').map(Number);
const trainer = process.env.TRAINER || join(ROOT, 'target', 'release', 'trainer');
// ONLY=ort: Atelier's CPU path and native forward next to ONNX Runtime (Web and native), nothing
// else; written to bench/output/bench-ort.json (a full run keeps them in bench.json).
// ONLY=translation: the pix2pix and CycleGAN models in the page (Draw, Colourise, Translate), printed only.
// ONLY=breed: the StyleGAN models, in the page on both paths and native, printed only.
const ONLY = process.env.ONLY || '';
const PARTS = ['ort', 'translation', 'breed'];
if (ONLY && !PARTS.includes(ONLY)) throw new Error(`ONLY=${ONLY}: the parts that run alone are ${PARTS.map((p) => `ONLY=${p}`).join(', ')}`);
const mb = (b) => (b / 1e6).toFixed(2);

// `workers`: null = the page's default (every core), or how many workers the CPU engine may use.
async function browserRun(server, backend, model, workers = null) {
  const browser = await launch({ webgpu: true });
  const page = await browser.newPage();
  const start = server.log.length;
  await page.goto(`${server.url}/?backend=${backend}&style=${model.name}${workers ? `&workers=${workers}` : ''}`);
  await page.waitForFunction(() => document.body.dataset.status === 'ready', null, { timeout: 180_000 });
  const [used, software] = await page.evaluate(() => [window.atelier.backend, window.atelier.software]);
  // A software WebGPU adapter (SwiftShader, no GPU) is 10–30× slower than the CPU engine: measure
  // it at the small sizes only.
  const sizes = software ? SIZES.filter((s) => s <= 512) : SIZES;
  const repeats = software ? Math.min(REPEATS, 3) : REPEATS;
  const times = {};
  let firstLoad = null, firstLoadGz = null;
  for (const size of sizes) {
    const { ms } = await photoTimes(page, size, size, repeats, () => {
      if (firstLoad !== null) return;
      // Everything fetched from opening the page to the first result, raw and gzip-compressed
      // (what a static host with compression sends).
      const entries = server.log.slice(start);
      firstLoad = entries.reduce((n, e) => n + e.bytes, 0);
      firstLoadGz = entries.reduce((n, e) => n + gzipSync(readFileSync(join(DIST, e.path === '/' ? 'index.html' : e.path))).length, 0);
    });
    times[size] = ms;
  }
  const cores = await page.evaluate(() => window.atelier.lastRun?.cores || 1);
  await browser.close();
  return { backend: used, software, times, firstLoad, firstLoadGz, cores };
}

async function main() {
  await mkdir(join(ROOT, 'bench', 'output'), { recursive: true });
  const models = (await manifest()).models;
  const model = models.find((m) => (m.kind || 'fast_style') === 'fast_style');
  console.log(`machine: ${machine()}; ${execFileSync('chromium', ['--version']).toString().trim()}`);
  console.log(`medians of ${REPEATS} runs; model ${model.name}\n`);

  if (ONLY === 'translation' || ONLY === 'breed') {
    const server = await serve();
    if (ONLY === 'translation') printTranslation(await benchTranslation(server, models, REPEATS), {});
    else printBreed(await benchBreed(server, models, REPEATS, trainer));
    await server.close();
    process.exit(0);
  }
  const native = JSON.parse(execFileSync(trainer, ['bench', '--repeats', String(REPEATS)], { cwd: ROOT }).toString());
  const server = await serve();
  const cpu = await browserRun(server, 'cpu', model, 1);
  const cpuAll = await browserRun(server, 'cpu', model);
  const ort = await benchOrt(trainer, model, SIZES, REPEATS);
  if (ONLY === 'ort') {
    await server.close();
    printOrt(ort, SIZES, cpu, null, native.forward, cpuAll);
    await writeFile(join(ROOT, 'bench', 'output', 'bench-ort.json'), JSON.stringify({ native, cpu, cpuAll, ort }, null, 2));
    process.exit(0);
  }
  const gpu = await browserRun(server, 'webgpu', model);
  const translation = await benchTranslation(server, models, REPEATS);
  const breed = await benchBreed(server, models, REPEATS, trainer);
  const memory = process.env.MEMORY === '0' ? null : await benchMemory(server, model);
  await server.close();

  console.log('browser, per image (ms)        ' + SIZES.map((s) => `${s}²`.padStart(10)).join(''));
  console.log('  CPU (wasm SIMD, 1 worker)    ' + SIZES.map((s) => cpu.times[s].toFixed(0).padStart(10)).join(''));
  console.log(`  CPU, every core (${cpuAll.cores})`.padEnd(31) + SIZES.map((s) => cpuAll.times[s].toFixed(0).padStart(10)).join(''));
  const cell = (v) => (v === undefined ? '—' : v.toFixed(0)).padStart(10);
  const label = gpu.backend !== 'webgpu' ? 'WebGPU unavailable → CPU' : gpu.software ? 'WebGPU (software adapter)' : 'WebGPU';
  console.log(`  ${label}`.padEnd(31) + SIZES.map((s) => cell(gpu.times[s])).join(''));
  console.log('  WebGPU / CPU                 ' + SIZES.map((s) => (gpu.times[s] ? (gpu.times[s] / cpu.times[s]).toFixed(2) : '—').padStart(10)).join(''));
  console.log('native generator forward (ms)  ' + native.forward.map((f) => f.ours_ms.toFixed(0).padStart(10)).join(''));
  console.log('  browser CPU / native         ' + native.forward.map((f) => (cpu.times[f.size] / f.ours_ms).toFixed(2).padStart(10)).join(''));
  console.log('  Johnson full width (ms)      ' + native.forward.map((f) => f.johnson_full_width_ms.toFixed(0).padStart(10)).join(''));
  console.log('  ours / full width            ' + native.forward.map((f) => f.ratio.toFixed(2).padStart(10)).join(''));
  const st = native.train_step;
  console.log(`native training step (batch 4, 128², loss net + Adam): ${st.ours_ms.toFixed(0)} ms (full width ${st.johnson_full_width_ms.toFixed(0)} ms, ratio ${st.ratio.toFixed(2)}); ${st.ours_min_per_1000_steps.toFixed(1)} min per 1000 steps`);
  console.log(`native CycleGAN step (16/32/64, 6 blocks, batch 1, 128², both D then both G, Adam): ${native.cyclegan_step_ms.toFixed(0)} ms; PyTorch 2.15 on 2 threads: 290 ms (shared notes), ratio ${(native.cyclegan_step_ms / 290).toFixed(2)}`);
  const sg = native.stylegan_step_ms;
  console.log(`native StyleGAN step (64², batch 16, D then G, Adam): residual D ${sg.residual.toFixed(0)} ms, projected D (EfficientNet-Lite0 at 128²) ${sg.projected.toFixed(0)} ms (${(sg.projected / sg.residual).toFixed(2)}×); PyTorch 2.15 StyleGAN2-tiny 64² on 2 threads: 1160 ms (shared notes), residual ratio ${(sg.residual / 1160).toFixed(2)}`);
  console.log(`first load to first result: CPU ${mb(cpu.firstLoad)} MB (gzip ${mb(cpu.firstLoadGz)} MB), WebGPU ${mb(gpu.firstLoad)} MB (gzip ${mb(gpu.firstLoadGz)} MB); target ≤ 5 MB`);
  for (const m of models) {
    const info = execFileSync(trainer, ['inspect', join(ROOT, 'models', m.file)]).toString();
    const size = info.match(/\((\d+) bytes; f32 weights would be (\d+) bytes: ([\d.]+)×\)/);
    const db = info.match(/int8 PSNR vs f32: ([\d.]+) dB/);
    console.log(`model ${m.name.padEnd(16)} ${size[1]} bytes = ${size[3]}× f32 weights (${size[2]} bytes); int8 PSNR vs f32 ${db ? db[1] : '?'} dB`);
  }
  printOrt(ort, SIZES, cpu, gpu, native.forward, cpuAll);
  printTranslation(translation, native);
  printBreed(breed);
  printMemory(memory);
  const t512 = cpuAll.times[512];
  console.log(`\ntargets: CPU 512² ${(t512 / 1000).toFixed(2)} s (≤ 2 s: ${t512 <= 2000 ? 'met' : 'NOT met'}); first load ${mb(cpu.firstLoad)} MB (≤ 5 MB: ${cpu.firstLoad <= 5e6 ? 'met' : 'NOT met'})`);
  await writeFile(join(ROOT, 'bench', 'output', 'bench.json'), JSON.stringify({ native, cpu, cpuAll, gpu, ort, translation, breed, memory }, null, 2));
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });

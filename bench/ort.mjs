// The peer in `make bench`: ONNX Runtime on the same fast-style network with the same weights.
//
//   ONNX graph   `trainer dump-weights` (the model file's dequantized f32 weights and config) →
//                tools/onnx_from_model.py; checked against `trainer stylize` on a real photo
//                (tools/ort_native.py check: PSNR ≥ 40 dB, else the graph is wrong and the bench stops)
//   browser      ONNX Runtime Web (npm onnxruntime-web, tests/package.json devDependencies) in the
//                same Chromium, page bench/ort/ served cross-origin isolated (COOP/COEP) so its
//                wasm threads get SharedArrayBuffer: wasm EP with 1 thread and with every core, and
//                the WebGPU EP where an adapter exists (a software adapter: small sizes only)
//   native       onnxruntime (PyPI) with the trainer's thread count, next to `trainer bench`
//
// `node bench/ort.mjs` (or `ONLY=ort node bench/bench.mjs`, which also times Atelier) runs it alone.
// The Python packages live in ~/.cache/atelier/venv (ATELIER_VENV), made by `make bench`.
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, serve, launch, manifest } from '../tests/e2e/harness.mjs';

const OUT = join(ROOT, 'bench', 'output', 'ort');
const ORT_DIST = join(ROOT, 'tests', 'node_modules', 'onnxruntime-web', 'dist');
const ORT_FILES = ['ort.wasm.min.mjs', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm',
  'ort.webgpu.min.mjs', 'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const CHECK_PHOTO = join(ROOT, 'tests', 'fixtures', 'chelsea.jpg');
const MIN_DB = 40;

/** The CPU as the kernel names it (a VM may only say "AMD EPYC": family/model tell the generation),
 * its widest SIMD (native ONNX Runtime uses AVX-512 where present; wasm has 128-bit SIMD only) and
 * the load average (other work on the cores skews every figure). */
export function machine() {
  let extra = '';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (k) => info.match(new RegExp(`^${k}\\s*: (.*)$`, 'm'))?.[1];
    const flags = field('flags') || '';
    const simd = ['avx512f', 'avx2', 'neon'].find((f) => flags.split(' ').includes(f)) || 'sse';
    extra = ` (family ${field('cpu family')}, model ${field('model')}, ${simd})`;
  } catch { /* not Linux */ }
  return `${cpus()[0].model}${extra}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

function python() {
  const venv = process.env.ATELIER_VENV || join(homedir(), '.cache', 'atelier', 'venv');
  const py = join(venv, 'bin', 'python');
  if (!existsSync(py)) throw new Error(`${py} is missing: \`make bench\` creates it (tools/requirements-bench.txt)`);
  return py;
}

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${[cmd, ...args].join(' ')} failed:\n${e.stderr || e.message}`);
  }
}

/** The ONNX graph of `model` (a manifest entry) from its model file, checked against the trainer. */
export function prepare(trainer, model) {
  mkdirSync(OUT, { recursive: true });
  const bpk = join(ROOT, 'models', model.file);
  const weights = join(OUT, `${model.name}.safetensors`);
  const onnx = join(OUT, `${model.name}.onnx`);
  run(trainer, ['dump-weights', bpk, '--out', weights]);
  run(python(), [join(ROOT, 'tools', 'onnx_from_model.py'), weights, '--out', onnx]);
  const check = JSON.parse(run(python(), [join(ROOT, 'tools', 'ort_native.py'), 'check', '--onnx', onnx, '--model', bpk,
    '--trainer', trainer, '--photo', CHECK_PHOTO, '--work', OUT]));
  return { onnx, check };
}

/** One ONNX Runtime Web configuration in a fresh Chromium: `{ info, repeats, times: {size: ms} }`.
 * `plan(info)` gives the sizes and repeats once the page says what it runs on. */
async function browserRun(server, query, plan) {
  const browser = await launch({ webgpu: true });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/ort/index.html?${query}`);
    const info = await page.evaluate(() => window.ortBench.load());
    const times = {};
    const { sizes, repeats, check } = info.available ? plan(info) : { sizes: [], repeats: 0, check: false };
    // The same check photo as the native check, against `trainer stylize`: a wrong EP fails here.
    const agreement = check ? await page.evaluate(() => window.ortBench.check()) : null;
    if (agreement && agreement.psnr_db < MIN_DB) {
      throw new Error(`ONNX Runtime Web (${query}) disagrees with trainer stylize: ${agreement.psnr_db.toFixed(1)} dB < ${MIN_DB} dB`);
    }
    for (const size of sizes) times[size] = await page.evaluate(([s, n]) => window.ortBench.time(s, n), [size, repeats]);
    return { info, repeats, times, check: agreement };
  } finally {
    await browser.close();
  }
}

/** ONNX Runtime Web: wasm EP at 1 thread and at every core, and the WebGPU EP. */
export async function benchOrtWeb(onnx, sizes, repeats) {
  const routes = { '/ort/index.html': readFileSync(join(ROOT, 'bench', 'ort', 'index.html')),
    '/ort/run.js': readFileSync(join(ROOT, 'bench', 'ort', 'run.js')), '/ort/model.onnx': readFileSync(onnx),
    '/ort/check_input.png': readFileSync(join(OUT, 'check_input.png')), '/ort/check_trainer.png': readFileSync(join(OUT, 'check_trainer.png')) };
  for (const f of ORT_FILES) {
    const path = join(ORT_DIST, f);
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm ci\` in tests/ (make bench does)`);
    routes[`/ort/dist/${f}`] = readFileSync(path);
  }
  const server = await serve(routes, { headers: ISOLATED });
  try {
    const cores = cpus().length;
    const counts = (process.env.ORT_THREADS || `1,${cores}`).split(',').map(Number).filter((n, i, a) => n > 0 && a.indexOf(n) === i);
    const wasm = {}, checks = {};
    let info = null;
    for (const t of counts) {
      const r = await browserRun(server, `ep=wasm&threads=${t}`, () => ({ sizes, repeats, check: true }));
      if (!r.info.crossOriginIsolated && t > 1) throw new Error('the ORT page is not cross-origin isolated: no wasm threads');
      wasm[t] = r.times;
      checks[`wasm ${t}`] = r.check;
      info = r.info;
    }
    // A software WebGPU adapter (SwiftShader, no GPU) takes 30–80 s per 256² run: there, the
    // small size only (ORT_WEBGPU_MAX), one run after the warm-up, and no check photo.
    // An EP that fails here (an adapter it cannot use) is reported, not fatal: the wasm figures stand.
    let webgpu;
    try {
      const r = await browserRun(server, 'ep=webgpu', ({ software }) => ({
        sizes: sizes.filter((s) => s <= Number(process.env.ORT_WEBGPU_MAX || (software ? 256 : Infinity))),
        repeats: software ? 1 : repeats,
        check: !software,
      }));
      webgpu = { available: r.info.available, software: r.info.software, repeats: r.repeats, times: r.times };
      if (r.check) checks.webgpu = r.check;
    } catch (e) {
      webgpu = { available: false, error: String(e.message || e).split('\n')[0], times: {} };
    }
    return { version: info.version, crossOriginIsolated: info.crossOriginIsolated, cores: info.hardwareConcurrency, wasm, webgpu, checks };
  } finally {
    await server.close();
  }
}

/** Native onnxruntime with `threads` intra-op threads (the trainer's rayon pool: every core). */
export function benchOrtNative(onnx, sizes, repeats, threads = cpus().length) {
  return JSON.parse(run(python(), [join(ROOT, 'tools', 'ort_native.py'), 'bench', '--onnx', onnx,
    '--sizes', sizes.join(','), '--repeats', String(repeats), '--threads', String(threads)]));
}

/** Everything of the peer for the fast-style `model`. */
export async function benchOrt(trainer, model, sizes, repeats) {
  const before = machine();
  const { onnx, check } = prepare(trainer, model);
  const web = await benchOrtWeb(onnx, sizes, repeats);
  const threads = Number(process.env.RAYON_NUM_THREADS) || cpus().length;
  const native = benchOrtNative(onnx, sizes, repeats, threads);
  return { model: model.name, machine: before, machineAfter: machine(), onnx, check, web, native };
}

/** The table: `cpu`/`gpu` are Atelier's browser times ({times: {size: ms}}; `cpu` on one
 * worker, `cpuAll` the page's default, every core), `nativeOurs` the trainer's forward
 * ({size, ours_ms}[]); any of them may be null (ORT figures alone). */
export function printOrt(ort, sizes, cpu, gpu, nativeOurs, cpuAll = null) {
  const head = (t) => t.padEnd(46) + sizes.map((s) => `${s}²`.padStart(10)).join('');
  const row = (label, f) => console.log(`  ${label}`.padEnd(46) + sizes.map((s) => {
    const v = f(s);
    return (v === undefined || v === null || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2)).padStart(10);
  }).join(''));
  const w = ort.web;
  const counts = Object.keys(w.wasm).map(Number).sort((a, b) => a - b);
  const best = (s) => Math.min(...counts.map((t) => w.wasm[t][s]));
  const bestAt = (s) => counts.find((t) => w.wasm[t][s] === best(s));
  console.log(`\npeer machine: ${ort.machine}; after the peer's runs: load average ${ort.machineAfter.split('load average ')[1]}`);
  console.log(`peer: ONNX Runtime Web ${w.version} (npm onnxruntime-web), same network and weights (${ort.model}; ONNX graph vs trainer stylize on ${ort.check.width}×${ort.check.height} photo: ${ort.check.psnr_db.toFixed(1)} dB, max diff ${ort.check.max_abs_diff}/255); page cross-origin isolated: ${w.crossOriginIsolated}, ${w.cores} cores`);
  const agree = Object.entries(w.checks).map(([k, c]) => `${k} ${c.psnr_db.toFixed(1)} dB`).join(', ');
  console.log(`  ORT-Web vs trainer stylize on the same photo: ${agree}${w.webgpu.software ? ' (WebGPU on a software adapter: not checked)' : ''}`);
  console.log(head('browser, per image (ms)'));
  if (cpu) row('Atelier CPU (wasm SIMD, 1 worker)', (s) => cpu.times[s]);
  if (cpuAll) row(`Atelier CPU, page default (${cpuAll.cores} worker${cpuAll.cores > 1 ? 's' : ''})`, (s) => cpuAll.times[s]);
  for (const t of counts) row(`ORT-Web wasm, ${t} thread${t > 1 ? 's' : ''}`, (s) => w.wasm[t][s]);
  if (cpu) {
    row('Atelier 1 worker ÷ ORT-Web 1 thread', (s) => (w.wasm[1] ? cpu.times[s] / w.wasm[1][s] : undefined));
    if (cpuAll) row('Atelier default ÷ ORT-Web best thread count', (s) => cpuAll.times[s] / best(s));
    else row('Atelier ÷ ORT-Web best thread count', (s) => cpu.times[s] / best(s));
    console.log(`  (best ORT-Web thread count: ${sizes.map((s) => `${s}² ${bestAt(s)}`).join(', ')})`);
  }
  const wg = w.webgpu;
  const gpuLabel = wg.error ? 'ORT-Web WebGPU: failed (below)' : !wg.available ? 'ORT-Web WebGPU: no adapter' : `ORT-Web WebGPU${wg.software ? ` (software adapter, ${wg.repeats} run)` : ''}`;
  if (gpu && gpu.backend === 'webgpu') row(`Atelier WebGPU${gpu.software ? ' (software adapter)' : ''}`, (s) => gpu.times[s]);
  row(gpuLabel, (s) => wg.times[s]);
  if (gpu && gpu.backend === 'webgpu' && wg.available) row('Atelier WebGPU ÷ ORT-Web WebGPU', (s) => gpu.times[s] / wg.times[s]);
  if (wg.error) console.log(`    ${wg.error}`);
  const n = ort.native;
  console.log(head(`native forward (ms), ${n.threads} threads`));
  const ortNative = (s) => n.forward.find((f) => f.size === s)?.ms;
  const oursNative = (s) => nativeOurs?.find((f) => f.size === s)?.ours_ms;
  const burnNative = (s) => nativeOurs?.find((f) => f.size === s)?.burn_ms;
  if (nativeOurs) row('Atelier (fast CPU path, 1 thread)', oursNative);
  if (nativeOurs) row('  burn flex (generic kernels, reference)', burnNative);
  row(`onnxruntime ${n.onnxruntime} (CPU EP)`, ortNative);
  if (nativeOurs) row('Atelier ÷ onnxruntime', (s) => oursNative(s) / ortNative(s));
}

// `node bench/ort.mjs`: the peer's figures alone (no Atelier timing; ONLY=ort node bench/bench.mjs has both).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const REPEATS = Number(process.env.REPEATS || 5);
  const SIZES = (process.env.SIZES || '256,512,1024').split(',').map(Number);
  const trainer = process.env.TRAINER || join(ROOT, 'target', 'release', 'trainer');
  const model = (await manifest()).models.find((m) => (m.kind || 'fast_style') === 'fast_style');
  console.log(`machine: ${machine()}; medians of ${REPEATS} runs; model ${model.name}`);
  const ort = await benchOrt(trainer, model, SIZES, REPEATS);
  printOrt(ort, SIZES, null, null, null);
  process.exit(0);
}

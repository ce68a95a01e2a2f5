// Atelier's inference worker: owns the WebAssembly engine so the page never freezes.
// Messages in:  init {backend, workers}, load {url, kind, expect: {bytes, sha256}}, stylize {id, slot, url, rgba or photo: {id, blob, resize}, width, height},
//               adjust {id, slot, strength, preserveColour, y0, maxBytes}, realism {id, slot, url},
//               breed {id, url, psi, items: [op]} (StyleGAN: see `genomeOf`), loseDevice (tests: a lost GPU)
// Messages out: ready, loaded, progress, result {width, height, ms, engineBytes} (pixels via adjust), adjusted {rgba, width, height, y0, rows}, realism {map}, bred {genomes, rgba, size, ms},
//               error {id, message, fatal}

import { BandPool } from './bands.js';

const MODEL_CACHE = 'atelier-models-v1';
let engine = null;         // the wasm-bindgen module
let backend = 'cpu';
let pool = null;           // helper workers for the CPU engine (bands.js), when there are cores for them
const modelBytes = new Map(); // url -> the model file, for the helpers
const stylizers = new Map(); // url -> WebStylizer, or WebBreeder for StyleGAN models
// The latest result of each page mode (`slot`: a mode keeps its picture adjustable while another
// mode runs): slot -> {original, raw: Picture, width, height, url}.
const results = new Map();
const inUse = (p) => [...results.values()].some((r) => r.original === p || r.raw === p);

async function webgpuAdapter() {
  if (!('gpu' in navigator)) return null;
  try { return await navigator.gpu.requestAdapter(); } catch { return null; }
}

let cpuModule = null; // the CPU engine, compiled: the helper workers instantiate it too

async function loadEngine(kind) {
  // The WebGPU build is large; it is fetched only where an adapter exists.
  if (kind === 'webgpu') {
    const mod = await import('./gpu/atelier.js');
    await mod.default();
    return mod;
  }
  const mod = await import('./atelier.js');
  const url = new URL('./atelier_bg.wasm', import.meta.url);
  try {
    cpuModule = await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A host that does not send application/wasm: compile from the bytes.
    cpuModule = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
  await mod.default({ module_or_path: cpuModule });
  return mod;
}

// The SHA-256 of bytes, hex.
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function modelCache() {
  try { return self.caches ? await caches.open(MODEL_CACHE) : null; } catch { return null; }
}

// A model's bytes, checked against the manifest's size and SHA-256 (`expect`). A cached copy
// that does not match (a damaged download, or an updated model at the same URL) is dropped and
// fetched again. Nothing is cached here: see `stylizerFor`.
async function fetchModel(url, expect, { fresh = false } = {}) {
  const cache = await modelCache();
  const matches = async (bytes) => !expect?.sha256 || (bytes.byteLength === expect.bytes && (await sha256(bytes)) === expect.sha256);
  if (cache && !fresh) {
    const hit = await cache.match(url);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      if (await matches(bytes)) return { bytes, cached: true, cache };
      await cache.delete(url);
    }
  }
  // A failure names its cause (`code`: the page says it in words, see messages.js) and the detail.
  const failed = (code, detail) => Object.assign(new Error(`the model ${url}: ${detail}`), { code, detail: `${url}: ${detail}` });
  let res, bytes;
  try {
    res = await fetch(url, { cache: 'no-cache' });
    if (res.ok) bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw failed('network', `no answer from the network (${e.message || e})`);
  }
  if (!res.ok) throw failed('missing', `HTTP ${res.status}`);
  if (!(await matches(bytes))) throw failed('damaged', `${bytes.byteLength} of ${expect.bytes} bytes, or its SHA-256 differs`);
  return { bytes, cached: false, cache };
}

// A loaded engine for the model at `url`. The file is cached only after the engine has loaded it;
// a cached file that fails to load is evicted and fetched once more.
// The engine class of a model kind (the worker's one place that looks at kinds).
const engineClass = (kind) => (kind === 'stylegan' ? engine.WebBreeder : engine.WebStylizer);

async function stylizerFor(url, expect, kind) {
  if (stylizers.has(url)) return stylizers.get(url);
  let got = await fetchModel(url, expect);
  let s;
  try {
    s = await engineClass(kind).create(got.bytes, backend);
  } catch (e) {
    if (!got.cached) throw e;
    await got.cache.delete(url);
    got = await fetchModel(url, expect, { fresh: true });
    s = await engineClass(kind).create(got.bytes, backend);
  }
  if (got.cache && !got.cached) await got.cache.put(url, new Response(got.bytes)).catch(() => {});
  stylizers.set(url, s);
  if (pool) modelBytes.set(url, got.bytes);
  return s;
}

// The page's photo as an engine `Picture`, decoded from its file in this worker (off the page's
// thread; the page never holds its pixels) and copied into the engine once: the JS copy is
// dropped, so a large photo is held once. The latest one is kept for the next run of the same photo.
let decoded = null; // {id, picture}
async function photoPicture(photo, width, height) {
  if (decoded?.id === photo.id) return decoded.picture;
  forget(decoded?.picture);
  decoded = null;
  const opts = photo.resize ? { resizeWidth: photo.resize[0], resizeHeight: photo.resize[1], resizeQuality: 'high' } : {};
  const bitmap = await createImageBitmap(photo.blob, opts);
  if (bitmap.width !== width || bitmap.height !== height) {
    bitmap.close();
    throw new Error(`the photo decoded as ${bitmap.width}×${bitmap.height} here, not ${width}×${height}; open it again`);
  }
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const pixels = ctx.getImageData(0, 0, width, height).data;
  canvas.width = canvas.height = 0; // its pixels go now, not at the next garbage collection
  const picture = new engine.Picture(pixels, width, height);
  release(pixels);
  decoded = { id: photo.id, picture };
  return picture;
}

// The helper workers, holding the model at `url`, set on `s` for one run; null when this model or
// this engine does not split its work (WebGPU, pix2pix, one core).
async function helpersFor(s, url) {
  if (!pool || !modelBytes.has(url) || !(await s.takesBands())) return null;
  try {
    await pool.prepare(url, modelBytes.get(url));
  } catch {
    pool = null; // helpers cannot start here (memory, a blocked worker): one core
    return null;
  }
  const helpers = pool.forModel(url);
  s.setWorkers(helpers);
  return helpers;
}

// Free a large typed array's memory now instead of at the next garbage collection (its
// buffer is detached; ArrayBuffer.prototype.transfer, where the browser has it).
function release(array) {
  array?.buffer?.transfer?.(0);
}

// Free an engine picture now (not when the garbage collector gets to it), unless something
// still uses it.
function forget(picture) {
  if (!picture || picture === decoded?.picture || inUse(picture)) return;
  picture.free();
}

const handlers = {
  async init({ backend: wanted, workers = 1 }) {
    let adapter = wanted === 'cpu' ? null : await webgpuAdapter();
    let notice = null;
    if (wanted === 'webgpu' && !adapter) notice = 'WebGPU is not available in this browser; using the CPU.';
    // A software adapter (no GPU behind it) is far slower than the wasm CPU engine: automatic
    // choice skips it; asking for WebGPU explicitly still gets it.
    const software = adapter && (adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter);
    if (wanted === 'auto' && software) adapter = null;
    backend = adapter ? 'webgpu' : 'cpu';
    try {
      engine = await loadEngine(backend);
      if (backend === 'webgpu' && !engine.hasWebgpu()) throw new Error('this build has no WebGPU kernels');
    } catch (e) {
      if (backend === 'cpu') throw e;
      notice = `WebGPU engine failed to load (${e.message || e}); using the CPU.`;
      backend = 'cpu';
      engine = await loadEngine('cpu');
    }
    pool = backend === 'cpu' && workers > 1 ? new BandPool(workers - 1, cpuModule) : null;
    return { type: 'ready', backend, notice, software: Boolean(software && backend === 'webgpu'), workers: pool ? workers : 1 };
  },

  async load({ url, expect, kind }) {
    const s = await stylizerFor(url, expect, kind);
    // The helper workers start and load the model now, so the first picture is not the slow one.
    if (pool && kind !== 'stylegan' && (await s.takesBands())) pool.prepare(url, modelBytes.get(url)).catch(() => {});
    const reply = { type: 'loaded', url, meta: JSON.parse(s.metaJson()) };
    if (kind === 'stylegan') Object.assign(reply, { numWs: s.numWs, numGenes: s.numGenes, resolution: s.resolution });
    return reply;
  },

  // StyleGAN: make genomes (from seeds, by mutation, crossbreeding, mixing, genes or
  // interpolation) and render them all in one batch with truncation `psi`.
  async breed({ url, expect, psi, items }) {
    const b = await stylizerFor(url, expect, 'stylegan');
    if (!b.numWs) throw new Error('this model does not breed (it is not a StyleGAN model)');
    const t0 = performance.now();
    const genomes = [];
    for (const op of items) genomes.push(await genomeOf(b, op));
    const rgba = await b.render(concat(genomes), psi);
    return { type: 'bred', genomes, rgba, size: b.resolution, ms: performance.now() - t0, backend: b.backend };
  },

  // `rgba` (a drawing), or `photo` {id, blob, resize}: the photo file, decoded here.
  async stylize({ id, slot = 'main', url, rgba, photo, width, height }) {
    const original = photo ? await photoPicture(photo, width, height) : new engine.Picture(rgba, width, height);
    const s = await stylizerFor(url);
    const t0 = performance.now();
    const progress = (done, total) => postMessage({ type: 'progress', id, done, total });
    let raw;
    let cores = 1;
    const helpers = await helpersFor(s, url);
    try {
      raw = await s.stylize(original, 0, progress);
      cores = helpers?.used ?? 1; // a small picture stays on one core
    } catch (e) {
      // A helper that failed costs the speed, not the picture: once more on this core alone.
      if (helpers && pool?.broken) {
        s.setWorkers(null);
        pool = null;
        raw = await s.stylize(original, 0, progress).catch((e2) => { forget(original); throw e2; });
      } else {
        forget(original);
        throw e;
      }
    } finally {
      s.setWorkers(null);
    }
    const ms = performance.now() - t0;
    const previous = results.get(slot);
    results.set(slot, { original, raw, width, height, url });
    forget(previous?.original);
    forget(previous?.raw);
    // The pixels stay here (the page asks for them through `adjust`): a 36 MP result copied to
    // the page as well would be another 144 MB.
    return { type: 'result', id, width, height, ms, backend: s.backend, cores, engineBytes: engine.memoryBytes() };
  },

  // The reliability tests' lost GPU: destroy the WebGPU device as a driver reset would.
  async loseDevice() {
    engine.loseDevice?.();
    return { type: 'lost' };
  },

  // The discriminator's per-patch scores for the latest result (null: the model has none).
  async realism({ id, slot = 'main', url }) {
    const last = results.get(slot);
    if (!last || last.url !== url) throw new Error('nothing to judge yet');
    const s = await stylizerFor(url);
    const map = await s.realism(last.original, last.raw);
    return { type: 'realism', id, map, width: last.width, height: last.height };
  },

  // Rows from `y0`, at most `maxBytes` of them (the page takes a large result a band at a time:
  // a whole 36 MP result in flight would be another 144 MB on each side).
  async adjust({ id, slot = 'main', strength, preserveColour, y0 = 0, maxBytes = Infinity }) {
    const last = results.get(slot);
    if (!last) throw new Error('nothing to adjust yet');
    const { width, height } = last;
    const start = Math.min(y0, height);
    const end = Math.min(height, start + Math.max(1, Math.floor(maxBytes / (4 * width))));
    const rgba = engine.adjust(last.original, last.raw, strength, preserveColour, start, end);
    return { type: 'adjusted', id, rgba, width, height, y0: start, rows: end - start };
  },
};

// Genomes one after the other in one Float32Array (how the engine takes several).
function concat(genomes) {
  const flat = new Float32Array(genomes.reduce((n, g) => n + g.length, 0));
  genomes.reduce((at, g) => { flat.set(g, at); return at + g.length; }, 0);
  return flat;
}

// One genome from a breeding op: {seed}, {genome}, {mutate, seed, amount}, {crossbreed: [g…], seed},
// {mix: [coarse, fine], crossover}, {gene: g, edits: [{gene, amount, from, to}]}, {lerp: [a, b], t}.
async function genomeOf(b, op) {
  if (op.seed !== undefined && !op.mutate && !op.crossbreed) return b.fromSeed(op.seed);
  if (op.genome) return op.genome;
  if (op.mutate) return b.mutate(op.mutate, op.seed, op.amount);
  if (op.crossbreed) return b.crossbreed(concat(op.crossbreed), op.seed);
  if (op.mix) return b.mix(op.mix[0], op.mix[1], op.crossover);
  if (op.gene) return op.edits.reduce((g, e) => b.gene(g, e.gene, e.amount, e.from, e.to), op.gene);
  if (op.lerp) return b.interpolate(op.lerp[0], op.lerp[1], op.t);
  throw new Error(`unknown breeding request ${JSON.stringify(Object.keys(op))}`);
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    const reply = { ...(await handlers[msg.type](msg)), id: msg.id };
    const transfer = reply.rgba ? [reply.rgba.buffer] : [];
    postMessage(reply, transfer);
  } catch (e) {
    // A Rust error arrives as an Error with a readable message; a trap (RuntimeError) means the
    // engine's memory may be broken, and a lost GPU (a driver reset) that WebGPU is gone: either
    // way the page restarts the worker (on the CPU after a lost GPU).
    const lost = backend === 'webgpu' && Boolean(engine?.deviceLost?.());
    const message = String(e && e.message || e);
    const fatal = e instanceof WebAssembly.RuntimeError || lost;
    postMessage({ type: 'error', id: msg.id, request: msg.type, message: lost ? `The GPU stopped working (WebGPU device lost: ${message})` : message, fatal, code: e?.code, detail: e?.detail });
  }
};

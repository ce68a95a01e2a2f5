// Atelier's inference worker: owns the WebAssembly engine so the page never freezes.
// Messages in:  init {backend}, load {url}, stylize {id, url, rgba, width, height},
//               adjust {id, strength, preserveColour}, realism {id, url}
// Messages out: ready, loaded, progress, result, adjusted, realism {map}, error {id, message, fatal}

const MODEL_CACHE = 'atelier-models-v1';
let engine = null;         // the wasm-bindgen module
let backend = 'cpu';
const stylizers = new Map(); // url -> WebStylizer
let last = null;           // {original, raw, width, height} of the latest run

async function webgpuAdapter() {
  if (!('gpu' in navigator)) return null;
  try { return await navigator.gpu.requestAdapter(); } catch { return null; }
}

async function loadEngine(kind) {
  // The WebGPU build is large; it is fetched only where an adapter exists.
  const path = kind === 'webgpu' ? './gpu/atelier.js' : './atelier.js';
  const mod = await import(path);
  await mod.default();
  return mod;
}

async function fetchModel(url) {
  // Models are fetched once and kept in the Cache API (when the page is a secure context).
  let cache = null;
  try { cache = self.caches ? await caches.open(MODEL_CACHE) : null; } catch { cache = null; }
  let res = cache ? await cache.match(url) : undefined;
  if (!res) {
    res = await fetch(url);
    if (!res.ok) throw new Error(`could not download the model ${url} (HTTP ${res.status})`);
    if (cache) await cache.put(url, res.clone()).catch(() => {});
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function stylizerFor(url) {
  if (!stylizers.has(url)) {
    const bytes = await fetchModel(url);
    stylizers.set(url, await engine.WebStylizer.create(bytes, backend));
  }
  return stylizers.get(url);
}

const handlers = {
  async init({ backend: wanted }) {
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
    return { type: 'ready', backend, notice, software: Boolean(software && backend === 'webgpu') };
  },

  async load({ url }) {
    const s = await stylizerFor(url);
    return { type: 'loaded', url, meta: JSON.parse(s.metaJson()) };
  },

  async stylize({ id, url, rgba, width, height }) {
    const s = await stylizerFor(url);
    const t0 = performance.now();
    const raw = await s.stylize(rgba, width, height, 0, (done, total) => {
      postMessage({ type: 'progress', id, done, total });
    });
    const ms = performance.now() - t0;
    last = { original: rgba, raw, width, height, url };
    return { type: 'result', id, raw, width, height, ms, backend: s.backend };
  },

  // The discriminator's per-patch scores for the latest result (null: the model has none).
  async realism({ id, url }) {
    if (!last || last.url !== url) throw new Error('nothing to judge yet');
    const s = await stylizerFor(url);
    const map = await s.realism(last.original, last.raw, last.width, last.height);
    return { type: 'realism', id, map, width: last.width, height: last.height };
  },

  async adjust({ id, strength, preserveColour }) {
    if (!last) throw new Error('nothing to adjust yet');
    const rgba = engine.adjust(last.original, last.raw, last.width, last.height, strength, preserveColour);
    return { type: 'adjusted', id, rgba, width: last.width, height: last.height };
  },
};

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    const reply = { ...(await handlers[msg.type](msg)), id: msg.id };
    const transfer = reply.rgba ? [reply.rgba.buffer] : [];
    postMessage(reply, transfer);
  } catch (e) {
    // A Rust error arrives as an Error with a readable message; a trap (RuntimeError) means the
    // engine's memory may be broken, so the page restarts the worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    postMessage({ type: 'error', id: msg.id, request: msg.type, message: String(e && e.message || e), fatal });
  }
};

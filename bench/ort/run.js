// ONNX Runtime Web in the bench page: `?ep=wasm&threads=N` or `?ep=webgpu`. bench/ort.mjs calls
// window.ortBench.load() once, then time(size, repeats) per size.
//
// One timed run does what Atelier's worker times (www/worker.js `stylize`): RGBA bytes → planar
// f32 in [0, 1] → the network → RGBA bytes, on the page's own thread of JS (ORT's own threads
// under it). One untimed warm-up run per size, then the median of `repeats`.

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
let ort = null;
let session = null;

function pixels(size) {
  // A smooth picture with some texture; the content does not change the speed of a convolution.
  const rgba = new Uint8ClampedArray(size * size * 4);
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i += 4) {
      rgba[i] = (255 * x) / size;
      rgba[i + 1] = (255 * y) / size;
      rgba[i + 2] = 128 + 127 * Math.sin((x * y) / 97);
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

async function once(rgba, width, height = width) {
  const t0 = performance.now();
  const plane = width * height;
  const input = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    input[i] = rgba[4 * i] / 255;
    input[plane + i] = rgba[4 * i + 1] / 255;
    input[2 * plane + i] = rgba[4 * i + 2] / 255;
  }
  const result = await session.run({ image: new ort.Tensor('float32', input, [1, 3, height, width]) });
  const y = await result.stylized.getData();
  const out = new Uint8ClampedArray(4 * plane);
  for (let i = 0; i < plane; i++) {
    out[4 * i] = Math.round(y[i] * 255);
    out[4 * i + 1] = Math.round(y[plane + i] * 255);
    out[4 * i + 2] = Math.round(y[2 * plane + i] * 255);
    out[4 * i + 3] = 255;
  }
  result.stylized.dispose?.();
  return { ms: performance.now() - t0, out };
}

async function imagePixels(url) {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const c = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  return { width: c.width, height: c.height, rgba: ctx.getImageData(0, 0, c.width, c.height).data };
}

window.ortBench = {
  async load() {
    const q = new URLSearchParams(location.search);
    const ep = q.get('ep') || 'wasm';
    const threads = Number(q.get('threads') || 1);
    let software = null;
    if (ep === 'webgpu') {
      const adapter = navigator.gpu && (await navigator.gpu.requestAdapter());
      if (!adapter) return { ep, available: false };
      software = Boolean(adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter);
    }
    // The wasm-only bundle for the CPU runs; the WebGPU bundle (its own wasm build) for WebGPU.
    ort = await import(ep === 'webgpu' ? './dist/ort.webgpu.min.mjs' : './dist/ort.wasm.min.mjs');
    ort.env.wasm.wasmPaths = new URL('./dist/', location.href).href;
    ort.env.wasm.numThreads = threads;
    ort.env.wasm.proxy = false;
    const model = new Uint8Array(await (await fetch('model.onnx')).arrayBuffer());
    session = await ort.InferenceSession.create(model, { executionProviders: [ep], graphOptimizationLevel: 'all' });
    document.body.dataset.status = 'ready';
    return {
      ep, available: true, software, threads, version: ort.env.versions?.web ?? null,
      crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency,
    };
  },

  async time(size, repeats) {
    const rgba = pixels(size);
    await once(rgba, size); // warm-up: buffers for this size
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push((await once(rgba, size)).ms);
    return median(runs);
  },

  /** PSNR (dB, RGB bytes) of this engine's output on the check photo against `trainer stylize`'s. */
  async check() {
    const photo = await imagePixels('check_input.png');
    const ref = await imagePixels('check_trainer.png');
    const { out } = await once(photo.rgba, photo.width, photo.height);
    let se = 0, n = 0, max = 0;
    for (let i = 0; i < out.length; i += 4) {
      for (let k = 0; k < 3; k++) {
        const d = out[i + k] - ref.rgba[i + k];
        se += (d / 255) ** 2;
        n++;
        max = Math.max(max, Math.abs(d));
      }
    }
    return { psnr_db: se === 0 ? 999 : 10 * Math.log10(n / se), max_abs_diff: max };
  },
};

// Atelier's page: uploads, gallery, sliders, before/after, download. The network runs in worker.js.
import { addPngText } from './png-text.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const MAX_PIXELS = 40e6;   // same limits as the engine (crate/src/image)
const MAX_SIDE = 12000;

const state = {
  models: [], model: null, photo: null, // photo: {rgba, width, height, name}
  hasResult: false, runId: 0, backend: null, worker: null, pending: new Map(),
};
window.atelier = state; // for tests, benchmarks and the curious

function setStatus(s) { document.body.dataset.status = s; }
function showError(message) {
  const el = $('error');
  el.textContent = message;
  el.hidden = !message;
  if (message) setStatus('error');
}

// ---- worker -------------------------------------------------------------------------------
function startWorker(backend) {
  if (state.worker) state.worker.terminate();
  for (const { reject } of state.pending.values()) reject(new Error('the engine was restarted'));
  state.pending.clear();
  const worker = new Worker('./worker.js', { type: 'module' });
  state.worker = worker;
  worker.onmessage = (e) => onWorkerMessage(e.data);
  worker.onerror = (e) => {
    // An uncaught trap (a Rust panic) kills the engine: fail what was waiting, restart the worker,
    // and leave WebGPU for the CPU if that is where it happened.
    e.preventDefault();
    const failed = state.backend;
    const err = new Error(`The ${failed === 'webgpu' ? 'WebGPU' : 'CPU'} engine crashed (${e.message || 'unknown error'})`);
    err.fatal = true;
    for (const { reject } of state.pending.values()) reject(err);
    state.pending.clear();
    if (state.worker === worker) {
      startWorker(failed === 'webgpu' ? 'cpu' : failed)
        .then(() => showError(`${err.message}; restarted on the ${failed === 'webgpu' ? 'CPU' : 'same backend'} — try again.`))
        .catch((e2) => showError(`${err.message}, and it could not restart (${e2.message}). Reload the page.`));
    }
  };
  $('backend').textContent = 'starting…';
  return request({ type: 'init', backend }).then((r) => {
    state.backend = r.backend;
    state.software = r.software;
    $('backend').textContent = r.backend === 'webgpu' ? (r.software ? 'WebGPU (software)' : 'WebGPU') : 'CPU (WebAssembly)';
    $('backend').dataset.backend = r.backend;
    if (r.notice) showError(r.notice);
    return r;
  });
}

let nextId = 1;
function request(msg, transfer = []) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    state.pending.set(id, { resolve, reject, type: msg.type });
    state.worker.postMessage({ ...msg, id }, transfer);
  });
}

function onWorkerMessage(msg) {
  if (msg.type === 'progress') {
    const bar = $('progress');
    bar.hidden = false;
    bar.firstElementChild.style.width = `${(100 * msg.done) / msg.total}%`;
    bar.title = `tile ${msg.done} of ${msg.total}`;
    return;
  }
  const p = state.pending.get(msg.id);
  if (!p) return;
  state.pending.delete(msg.id);
  if (msg.type === 'error') {
    const err = new Error(msg.message);
    err.fatal = msg.fatal;
    p.reject(err);
    if (msg.fatal) {
      // A trap may have broken the engine's memory: start a fresh worker, on the CPU if WebGPU failed.
      const fallback = state.backend === 'webgpu' ? 'cpu' : state.backend;
      startWorker(fallback).catch(() => {});
    }
  } else {
    p.resolve(msg);
  }
}

// ---- styles -------------------------------------------------------------------------------
async function loadManifest() {
  const res = await fetch('models/manifest.json');
  if (!res.ok) throw new Error(`could not load the list of styles (HTTP ${res.status})`);
  const manifest = await res.json();
  state.models = manifest.models;
  const gallery = $('gallery');
  gallery.replaceChildren();
  for (const m of state.models) {
    const b = document.createElement('button');
    b.className = 'style';
    b.dataset.name = m.name;
    b.setAttribute('role', 'option');
    b.title = `${m.title} — ${m.artist}`;
    const img = document.createElement('img');
    img.src = `models/${m.thumbnail}`;
    img.alt = m.title;
    const cap = document.createElement('span');
    cap.textContent = m.title;
    b.append(img, cap);
    b.onclick = () => selectStyle(m.name);
    gallery.append(b);
  }
  const wanted = params.get('style');
  selectStyle(state.models.some((m) => m.name === wanted) ? wanted : state.models[0]?.name);
}

function selectStyle(name) {
  state.model = state.models.find((m) => m.name === name) || null;
  for (const b of document.querySelectorAll('.style')) b.setAttribute('aria-selected', b.dataset.name === name);
  const m = state.model;
  $('credit').textContent = m ? `${m.title}, ${m.artist}${m.year ? ` (${m.year})` : ''} — ${m.licence}.` : '';
  updateButtons();
  if (m && state.photo) run();
}

// ---- photos -------------------------------------------------------------------------------
async function openPhoto(blob, name = 'photo') {
  showError('');
  setStatus('loading');
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    showError(`“${name}” is not an image this browser can read. Use a PNG, JPEG or WebP photo.`);
    return;
  }
  const { width, height } = bitmap;
  if (width * height > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE) {
    showError(`The image is ${width}×${height} (${(width * height / 1e6).toFixed(1)} megapixels); the limit is 40 megapixels and ${MAX_SIDE} pixels per side. Downscale it first.`);
    bitmap.close();
    return;
  }
  if (width < 16 || height < 16) {
    showError(`The image is ${width}×${height}; it must be at least 16×16 pixels.`);
    bitmap.close();
    return;
  }
  const before = $('before');
  before.width = width; before.height = height;
  const ctx = before.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = new Uint8Array(ctx.getImageData(0, 0, width, height).data.buffer);
  state.photo = { rgba, width, height, name };
  state.hasResult = false;
  const after = $('after');
  after.width = width; after.height = height;
  after.getContext('2d').clearRect(0, 0, width, height);
  $('compare').hidden = false;
  $('hint').hidden = true;
  $('compare').style.aspectRatio = `${width} / ${height}`;
  updateButtons();
  if (state.model) run();
}

// ---- stylize ------------------------------------------------------------------------------
async function run() {
  if (!state.photo || !state.model || !state.worker) return;
  const runId = ++state.runId;
  showError('');
  setStatus('busy');
  updateButtons(true);
  $('progress').hidden = false;
  $('progress').firstElementChild.style.width = '0%';
  $('timing').textContent = state.pending.size ? '' : 'loading style…';
  const { rgba, width, height } = state.photo;
  try {
    const url = `models/${state.model.file}`;
    await request({ type: 'load', url });
    $('timing').textContent = 'painting…';
    const r = await request({ type: 'stylize', url, rgba: rgba.slice(), width, height });
    if (runId !== state.runId) return;
    state.lastRun = { ms: r.ms, backend: r.backend, width, height };
    $('timing').textContent = `${(r.ms / 1000).toFixed(2)} s on ${r.backend === 'webgpu' ? 'WebGPU' : 'CPU'}`;
    state.hasResult = true;
    await adjust();
    setStatus('done');
  } catch (e) {
    if (runId === state.runId) {
      showError(e.fatal ? `${e.message}; it was restarted — try again.` : e.message);
      $('timing').textContent = '';
    }
  } finally {
    if (runId === state.runId) {
      $('progress').hidden = true;
      updateButtons(false);
    }
  }
}

let adjusting = false, adjustAgain = false;
async function adjust() {
  if (!state.hasResult) return;
  if (adjusting) { adjustAgain = true; return; }
  adjusting = true;
  try {
    do {
      adjustAgain = false;
      const r = await request({
        type: 'adjust', strength: $('strength').value / 100, preserveColour: $('keep-colour').checked,
      });
      const img = new ImageData(new Uint8ClampedArray(r.rgba.buffer), r.width, r.height);
      $('after').getContext('2d').putImageData(img, 0, 0);
    } while (adjustAgain);
  } catch (e) {
    showError(e.message);
  } finally {
    adjusting = false;
  }
}

function updateButtons(busy = false) {
  $('run').disabled = busy || !state.photo || !state.model;
  $('download').disabled = busy || !state.hasResult;
}

async function download() {
  const m = state.model;
  const blob = await new Promise((res) => $('after').toBlob(res, 'image/png'));
  const png = new Uint8Array(await blob.arrayBuffer());
  const tagged = addPngText(png, {
    Software: 'Atelier (neural style transfer)',
    Source: `Stylized with “${m.title}” by ${m.artist}${m.year ? ` (${m.year})` : ''}, ${m.licence}; model ${m.name}`,
    Comment: `strength ${$('strength').value}%, keep colours ${$('keep-colour').checked ? 'yes' : 'no'}`,
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([tagged], { type: 'image/png' }));
  const base = (state.photo?.name || 'photo').replace(/\.[^.]+$/, '');
  a.download = `${base}-${m.name}.png`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// ---- wiring -------------------------------------------------------------------------------
function wire() {
  const drop = $('drop');
  $('file').onchange = (e) => { const f = e.target.files[0]; if (f) openPhoto(f, f.name); e.target.value = ''; };
  drop.onclick = (e) => { if (!state.photo && e.target.id !== 'file') $('file').click(); };
  drop.onkeydown = (e) => { if (e.key === 'Enter' || e.key === ' ') $('file').click(); };
  drop.ondragover = (e) => { e.preventDefault(); drop.classList.add('over'); };
  drop.ondragleave = () => drop.classList.remove('over');
  drop.ondrop = (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer.files[0];
    if (f) openPhoto(f, f.name);
  };
  document.addEventListener('paste', (e) => {
    const item = [...e.clipboardData.items].find((i) => i.kind === 'file');
    if (item) openPhoto(item.getAsFile(), 'pasted image');
  });
  $('split').oninput = (e) => { $('after').style.clipPath = `inset(0 0 0 ${e.target.value}%)`; };
  $('after').style.clipPath = 'inset(0 0 0 50%)';
  $('strength').oninput = (e) => { $('strength-out').textContent = `${e.target.value}%`; adjust(); };
  $('keep-colour').onchange = adjust;
  $('run').onclick = run;
  $('download').onclick = download;
  const select = $('backend-select');
  select.value = ['cpu', 'webgpu'].includes(params.get('backend')) ? params.get('backend') : 'auto';
  select.onchange = () => startWorker(select.value).then(() => state.photo && run()).catch((e) => showError(e.message));
}

Object.assign(state, { openPhoto: (blob, name) => openPhoto(blob, name), run: () => run() });

async function main() {
  setStatus('starting');
  wire();
  try {
    await Promise.all([startWorker($('backend-select').value), loadManifest()]);
    setStatus('ready');
  } catch (e) {
    showError(e.message);
  }
}

main();

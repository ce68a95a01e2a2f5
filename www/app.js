// Atelier's page: modes (Style, Draw, Colourise, Translate, Breed), uploads, gallery, sliders,
// before/after, the drawing canvas, the realism map, download. The networks run in worker.js;
// the Breed mode's panel is breed.js.
import { addPngText } from './png-text.js';
import { Sketchpad } from './sketchpad.js';
import { drawRealism } from './realism.js';
import { imageSize } from './image-size.js';
import { Engine } from './engine.js';
import { BreedPanel } from './breed.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const MAX_PIXELS = 40e6;   // same limits as the engine (crate/src/image)
const MAX_SIDE = 12000;
const ADJUST_BYTES = 32e6;   // result pixels per message (a band of rows of larger results)
const DISPLAY_SIDE = 2048; // the original photo is shown at most this large (the result at full size)

const state = {
  models: [], model: null, photo: null, // photo: {blob, resize, width, height, name, id}
  mode: 'style', hasResult: false, runId: 0, backend: null, photoSeq: 0,
  pad: null, drawBusy: false, drawDirty: false, drawCount: 0, drawLatencies: [], lastRealism: null,
};

// The page's modes and the models that belong to each (the one place the page looks at kinds).
const MODES = {
  style: { hint: 'Repaint a photo in the manner of a painting.', photo: true },
  draw: { hint: 'Draw with dark lines on the white canvas; the picture follows as you draw.', photo: false },
  colourise: { hint: 'Open a black-and-white (or colour) photo: the model paints its colours, your photo keeps every detail.', photo: true },
  translate: { hint: 'Carry a picture from one kind of image to another (CycleGAN, learned from two unpaired collections); ⇄ swaps the direction.', photo: true },
  breed: { hint: 'Draw new images from seeds, mix their styles and breed them (StyleGAN): click a child to keep it.', photo: false },
};
function modeOf(m) {
  if ((m.kind || 'fast_style') === 'fast_style') return 'style';
  if (m.kind === 'pix2pix') return m.input === 'sketch' ? 'draw' : m.input === 'gray' ? 'colourise' : 'style';
  if (m.kind === 'cyclegan') return 'translate';
  if (m.kind === 'stylegan') return 'breed';
  return null; // a kind this page does not know: not listed
}
const isTranslation = (m) => m && (m.kind === 'pix2pix' || m.kind === 'cyclegan');
// The other direction of a CycleGAN model (same domains, swapped).
const reverseOf = (m) => state.models.find((o) => o.kind === 'cyclegan' && o.from === m.to && o.to === m.from);
// How far a translation model was trained, said plainly.
const trainedText = (m) => (m.steps ? ` Trained ${m.steps} steps${m.hours ? ` (${m.hours} h on a CPU)` : ''}: ${m.note || 'see its card for what that gives'}.` : '');
window.atelier = state; // for tests, benchmarks and the curious

function setStatus(s) { document.body.dataset.status = s; }
function showError(message) {
  const el = $('error');
  el.textContent = message;
  el.hidden = !message;
  if (message) setStatus('error');
}

// ---- engine -------------------------------------------------------------------------------
// Every core by default (the CPU engine splits each picture into bands of rows across workers);
// `?workers=1` keeps it to one.
const WORKERS = Math.max(1, Math.min(Number(params.get('workers')) || navigator.hardwareConcurrency || 1, 8));
const engine = new Engine({
  workers: WORKERS,
  onStarted: (r) => {
    state.backend = r.backend;
    state.software = r.software;
    $('backend').textContent = r.backend === 'webgpu' ? (r.software ? 'WebGPU (software)' : 'WebGPU') : 'CPU (WebAssembly)';
    $('backend').dataset.backend = r.backend;
    if (r.notice) showError(r.notice);
    // A software adapter (no graphics card behind WebGPU) is far slower than the CPU engine.
    $('notice').hidden = !(r.backend === 'webgpu' && r.software);
  },
  onProgress: (msg) => {
    if (state.mode === 'draw') return; // one small picture: no bar
    const bar = $('progress');
    bar.hidden = false;
    bar.firstElementChild.style.width = `${(100 * msg.done) / msg.total}%`;
    bar.title = `tile ${msg.done} of ${msg.total}`;
    if (msg.total > 1 && state.runStart) {
      // An estimate of the time left, from the tiles done so far.
      const left = ((performance.now() - state.runStart) / msg.done) * (msg.total - msg.done) / 1000;
      $('timing').textContent = msg.done < msg.total ? `tile ${msg.done} of ${msg.total}, about ${left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left` : 'finishing…';
    }
  },
  onCrash: (err, restartError) => showError(restartError
    ? `${err.message}, and it could not restart (${restartError.message}). Reload the page.`
    : `${err.message}; restarted — try again.`),
});
state.engine = engine;
const request = (msg, transfer) => engine.request(msg, transfer);
state.breed = new BreedPanel({
  request,
  onStatus: (s) => { if (s === 'busy') showError(''); setStatus(s); updateButtons(s === 'busy'); },
  onError: (message) => { showError(message); updateButtons(false); },
  onTiming: (text) => { $('timing').textContent = text; },
});

// A fresh engine; the result on screen can no longer be adjusted until the new one runs.
function startWorker(backend) {
  state.hasResult = false;
  state.busyRun = null;
  $('backend').textContent = 'starting…';
  return engine.start(backend);
}

// ---- models and modes --------------------------------------------------------------------
async function loadManifest() {
  let manifest;
  try {
    const res = await fetch('models/manifest.json', { cache: 'no-cache' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    try { manifest = JSON.parse(text); } catch (e) { throw new Error(`it is not valid JSON: ${e.message}`); }
    if (!Array.isArray(manifest?.models)) throw new Error('it has no "models" list');
  } catch (e) {
    state.manifestError = `the list of models (models/manifest.json) could not be read — ${e.message}`;
    $('retry').hidden = false;
    throw new Error(`${state.manifestError[0].toUpperCase()}${state.manifestError.slice(1)}. Check the connection or the site, then try again.`);
  }
  state.manifestError = null;
  $('retry').hidden = true;
  state.models = manifest.models.filter((m) => modeOf(m));
  for (const b of document.querySelectorAll('#modes [role=tab]')) {
    b.hidden = !state.models.some((m) => modeOf(m) === b.dataset.mode);
    b.onclick = () => selectMode(b.dataset.mode);
  }
  const wanted = state.models.find((m) => m.name === params.get('style'));
  const mode = wanted ? modeOf(wanted) : (MODES[params.get('mode')] && params.get('mode')) || 'style';
  selectMode(mode, wanted?.name);
}

function selectMode(mode, name) {
  state.mode = mode;
  for (const b of document.querySelectorAll('#modes [role=tab]')) b.setAttribute('aria-selected', b.dataset.mode === mode);
  $('mode-hint').textContent = MODES[mode].hint;
  $('draw').hidden = mode !== 'draw';
  $('breed').hidden = mode !== 'breed';
  $('drop').hidden = !MODES[mode].photo;
  $('strength-label').hidden = mode === 'breed';
  $('truncation-label').hidden = mode !== 'breed';
  if (mode !== 'breed') state.breed.stop();
  $('keep-colour-label').hidden = !['style', 'translate'].includes(mode);
  $('run').textContent = { style: 'Stylize', draw: 'Redraw', colourise: 'Colourise', translate: 'Translate', breed: 'Random seed' }[mode];
  const gallery = $('gallery');
  gallery.replaceChildren();
  const models = state.models.filter((m) => modeOf(m) === mode);
  for (const m of models) {
    const b = document.createElement('button');
    b.className = 'style';
    b.dataset.name = m.name;
    b.setAttribute('role', 'option');
    b.title = m.kind === 'pix2pix' ? `${m.title} — trained on ${m.artist}` : `${m.title} — ${m.artist}`;
    const img = document.createElement('img');
    img.src = `models/${m.thumbnail}`;
    img.alt = m.title;
    const cap = document.createElement('span');
    cap.textContent = m.title;
    b.append(img, cap);
    b.onclick = () => selectStyle(m.name);
    gallery.append(b);
  }
  state.hasResult = false;
  if (mode === 'draw' && !state.pad) {
    state.pad = new Sketchpad($('sketch'), {
      onChange: (ended) => drawChanged(ended),
      onHistory: ({ undo, redo }) => { $('undo').disabled = !undo; $('redo').disabled = !redo; },
    });
  }
  selectStyle(models.some((m) => m.name === name) ? name : models[0]?.name);
}

function selectStyle(name) {
  state.model = state.models.find((m) => m.name === name) || null;
  for (const b of document.querySelectorAll('.style')) b.setAttribute('aria-selected', b.dataset.name === name);
  const m = state.model;
  $('credit').textContent = !m ? '' : isTranslation(m)
    ? `${m.title}: trained on ${m.artist} — ${m.licence}.${trainedText(m)}`
    : `${m.title}, ${m.artist}${m.year ? ` (${m.year})` : ''} — ${m.licence}.`;
  $('swap').hidden = !(m && m.kind === 'cyclegan' && reverseOf(m));
  $('realism-label').hidden = !isTranslation(m);
  hideRealism();
  updateButtons();
  if (!m) return;
  if (state.mode === 'breed') state.breed.start(m).catch((e) => { if (!e.cancelled) showError(e.message); });
  else if (state.mode === 'draw') runDraw();
  else if (state.photo) run();
}

// ---- photos -------------------------------------------------------------------------------
// `resize`: [w, h] to decode the picture straight to that size (the downscaled copy offered for
// pictures over the limits; the browser's decoder does it, off the page's thread).
async function openPhoto(blob, name = 'photo', resize = null) {
  showError('');
  $('downscale').hidden = true;
  setStatus('loading');
  const tooLarge = (w, h) => w * h > MAX_PIXELS || w > MAX_SIDE || h > MAX_SIDE;
  const sizeMessage = (w, h) => `The image is ${w}×${h} (${(w * h / 1e6).toFixed(1)} megapixels); the limit is 40 megapixels and ${MAX_SIDE} pixels per side. Downscale it first.`;
  // The header first: a huge picture is refused before anything decodes it.
  const header = await imageSize(blob).catch(() => null);
  if (header && tooLarge(header.width, header.height) && !resize) {
    showError(sizeMessage(header.width, header.height));
    // Decodable sizes get an offer: the largest copy within the limits.
    const { width: w, height: h } = header;
    if (w * h <= 250e6) {
      const s = Math.min(Math.sqrt((0.98 * MAX_PIXELS) / (w * h)), MAX_SIDE / Math.max(w, h));
      const [dw, dh] = [Math.floor(w * s), Math.floor(h * s)];
      const offer = $('downscale');
      offer.textContent = `Work on a downscaled copy (${dw}×${dh})`;
      offer.onclick = () => openPhoto(blob, name, [dw, dh]);
      offer.hidden = false;
    }
    return;
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, resize ? { resizeWidth: resize[0], resizeHeight: resize[1], resizeQuality: 'high' } : {});
  } catch {
    showError(`“${name}” is not an image this browser can read. Use a PNG, JPEG or WebP photo.`);
    return;
  }
  const { width, height } = bitmap;
  if (tooLarge(width, height)) {
    showError(sizeMessage(width, height));
    bitmap.close();
    return;
  }
  if (width < 16 || height < 16) {
    showError(`The image is ${width}×${height}; it must be at least 16×16 pixels.`);
    bitmap.close();
    return;
  }
  // Only for the eye: the engine reads the photo from its file in the worker, so this thread
  // holds a preview of at most DISPLAY_SIDE a side (a 36 MP photo would be another 144 MB).
  const shown = Math.min(1, DISPLAY_SIDE / Math.max(width, height));
  const before = $('before');
  before.width = Math.round(width * shown); before.height = Math.round(height * shown);
  before.getContext('2d').drawImage(bitmap, 0, 0, before.width, before.height);
  bitmap.close();
  state.photo = { blob, resize, width, height, name, id: ++state.photoSeq };
  state.hasResult = false;
  const after = $('after');
  after.width = width; after.height = height;
  after.getContext('2d').clearRect(0, 0, width, height);
  $('compare').hidden = false;
  $('hint').hidden = true;
  $('compare').style.aspectRatio = `${width} / ${height}`;
  updateButtons();
  run(); // with no model it says why instead of leaving the page loading
}

// The engine for the selected model, its file checked against the manifest's size and SHA-256.
function loadModel(url) {
  return request({ type: 'load', url, expect: { bytes: state.model.bytes, sha256: state.model.sha256 } });
}

// ---- stylize ------------------------------------------------------------------------------
async function run() {
  if (state.mode === 'draw') return runDraw();
  if (state.mode === 'breed') return $('seed-random').click();
  if (state.photo && !state.model) {
    // Never leave the page waiting: say why nothing runs.
    showError(state.manifestError ? `Nothing to run: ${state.manifestError}. Try again below.` : 'Pick a model first.');
    return;
  }
  if (!state.photo || !state.model || !engine.worker) return;
  // A run is still working on an older request (another style, photo or backend): stop it now
  // instead of waiting for tiles nobody will see. The engine cannot be interrupted between two
  // tiles from outside, so the worker is replaced; its model files come back from the cache.
  if (state.busyRun) await startWorker(state.busyRun.backend).catch(() => {});
  const runId = ++state.runId;
  showError('');
  setStatus('busy');
  updateButtons(true);
  $('progress').hidden = false;
  $('progress').firstElementChild.style.width = '0%';
  $('timing').textContent = engine.pending.size ? '' : 'loading style…';
  const { blob, resize, width, height, id } = state.photo;
  try {
    const url = `models/${state.model.file}`;
    await loadModel(url);
    $('timing').textContent = 'painting…';
    state.runStart = performance.now();
    state.busyRun = { runId, backend: $('backend-select').value };
    const r = await request({ type: 'stylize', url, photo: { id, blob, resize }, width, height });
    if (state.busyRun?.runId === runId) state.busyRun = null;
    if (runId !== state.runId) return;
    state.lastRun = { ms: r.ms, backend: r.backend, width, height, engineBytes: r.engineBytes, cores: r.cores };
    $('timing').textContent = `${(r.ms / 1000).toFixed(2)} s on ${r.backend === 'webgpu' ? 'WebGPU' : r.cores > 1 ? `${r.cores} CPU cores` : 'CPU'}`;
    state.hasResult = true;
    await adjust();
    await showRealism();
    setStatus('done');
  } catch (e) {
    if (state.busyRun?.runId === runId) state.busyRun = null;
    if (runId === state.runId && !e.cancelled) {
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
      const settings = { strength: $('strength').value / 100, preserveColour: $('keep-colour').checked };
      // A band of rows at a time (one band up to ADJUST_BYTES: most photos), each freed as soon
      // as the canvas has it, so a large result is never copied whole between the threads.
      for (let y0 = 0, height = 1; y0 < height && !adjustAgain;) {
        const r = await request({ type: 'adjust', ...settings, y0, maxBytes: ADJUST_BYTES });
        const out = outputCanvas();
        if (out.width !== r.width || out.height !== r.height) { out.width = r.width; out.height = r.height; }
        if (r.rows > 0) out.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(r.rgba.buffer), r.width, r.rows), 0, r.y0);
        r.rgba.buffer.transfer?.(0); // the canvas has the pixels: free this copy now, not at the next collection
        [y0, height] = [r.y0 + Math.max(r.rows, 1), r.height];
      }
    } while (adjustAgain);
  } catch (e) {
    if (!e.cancelled) showError(e.message);
  } finally {
    adjusting = false;
  }
}

function outputCanvas() {
  return state.mode === 'draw' ? $('drawn') : $('after');
}

function updateButtons(busy = false) {
  const needsPhoto = MODES[state.mode]?.photo;
  $('run').disabled = busy || !state.model || (needsPhoto && !state.photo);
  $('download').disabled = busy || (state.mode === 'breed' ? !state.breed.current : !state.hasResult);
}

// ---- drawing ------------------------------------------------------------------------------
// Live: every change of the drawing asks for a new picture; while one is being made, only the
// newest drawing waits (no queue of stale ones). Updates in the middle of a stroke are made only
// where the engine is fast enough: a slow one would still be busy with them when the stroke
// ends, and the picture for the finished stroke would come a whole run later.
const LIVE_MAX_MS = 150;
function drawChanged(ended) {
  if (state.mode !== 'draw' || !state.model) return;
  if (!ended && !(state.lastRun?.ms <= LIVE_MAX_MS)) return;
  if (state.drawBusy) { state.drawDirty = true; return; }
  runDraw();
}

async function runDraw() {
  if (!state.pad || !state.model || !engine.worker) return;
  if (state.drawBusy) { state.drawDirty = true; return; }
  state.drawBusy = true;
  state.drawDirty = false;
  const runId = ++state.runId;
  const strokeEnd = state.pad.strokeEnd;
  const { rgba, width, height } = state.pad.rgba();
  showError('');
  setStatus('busy');
  try {
    const url = `models/${state.model.file}`;
    await loadModel(url);
    const t0 = performance.now();
    const r = await request({ type: 'stylize', url, rgba, width, height }, [rgba.buffer]);
    if (runId !== state.runId) return;
    state.hasResult = true;
    await adjust();
    await showRealism();
    const now = performance.now();
    // From the end of the stroke to the new picture on screen (what a person feels).
    if (strokeEnd) state.drawLatencies.push(now - Math.max(strokeEnd, 0));
    state.drawCount++;
    state.lastRun = { ms: r.ms, backend: r.backend, width, height, totalMs: now - t0 };
    $('timing').textContent = `${Math.round(now - t0)} ms on ${r.backend === 'webgpu' ? 'WebGPU' : 'CPU'}`;
    setStatus('done');
  } catch (e) {
    if (runId === state.runId && !e.cancelled) showError(e.fatal ? `${e.message}; it was restarted — try again.` : e.message);
  } finally {
    state.drawBusy = false;
    updateButtons(false);
    if (state.drawDirty && state.mode === 'draw') runDraw();
  }
}

// ---- realism map --------------------------------------------------------------------------
function realismCanvas() {
  return state.mode === 'draw' ? $('drawn-realism') : $('after-realism');
}

function hideRealism() {
  $('drawn-realism').hidden = true;
  $('after-realism').hidden = true;
  $('realism-legend').hidden = true;
}

async function showRealism() {
  if (!$('show-realism').checked || !isTranslation(state.model) || !state.hasResult) { hideRealism(); return; }
  try {
    const r = await request({ type: 'realism', url: `models/${state.model.file}` });
    if (!r.map) { hideRealism(); return; }
    const mean = drawRealism(realismCanvas(), r.map, r.width, r.height);
    state.lastRealism = { mean, width: r.map.width, height: r.map.height };
    realismCanvas().hidden = false;
    $('realism-legend').hidden = false;
  } catch (e) {
    if (!e.cancelled) showError(`The realism map could not be made: ${e.message}`);
  }
}

async function download() {
  if (state.mode === 'breed') return state.breed.download();
  const m = state.model;
  const blob = await new Promise((res) => outputCanvas().toBlob(res, 'image/png'));
  const png = new Uint8Array(await blob.arrayBuffer());
  const tagged = addPngText(png, {
    Software: 'Atelier (neural style transfer)',
    Source: isTranslation(m)
      ? `Made with the ${m.kind} model “${m.title}” (${m.name}), trained on ${m.artist}, ${m.licence}`
      : `Stylized with “${m.title}” by ${m.artist}${m.year ? ` (${m.year})` : ''}, ${m.licence}; model ${m.name}`,
    Comment: `strength ${$('strength').value}%${['style', 'translate'].includes(state.mode) ? `, keep colours ${$('keep-colour').checked ? 'yes' : 'no'}` : ''}`,
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([tagged], { type: 'image/png' }));
  const base = state.mode === 'draw' ? 'drawing' : (state.photo?.name || 'photo').replace(/\.[^.]+$/, '');
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
  const split = (v) => { for (const id of ['after', 'after-realism']) $(id).style.clipPath = `inset(0 0 0 ${v}%)`; };
  $('split').oninput = (e) => split(e.target.value);
  split(50);
  $('strength').oninput = (e) => { $('strength-out').textContent = `${e.target.value}%`; adjust(); };
  $('keep-colour').onchange = adjust;
  $('run').onclick = run;
  $('use-cpu').onclick = () => {
    $('backend-select').value = 'cpu';
    $('notice').hidden = true;
    startWorker('cpu').then(() => state.photo && run()).catch((e) => showError(e.message));
  };
  $('retry').onclick = () => {
    showError('');
    setStatus('starting');
    loadManifest().then(() => { setStatus('ready'); if (state.photo) run(); }).catch((e) => showError(e.message));
  };
  $('show-realism').onchange = showRealism;
  $('swap').onclick = () => { const r = reverseOf(state.model); if (r) selectStyle(r.name); };
  for (const b of document.querySelectorAll('.pen')) {
    b.onclick = () => {
      state.pad.size = Number(b.dataset.size);
      state.pad.erasing = false;
      for (const o of document.querySelectorAll('.pen')) o.setAttribute('aria-pressed', o === b);
      $('eraser').setAttribute('aria-pressed', false);
    };
  }
  $('eraser').onclick = () => {
    state.pad.erasing = !state.pad.erasing;
    $('eraser').setAttribute('aria-pressed', state.pad.erasing);
  };
  $('undo').onclick = () => state.pad.undo();
  $('redo').onclick = () => state.pad.redo();
  $('clear').onclick = () => state.pad.clear();
  $('sketch-file').onchange = async (e) => {
    const f = e.target.files[0];
    e.target.value = '';
    if (!f) return;
    try { await state.pad.open(f); } catch { showError(`“${f.name}” is not an image this browser can read. Use a PNG, JPEG or WebP picture.`); }
  };
  $('download').onclick = download;
  const select = $('backend-select');
  select.value = ['cpu', 'webgpu'].includes(params.get('backend')) ? params.get('backend') : 'auto';
  select.onchange = () => startWorker(select.value).then(() => {
    if (state.mode === 'breed' && state.model) return state.breed.start(state.model);
    return (state.photo || state.mode === 'draw') && run();
  }).catch((e) => showError(e.message));
}

Object.assign(state, { openPhoto: (blob, name) => openPhoto(blob, name), run: () => run(), selectMode, selectStyle });

// Offline after one visit: the service worker saves the site; the badge says when the page
// runs from that copy.
function offlineSupport() {
  const badge = () => { $('offline').hidden = navigator.onLine; };
  addEventListener('online', badge);
  addEventListener('offline', badge);
  badge();
}

// Saved once the page works (the service worker's copies then come from the browser's HTTP cache
// instead of a second download competing with the first picture).
function saveForOffline() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e) => console.warn('offline copy unavailable:', e));
  }
}

async function main() {
  setStatus('starting');
  wire();
  offlineSupport();
  try {
    await Promise.all([startWorker($('backend-select').value), loadManifest()]);
    setStatus('ready');
  } catch (e) {
    showError(e.message);
  }
  saveForOffline();
}

main();

// Atelier's page: the shell every mode shares — the engine, the list of models and the gallery,
// photo loading, status and errors, the sliders — and the one dispatch on the mode.
// Each mode (Style, Draw, Colourise, Translate, Breed) is a module in modes/ with one interface:
//   hint, runLabel, section ('drop' | 'draw' | 'breed': the part of the stage it shows),
//   needsPhoto (then also photo, setPhoto(photo, bitmap)), keepColour (offers "keep the photo's
//   colours"), working (Run and Download wait)
//   enter(model)  shown, with its model (again when another of its models is picked); it shows
//                 what it kept and runs only what changed
//   leave()       another mode is shown (its work is kept; what finishes later is kept quietly)
//   run()         the Run button;  canDownload(), download()  the Download button
//   adjust(), realism()   the strength / colour controls and the realism map box (optional)
//   progress(msg) tiles done in the engine (optional);  engineRestarted(), engineChanged()
//                 a new engine (the results it held are gone; another backend was picked: optional)
// The networks run in worker.js.
import { imageSize, sizeProblem, MAX_PIXELS, MAX_SIDE } from './image-size.js';
import { Engine } from './engine.js';
import { isTranslation } from './modes/output.js';
import { StyleMode } from './modes/style.js';
import { DrawMode } from './modes/draw.js';
import { ColouriseMode } from './modes/colourise.js';
import { TranslateMode } from './modes/translate.js';
import { BreedMode } from './modes/breed.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);

const state = {
  models: [], model: null, mode: 'style', backend: null, lastRealism: null,
  photoSeq: 0, lastPhoto: null, // the photo opened last: {blob, resize, width, height, name, id}
  chosen: {}, // mode -> the name of the model last picked there
};

// The models that belong to each mode (the one place the page looks at kinds).
function modeOf(m) {
  if ((m.kind || 'fast_style') === 'fast_style') return 'style';
  if (m.kind === 'pix2pix') return m.input === 'sketch' ? 'draw' : m.input === 'gray' ? 'colourise' : 'style';
  if (m.kind === 'cyclegan') return 'translate';
  if (m.kind === 'stylegan') return 'breed';
  return null; // a kind this page does not know: not listed
}
// How far a translation model was trained, said plainly.
const trainedText = (m) => (m.steps ? ` Trained ${m.steps} steps${m.hours ? ` (${m.hours} h on a CPU)` : ''}: ${m.note || 'see its card for what that gives'}.` : '');
window.atelier = state; // for tests, benchmarks and the curious

function setStatus(s) { document.body.dataset.status = s; }
// An error in plain words; `detail` (what a developer needs: a file, a server's answer) folded
// under it; `retry`: what the "Try again" button does (no button without one).
let retryAction = null;
function showError(message, { detail = '', retry = null } = {}) {
  const el = $('error');
  el.textContent = message;
  el.hidden = !message;
  $('error-detail-text').textContent = message ? detail || '' : '';
  $('error-detail').hidden = !(message && detail);
  retryAction = message ? retry : null;
  $('retry').hidden = !retryAction;
  if (message) setStatus('error');
}
/** A failed request `e` said in the page, with its detail and `retry`. */
function showFailure(e, retry = null) {
  showError(e.fatal ? `${e.message}; it was restarted — try again.` : e.message, { detail: e.detail, retry });
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
  onProgress: (msg) => mode().progress?.(msg),
  onCrash: (err, restartError) => showError(restartError
    ? `${err.message}, and it could not restart (${restartError.message}). Reload the page.`
    : `${err.message}; restarted — try again.`),
});
state.engine = engine;
const request = (msg, transfer) => engine.request(msg, transfer);

// A fresh engine; the results it held can no longer be adjusted until the modes run again.
function startWorker(backend) {
  for (const m of Object.values(modes)) m.engineRestarted();
  $('backend').textContent = 'starting…';
  return engine.start(backend);
}

// The engine for `model`, its file checked against the manifest's size and SHA-256.
function loadModel(model) {
  return request({ type: 'load', url: `models/${model.file}`, expect: { bytes: model.bytes, sha256: model.sha256 } });
}

// ---- the modes ----------------------------------------------------------------------------
// What every mode may use of the shell.
const ui = {
  state, engine, request, loadModel, startWorker, setStatus, showError, showFailure, retryManifest: () => retryManifest(), epoch: () => engine.worker, // a result is adjustable while the engine that made it runs
  updateButtons: () => updateButtons(),
  selectStyle: (name) => selectStyle(name),
  settings: () => ({ strength: $('strength').value / 100, preserveColour: $('keep-colour').checked }),
};
const modes = {
  style: new StyleMode(ui),
  draw: new DrawMode(ui),
  colourise: new ColouriseMode(ui),
  translate: new TranslateMode(ui),
  breed: new BreedMode(ui),
};
const mode = () => modes[state.mode];
// What the tests and benchmarks read of the modes.
Object.defineProperties(state, {
  photo: { get: () => mode().photo ?? null, enumerable: true },
  breed: { get: () => modes.breed.panel, enumerable: true },
  drawBusy: { get: () => modes.draw.busy, enumerable: true },
  drawCount: { get: () => modes.draw.count, enumerable: true },
  drawLatencies: { get: () => modes.draw.latencies, enumerable: true },
});

// ---- models and modes --------------------------------------------------------------------
async function loadManifest() {
  let manifest;
  // Why it failed, in words (`reason`), and for the fold what exactly happened (`detail`).
  const fail = (reason, detail) => Object.assign(new Error(reason), { detail: `models/manifest.json: ${detail}` });
  try {
    let res;
    try { res = await fetch('models/manifest.json', { cache: 'no-cache' }); } catch (e) { throw fail('the site did not answer', e.message); }
    if (!res.ok) throw fail('the site does not have it', `HTTP ${res.status}`);
    const text = await res.text();
    try { manifest = JSON.parse(text); } catch (e) { throw fail("the site's copy is damaged", `not valid JSON (${e.message})`); }
    if (!Array.isArray(manifest?.models)) throw fail("the site's copy is damaged", 'no "models" list');
  } catch (e) {
    state.manifestError = `the list of models could not be read (${e.message})`;
    state.manifestDetail = e.detail;
    throw Object.assign(new Error(`The list of models could not be read (${e.message}). Check the connection, then try again.`), { detail: e.detail });
  }
  state.manifestError = null;
  state.models = manifest.models.filter((m) => modeOf(m));
  for (const b of document.querySelectorAll('#modes [role=tab]')) {
    b.hidden = !state.models.some((m) => modeOf(m) === b.dataset.mode);
    b.onclick = () => selectMode(b.dataset.mode);
  }
  const wanted = state.models.find((m) => m.name === params.get('style'));
  const first = wanted ? modeOf(wanted) : (modes[params.get('mode')] && params.get('mode')) || 'style';
  selectMode(first, wanted?.name);
}

function selectMode(id, name) {
  if (modes[state.mode] && state.mode !== id) mode().leave();
  state.mode = id;
  const m = mode();
  for (const b of document.querySelectorAll('#modes [role=tab]')) b.setAttribute('aria-selected', b.dataset.mode === id);
  $('mode-hint').textContent = m.hint;
  for (const section of ['draw', 'breed', 'drop']) $(section).hidden = m.section !== section;
  $('strength-label').hidden = id === 'breed';
  $('truncation-label').hidden = id !== 'breed';
  $('keep-colour-label').hidden = !m.keepColour;
  $('run').textContent = m.runLabel;
  $('timing').textContent = ''; // another mode's time; this mode shows its own when it has one
  const gallery = $('gallery');
  gallery.replaceChildren();
  const models = state.models.filter((o) => modeOf(o) === id);
  for (const o of models) {
    const b = document.createElement('button');
    b.className = 'style';
    b.dataset.name = o.name;
    b.setAttribute('role', 'option');
    b.title = o.kind === 'pix2pix' ? `${o.title} — trained on ${o.artist}` : `${o.title} — ${o.artist}`;
    const img = document.createElement('img');
    img.src = `models/${o.thumbnail}`;
    img.alt = o.title;
    const cap = document.createElement('span');
    cap.textContent = o.title;
    b.append(img, cap);
    b.onclick = () => selectStyle(o.name);
    gallery.append(b);
  }
  const wanted = [name, state.chosen[id]].find((n) => models.some((o) => o.name === n));
  selectStyle(wanted ?? models[0]?.name);
}

function selectStyle(name) {
  state.model = state.models.find((m) => m.name === name) || null;
  for (const b of document.querySelectorAll('.style')) b.setAttribute('aria-selected', b.dataset.name === name);
  const m = state.model;
  $('credit').textContent = !m ? '' : isTranslation(m)
    ? `${m.title}: trained on ${m.artist} — ${m.licence}.${trainedText(m)}`
    : `${m.title}, ${m.artist}${m.year ? ` (${m.year})` : ''} — ${m.licence}.`;
  $('realism-label').hidden = !isTranslation(m);
  $('realism-legend').hidden = true;
  if (m) state.chosen[state.mode] = m.name;
  updateButtons();
  mode().enter(m);
}

function updateButtons() {
  const m = mode();
  $('run').disabled = Boolean(m.working) || !state.model || Boolean(m.unavailable) || (m.needsPhoto && !state.photo);
  $('download').disabled = Boolean(m.working) || !m.canDownload();
}

// ---- photos -------------------------------------------------------------------------------
// `resize`: [w, h] to decode the picture straight to that size (the downscaled copy offered for
// pictures over the limits; the browser's decoder does it, off the page's thread).
async function openPhoto(blob, name = 'photo', resize = null) {
  const target = mode(); // the photo is this mode's, even if the user moves on while it decodes
  if (!target.needsPhoto) return;
  showError('');
  $('downscale').hidden = true;
  setStatus('loading');
  // The header first: a huge picture is refused before anything decodes it.
  const header = await imageSize(blob).catch(() => null);
  if (header && sizeProblem(header.width, header.height) && !resize) {
    showError(sizeProblem(header.width, header.height));
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
  if (sizeProblem(width, height)) {
    showError(sizeProblem(width, height));
    bitmap.close();
    return;
  }
  if (width < 16 || height < 16) {
    showError(`The image is ${width}×${height}; it must be at least 16×16 pixels.`);
    bitmap.close();
    return;
  }
  const photo = { blob, resize, width, height, name, id: ++state.photoSeq };
  state.lastPhoto = photo;
  await target.setPhoto(photo, bitmap);
  if (mode() === target) target.run(); // with no model it says why instead of leaving the page loading
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
  $('strength').oninput = (e) => { $('strength-out').textContent = `${e.target.value}%`; mode().adjust?.(); };
  $('keep-colour').onchange = () => mode().adjust?.();
  $('run').onclick = () => mode().run();
  $('use-cpu').onclick = () => {
    $('backend-select').value = 'cpu';
    $('notice').hidden = true;
    startWorker('cpu').then(() => state.photo && mode().run()).catch((e) => showError(e.message));
  };
  $('retry').onclick = () => retryAction?.();
  $('show-realism').onchange = () => mode().realism?.();
  $('download').onclick = () => mode().download();
  const select = $('backend-select');
  select.value = ['cpu', 'webgpu'].includes(params.get('backend')) ? params.get('backend') : 'auto';
  select.onchange = () => startWorker(select.value).then(() => mode().engineChanged?.() ?? ((state.photo || state.mode === 'draw') && mode().run()))
    .catch((e) => showError(e.message));
}

// The list of models once more (the mode then runs what it has: a photo opened meanwhile).
function retryManifest() {
  showError('');
  setStatus('starting');
  loadManifest().then(() => { if (document.body.dataset.status === 'starting') setStatus('ready'); })
    .catch((e) => showError(e.message, { detail: e.detail, retry: retryManifest }));
}

Object.assign(state, { openPhoto: (blob, name) => openPhoto(blob, name), run: () => mode().run(), selectMode, selectStyle });

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
    showError(e.message, { detail: e.detail, retry: state.manifestError ? retryManifest : () => location.reload() });
  }
  saveForOffline();
}

main();

// What the photo modes (Style, Colourise, Translate) share: a photo goes through the selected
// model, in tiles with a progress bar, into the "after" canvas over the photo; the sliders blend it.
// Each mode keeps its own photo, canvases and result: leaving and coming back shows them again
// without running anything when neither the photo nor the model changed. A mode that has no
// photo yet takes the one opened last (in any mode).
import { Output } from './output.js';

const $ = (id) => document.getElementById(id);
const DISPLAY_SIDE = 2048; // the original photo is shown at most this large (the result at full size)

export class PhotoMode {
  /** `id`: the mode's name (and its slot in the engine); `keepColour`: it offers "keep the photo's colours". */
  constructor(ui, { id, hint, runLabel, keepColour = false }) {
    Object.assign(this, { ui, id, hint, runLabel, keepColour });
    this.needsPhoto = true;
    this.section = 'drop';
    this.model = null;
    this.photo = null;     // {blob, resize, width, height, name, id}
    this.working = false;  // a run is going: Run and Download wait
    this.runId = 0;
    this.busyRun = null;   // the run the engine is working on: {runId, backend}
    // This mode's own canvases (the page's are the pattern): only the shown mode's are in the page.
    this.view = Object.fromEntries(['before', 'after', 'after-realism'].map((k) => [k, $(k).cloneNode()]));
    this.output = new Output(ui, {
      slot: id, canvas: () => this.view.after, realismCanvas: () => this.view['after-realism'], isActive: () => this.active,
    });
  }

  /** Shown with `model` (also when another model of this mode is picked). */
  async enter(model) {
    this.model = model;
    this.attach();
    const last = this.ui.state.lastPhoto;
    if (!this.photo && last) await this.setPhoto(last, await createImageBitmap(last.blob, this.decodeOptions(last)).catch(() => null));
    if (!this.active || this.model !== model) return;
    if (!model || !this.photo) { this.ui.updateButtons(); return; }
    if (this.output.shows(model, this.photo.id)) return this.restore();
    if (this.working && this.running === model) { this.ui.setStatus('busy'); return; } // that run is on its way
    this.run();
  }

  leave() {}

  /** This mode is the one shown. */
  get active() { return this.ui.state.mode === this.id; }

  /** The canvases of this mode into the page, as the user left them. */
  attach() {
    for (const [id, canvas] of Object.entries(this.view)) $(id).replaceWith(canvas);
    const v = $('split').value;
    for (const id of ['after', 'after-realism']) this.view[id].style.clipPath = `inset(0 0 0 ${v}%)`;
    $('compare').hidden = !this.photo;
    $('hint').hidden = Boolean(this.photo);
    if (this.photo) $('compare').style.aspectRatio = `${this.photo.width} / ${this.photo.height}`;
    $('realism-legend').hidden = true;
    $('progress').hidden = !this.working;
  }

  /** The result kept: shown as it was (blended again if the sliders moved meanwhile). */
  async restore() {
    const { ui, output } = this;
    if (this.working) return;
    ui.showError('');
    $('timing').textContent = output.result.timing || '';
    if (output.stale) {
      if (!output.adjustable) return this.run(); // the engine that held it was restarted
      ui.setStatus('busy');
      await output.adjust();
    }
    await output.showRealism();
    if (this.active) ui.setStatus('done');
    ui.updateButtons();
  }

  decodeOptions(photo) {
    return photo.resize ? { resizeWidth: photo.resize[0], resizeHeight: photo.resize[1], resizeQuality: 'high' } : {};
  }

  /** A new photo (decoded as `bitmap`, which this closes): shown, then run. */
  async setPhoto(photo, bitmap) {
    if (!bitmap) return;
    // Only for the eye: the engine reads the photo from its file in the worker, so this thread
    // holds a preview of at most DISPLAY_SIDE a side (a 36 MP photo would be another 144 MB).
    const { width, height } = photo;
    const shown = Math.min(1, DISPLAY_SIDE / Math.max(width, height));
    const { before, after } = this.view;
    before.width = Math.round(width * shown); before.height = Math.round(height * shown);
    before.getContext('2d').drawImage(bitmap, 0, 0, before.width, before.height);
    bitmap.close();
    this.photo = photo;
    this.output.result = null;
    this.output.hideRealism();
    after.width = width; after.height = height;
    after.getContext('2d').clearRect(0, 0, width, height);
    if (this.active) this.attach();
  }

  engineRestarted() { this.busyRun = null; }

  /** Only the picture of the chosen model and photo: after a model failed to load, the older
   * picture stays on screen but is not offered as that model's. */
  canDownload() { return this.output.shows(this.model, this.photo?.id) && !this.working; }

  adjust() {
    if (this.working || !this.output.result) return;
    // A result whose engine was restarted is made again with the new settings.
    return this.output.adjustable ? this.output.adjust() : this.run();
  }

  realism() { return this.output.showRealism(); }

  progress(msg) {
    if (!this.active || !this.working) return;
    const bar = $('progress');
    bar.hidden = false;
    bar.firstElementChild.style.width = `${(100 * msg.done) / msg.total}%`;
    bar.title = `tile ${msg.done} of ${msg.total}`;
    if (msg.total > 1 && this.runStart) {
      // An estimate of the time left, from the tiles done so far.
      const left = ((performance.now() - this.runStart) / msg.done) * (msg.total - msg.done) / 1000;
      $('timing').textContent = msg.done < msg.total ? `tile ${msg.done} of ${msg.total}, about ${left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left` : 'finishing…';
    }
  }

  async run() {
    const { ui } = this;
    const { state } = ui;
    if (this.photo && !this.model) {
      // Never leave the page waiting: say why nothing runs.
      if (state.manifestError) ui.showError(`Nothing to run: ${state.manifestError}. Try again below.`, { detail: state.manifestDetail, retry: ui.retryManifest });
      else ui.showError('Pick a model first.');
      return;
    }
    if (!this.photo || !this.model || !ui.engine.worker) return;
    // A run is still working on an older request of this mode (another style, photo or backend):
    // stop it now instead of waiting for tiles nobody will see. The engine cannot be interrupted
    // between two tiles from outside, so the worker is replaced; its model files come back from the cache.
    if (this.busyRun) await ui.startWorker(this.busyRun.backend).catch(() => {});
    const runId = ++this.runId;
    const [model, photo] = [this.model, this.photo];
    // What this run's page updates go to: only the shown mode speaks; a run of a mode the user
    // left finishes into that mode's canvases.
    const say = (fn) => { if (this.active) fn(); };
    ui.showError('');
    ui.setStatus('busy');
    this.working = true;
    this.running = model;
    ui.updateButtons();
    $('progress').hidden = false;
    $('progress').firstElementChild.style.width = '0%';
    $('timing').textContent = ui.engine.pending.size ? '' : 'loading style…';
    const { blob, resize, width, height, id } = photo;
    try {
      const url = `models/${model.file}`;
      await ui.loadModel(model);
      say(() => { $('timing').textContent = 'painting…'; });
      this.runStart = performance.now();
      this.busyRun = { runId, backend: $('backend-select').value };
      const r = await ui.request({ type: 'stylize', slot: this.id, url, photo: { id, blob, resize }, width, height });
      if (this.busyRun?.runId === runId) this.busyRun = null;
      if (runId !== this.runId) return;
      state.lastRun = { ms: r.ms, backend: r.backend, width, height, engineBytes: r.engineBytes, cores: r.cores };
      const timing = `${(r.ms / 1000).toFixed(2)} s on ${r.backend === 'webgpu' ? 'WebGPU' : r.cores > 1 ? `${r.cores} CPU cores` : 'CPU'}`;
      say(() => { $('timing').textContent = timing; });
      this.output.result = { model, input: id, epoch: ui.epoch(), timing };
      await this.output.adjust();
      await this.output.showRealism();
      if (runId === this.runId) say(() => ui.setStatus('done'));
    } catch (e) {
      if (this.busyRun?.runId === runId) this.busyRun = null;
      if (runId === this.runId && !e.cancelled) {
        say(() => {
          ui.showFailure(e, () => this.run());
          $('timing').textContent = '';
        });
      }
    } finally {
      if (runId === this.runId) {
        this.working = false;
        this.running = null;
        say(() => { $('progress').hidden = true; });
        ui.updateButtons();
      }
    }
  }

  download() {
    const { model, settings = this.ui.settings() } = this.output.result;
    const comment = `strength ${Math.round(settings.strength * 100)}%${this.keepColour ? `, keep colours ${settings.preserveColour ? 'yes' : 'no'}` : ''}`;
    const base = (this.photo?.name || 'photo').replace(/\.[^.]+$/, '');
    return this.output.download(model, `${base}-${model.name}.png`, comment);
  }
}

// What the photo modes (Style, Colourise, Translate) share: a photo goes through the selected
// model, in tiles with a progress bar, into the "after" canvas over the photo; the sliders blend it.
import { Output } from './output.js';

const $ = (id) => document.getElementById(id);

export class PhotoMode {
  /** `keepColour`: the mode offers "keep the photo's colours". */
  constructor(ui, { hint, runLabel, keepColour = false }) {
    Object.assign(this, { ui, hint, runLabel, keepColour });
    this.needsPhoto = true;
    this.section = 'drop';
    this.model = null;
    this.working = false;  // a run is going: Run and Download wait
    this.output = new Output(ui, { canvas: () => $('after'), realismCanvas: () => $('after-realism') });
  }

  get photo() { return this.ui.state.photo; }

  /** Shown with `model` (also when another model of this mode is picked). */
  enter(model) {
    this.model = model;
    this.output.hasResult = false;
    if (model && this.photo) this.run();
  }

  leave() {}

  engineRestarted() { this.output.hasResult = false; }

  canDownload() { return this.output.hasResult; }

  adjust() { return this.output.adjust(); }

  realism() { return this.output.showRealism(this.model); }

  progress(msg) {
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
      ui.showError(state.manifestError ? `Nothing to run: ${state.manifestError}. Try again below.` : 'Pick a model first.');
      return;
    }
    if (!this.photo || !this.model || !ui.engine.worker) return;
    // A run is still working on an older request (another style, photo or backend): stop it now
    // instead of waiting for tiles nobody will see. The engine cannot be interrupted between two
    // tiles from outside, so the worker is replaced; its model files come back from the cache.
    if (state.busyRun) await ui.startWorker(state.busyRun.backend).catch(() => {});
    const runId = ++state.runId;
    const model = this.model;
    this.lastRunId = runId;
    ui.showError('');
    ui.setStatus('busy');
    this.working = true;
    ui.updateButtons();
    $('progress').hidden = false;
    $('progress').firstElementChild.style.width = '0%';
    $('timing').textContent = ui.engine.pending.size ? '' : 'loading style…';
    const { blob, resize, width, height, id } = this.photo;
    try {
      const url = `models/${model.file}`;
      await ui.loadModel(model);
      $('timing').textContent = 'painting…';
      this.runStart = performance.now();
      state.busyRun = { runId, backend: $('backend-select').value };
      const r = await ui.request({ type: 'stylize', url, photo: { id, blob, resize }, width, height });
      if (state.busyRun?.runId === runId) state.busyRun = null;
      if (runId !== state.runId) return;
      state.lastRun = { ms: r.ms, backend: r.backend, width, height, engineBytes: r.engineBytes, cores: r.cores };
      $('timing').textContent = `${(r.ms / 1000).toFixed(2)} s on ${r.backend === 'webgpu' ? 'WebGPU' : r.cores > 1 ? `${r.cores} CPU cores` : 'CPU'}`;
      this.output.hasResult = true;
      await this.output.adjust();
      await this.output.showRealism(model);
      ui.setStatus('done');
    } catch (e) {
      if (state.busyRun?.runId === runId) state.busyRun = null;
      if (runId === state.runId && !e.cancelled) {
        ui.showError(e.fatal ? `${e.message}; it was restarted — try again.` : e.message);
        $('timing').textContent = '';
      }
    } finally {
      if (runId === this.lastRunId) this.working = false;
      if (runId === state.runId) {
        $('progress').hidden = true;
        ui.updateButtons();
      }
    }
  }

  download() {
    const m = this.model;
    const comment = `strength ${$('strength').value}%${this.keepColour ? `, keep colours ${$('keep-colour').checked ? 'yes' : 'no'}` : ''}`;
    const base = (this.photo?.name || 'photo').replace(/\.[^.]+$/, '');
    return this.output.download(m, `${base}-${m.name}.png`, comment);
  }
}

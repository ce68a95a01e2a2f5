// Draw: a pix2pix model turns a drawing into a picture, live. Every change of the drawing asks for
// a new picture; while one is being made, only the newest drawing waits (no queue of stale ones).
// Updates in the middle of a stroke are made only where the engine is fast enough: a slow one
// would still be busy with them when the stroke ends, and the picture for the finished stroke
// would come a whole run later. The drawing is kept (in the browser's storage) across visits to
// other modes and reloads; coming back to it runs nothing unless it or the model changed.
import { Sketchpad } from '../sketchpad.js';
import { Output } from './output.js';
import { fileSizeProblem } from '../image-size.js';

const $ = (id) => document.getElementById(id);
const LIVE_MAX_MS = 150;
const SAVED = 'atelier.drawing'; // a PNG data URL of the 256² drawing (a few kB of lines)

export class DrawMode {
  constructor(ui) {
    this.ui = ui;
    this.id = 'draw';
    this.hint = 'Draw with dark lines on the white canvas; the picture follows as you draw.';
    this.runLabel = 'Redraw';
    this.needsPhoto = false;
    this.section = 'draw';
    this.model = null;
    this.pad = null;
    this.version = 0;      // the drawing's changes so far (a result says which one it shows)
    this.busy = false;     // a picture is being made
    this.dirty = false;    // the drawing changed since
    this.count = 0;        // pictures made (tests and benchmarks wait on it)
    this.latencies = [];   // ms from the end of a stroke to its picture on screen
    this.lastMs = null;    // the engine's time for the last picture
    this.output = new Output(ui, {
      slot: 'draw', canvas: () => $('drawn'), realismCanvas: () => $('drawn-realism'), isActive: () => this.active,
    });
    this.wire();
  }

  get active() { return this.ui.state.mode === this.id; }

  async enter(model) {
    this.model = model;
    if (!this.pad) {
      this.pad = new Sketchpad($('sketch'), {
        onChange: (ended) => this.changed(ended),
        onHistory: ({ undo, redo }) => { $('undo').disabled = !undo; $('redo').disabled = !redo; },
      });
      const saved = this.storage()?.getItem(SAVED);
      this.loaded = saved ? this.pad.load(saved).catch(() => {}) : null;
    }
    await this.loaded;
    if (!model || !this.active || this.model !== model) return;
    if (this.output.shows(model, this.version) && !this.busy) return this.restore();
    this.run();
  }

  leave() {}

  /** The picture kept: shown as it was (blended again if the sliders moved meanwhile). */
  async restore() {
    const { ui, output } = this;
    ui.showError('');
    $('timing').textContent = output.result.timing || '';
    if (output.stale) {
      if (!output.adjustable) return this.run();
      await output.adjust();
    }
    await output.showRealism();
    if (this.active) ui.setStatus('done');
    ui.updateButtons();
  }

  engineRestarted() {}

  canDownload() { return this.output.madeBy(this.model); }

  adjust() {
    if (!this.output.result) return;
    return this.output.adjustable ? this.output.adjust() : this.run();
  }

  realism() { return this.output.showRealism(); }

  storage() { try { return localStorage; } catch { return null; } }

  changed(ended) {
    this.version++;
    if (ended) {
      try { this.storage()?.setItem(SAVED, this.pad.canvas.toDataURL('image/png')); } catch { /* full: kept until the page closes */ }
    }
    if (!this.active || !this.model) return;
    if (!ended && !(this.lastMs <= LIVE_MAX_MS)) return;
    if (this.busy) { this.dirty = true; return; }
    this.run();
  }

  async run() {
    const { ui } = this;
    if (!this.pad || !this.model || !ui.engine.worker) return;
    if (this.busy) { this.dirty = true; return; }
    this.busy = true;
    this.dirty = false;
    const [model, version] = [this.model, this.version];
    const strokeEnd = this.pad.strokeEnd;
    const { rgba, width, height } = this.pad.rgba();
    const say = (fn) => { if (this.active) fn(); };
    ui.showError('');
    ui.setStatus('busy');
    try {
      const url = `models/${model.file}`;
      await ui.loadModel(model);
      const t0 = performance.now();
      const r = await ui.request({ type: 'stylize', slot: 'draw', url, rgba, width, height }, [rgba.buffer]);
      this.output.result = { model, input: version, epoch: ui.epoch() };
      await this.output.adjust();
      await this.output.showRealism();
      const now = performance.now();
      // From the end of the stroke to the new picture on screen (what a person feels).
      if (strokeEnd) this.latencies.push(now - Math.max(strokeEnd, 0));
      this.count++;
      this.lastMs = r.ms;
      ui.state.lastRun = { ms: r.ms, backend: r.backend, width, height, totalMs: now - t0 };
      this.output.result.timing = `${Math.round(now - t0)} ms on ${r.backend === 'webgpu' ? 'WebGPU' : 'CPU'}`;
      say(() => {
        $('timing').textContent = this.output.result.timing;
        ui.setStatus('done');
      });
    } catch (e) {
      if (!e.cancelled) say(() => ui.showFailure(e, () => this.run()));
    } finally {
      this.busy = false;
      ui.updateButtons();
      if (this.dirty && this.active) this.run();
    }
  }

  download() {
    const { model, settings = this.ui.settings() } = this.output.result;
    return this.output.download(model, `drawing-${model.name}.png`, `strength ${Math.round(settings.strength * 100)}%`);
  }

  wire() {
    for (const b of document.querySelectorAll('.pen')) {
      b.onclick = () => {
        this.pad.size = Number(b.dataset.size);
        this.pad.erasing = false;
        for (const o of document.querySelectorAll('.pen')) o.setAttribute('aria-pressed', o === b);
        $('eraser').setAttribute('aria-pressed', false);
      };
    }
    $('eraser').onclick = () => {
      this.pad.erasing = !this.pad.erasing;
      $('eraser').setAttribute('aria-pressed', this.pad.erasing);
    };
    $('undo').onclick = () => this.pad.undo();
    $('redo').onclick = () => this.pad.redo();
    $('clear').onclick = () => this.pad.clear();
    $('sketch-file').onchange = async (e) => {
      const f = e.target.files[0];
      e.target.value = '';
      if (!f) return;
      this.ui.showError('');
      // The same size check as every photo (a huge sketch is refused before anything decodes it).
      const problem = await fileSizeProblem(f);
      if (problem) { this.ui.showError(problem); return; }
      try { await this.pad.open(f); } catch { this.ui.showError(`“${f.name}” is not an image this browser can read. Use a PNG, JPEG or WebP picture.`); }
    };
  }
}

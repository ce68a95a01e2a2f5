// Draw: a pix2pix model turns a drawing into a picture, live. Every change of the drawing asks for
// a new picture; while one is being made, only the newest drawing waits (no queue of stale ones).
// Updates in the middle of a stroke are made only where the engine is fast enough: a slow one
// would still be busy with them when the stroke ends, and the picture for the finished stroke
// would come a whole run later.
import { Sketchpad } from '../sketchpad.js';
import { Output } from './output.js';

const $ = (id) => document.getElementById(id);
const LIVE_MAX_MS = 150;

export class DrawMode {
  constructor(ui) {
    this.ui = ui;
    this.hint = 'Draw with dark lines on the white canvas; the picture follows as you draw.';
    this.runLabel = 'Redraw';
    this.needsPhoto = false;
    this.section = 'draw';
    this.model = null;
    this.pad = null;
    this.busy = false;     // a picture is being made
    this.dirty = false;    // the drawing changed since
    this.count = 0;        // pictures made (tests and benchmarks wait on it)
    this.latencies = [];   // ms from the end of a stroke to its picture on screen
    this.output = new Output(ui, { canvas: () => $('drawn'), realismCanvas: () => $('drawn-realism') });
    this.wire();
  }

  enter(model) {
    this.model = model;
    this.active = true;
    this.output.hasResult = false;
    if (!this.pad) {
      this.pad = new Sketchpad($('sketch'), {
        onChange: (ended) => this.changed(ended),
        onHistory: ({ undo, redo }) => { $('undo').disabled = !undo; $('redo').disabled = !redo; },
      });
    }
    if (model) this.run();
  }

  leave() { this.active = false; }

  engineRestarted() { this.output.hasResult = false; }

  canDownload() { return this.output.hasResult; }

  adjust() { return this.output.adjust(); }

  realism() { return this.output.showRealism(this.model); }

  changed(ended) {
    if (!this.active || !this.model) return;
    if (!ended && !(this.ui.state.lastRun?.ms <= LIVE_MAX_MS)) return;
    if (this.busy) { this.dirty = true; return; }
    this.run();
  }

  async run() {
    const { ui } = this;
    const { state } = ui;
    if (!this.pad || !this.model || !ui.engine.worker) return;
    if (this.busy) { this.dirty = true; return; }
    this.busy = true;
    this.dirty = false;
    const runId = ++state.runId;
    const model = this.model;
    const strokeEnd = this.pad.strokeEnd;
    const { rgba, width, height } = this.pad.rgba();
    ui.showError('');
    ui.setStatus('busy');
    try {
      const url = `models/${model.file}`;
      await ui.loadModel(model);
      const t0 = performance.now();
      const r = await ui.request({ type: 'stylize', url, rgba, width, height }, [rgba.buffer]);
      if (runId !== state.runId) return;
      this.output.hasResult = true;
      await this.output.adjust();
      await this.output.showRealism(model);
      const now = performance.now();
      // From the end of the stroke to the new picture on screen (what a person feels).
      if (strokeEnd) this.latencies.push(now - Math.max(strokeEnd, 0));
      this.count++;
      state.lastRun = { ms: r.ms, backend: r.backend, width, height, totalMs: now - t0 };
      $('timing').textContent = `${Math.round(now - t0)} ms on ${r.backend === 'webgpu' ? 'WebGPU' : 'CPU'}`;
      ui.setStatus('done');
    } catch (e) {
      if (runId === state.runId && !e.cancelled) ui.showError(e.fatal ? `${e.message}; it was restarted — try again.` : e.message);
    } finally {
      this.busy = false;
      ui.updateButtons();
      if (this.dirty && this.active) this.run();
    }
  }

  download() {
    const m = this.model;
    return this.output.download(m, `drawing-${m.name}.png`, `strength ${$('strength').value}%`);
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
      try { await this.pad.open(f); } catch { this.ui.showError(`“${f.name}” is not an image this browser can read. Use a PNG, JPEG or WebP picture.`); }
    };
  }
}

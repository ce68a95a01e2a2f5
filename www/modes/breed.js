// Breed: a StyleGAN draws images from seeds; the panel (../breed.js) keeps, mixes and breeds them.
import { BreedPanel } from '../breed.js';

const $ = (id) => document.getElementById(id);

export class BreedMode {
  constructor(ui) {
    this.ui = ui;
    this.hint = 'Draw new images from seeds, mix their styles and breed them (StyleGAN): click a child to keep it.';
    this.runLabel = 'Random seed';
    this.needsPhoto = false;
    this.section = 'breed';
    this.working = false;
    this.panel = new BreedPanel({
      request: ui.request,
      onStatus: (s) => {
        if (s === 'busy') ui.showError('');
        ui.setStatus(s);
        this.working = s === 'busy';
        ui.updateButtons();
      },
      onError: (message) => { ui.showError(message); this.working = false; ui.updateButtons(); },
      onTiming: (text) => { $('timing').textContent = text; },
    });
  }

  enter(model) {
    this.model = model;
    if (model) this.start();
  }

  start() {
    return this.panel.start(this.model).catch((e) => { if (!e.cancelled) this.ui.showError(e.message); });
  }

  leave() { this.panel.stop(); }

  /** A fresh engine (another backend): the images come again from it. */
  engineRestarted() {}

  run() { $('seed-random').click(); }

  canDownload() { return Boolean(this.panel.current); }

  download() { return this.panel.download(); }
}

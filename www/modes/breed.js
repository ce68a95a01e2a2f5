// Breed: a StyleGAN draws images from seeds; the panel (../breed.js) keeps, mixes and breeds them.
// Leaving Breed stops an animation; coming back shows the lineage, parents and children as they
// were (another model starts that model's own lineage).
import { BreedPanel } from '../breed.js';

const $ = (id) => document.getElementById(id);

export class BreedMode {
  constructor(ui) {
    this.ui = ui;
    this.id = 'breed';
    this.hint = 'Draw new images from seeds, mix their styles and breed them (StyleGAN): click a child to keep it.';
    this.runLabel = 'Random seed';
    this.needsPhoto = false;
    this.section = 'breed';
    this.working = false;
    this.panel = new BreedPanel({
      request: ui.request,
      // Only the shown mode speaks; work finished after the user left is kept quietly.
      onStatus: (s) => {
        this.working = s === 'busy';
        if (!this.active) return;
        if (s === 'busy') ui.showError('');
        ui.setStatus(s);
        ui.updateButtons();
      },
      onError: (message, detail) => {
        this.working = false;
        if (!this.active) return;
        ui.showError(message, { detail });
        ui.updateButtons();
      },
      onTiming: (text) => { if (this.active) $('timing').textContent = text; },
    });
    Object.defineProperty(this.panel, 'active', { get: () => this.active });
  }

  get active() { return this.ui.state.mode === this.id; }

  enter(model) {
    this.model = model;
    if (!model) return;
    const p = this.panel;
    if (p.model?.name !== model.name || !p.current) return this.start();
    p.show();
    if (!this.working) {
      this.ui.showError('');
      this.ui.setStatus('done');
    }
    this.ui.updateButtons();
  }

  /** No model loaded: the panel's controls (and Random seed) are off. */
  get unavailable() { return $('breed').disabled; }

  /** The model loaded, then its lineage; until it is loaded nothing in the panel can be clicked,
   * and if it cannot be, the message says why and "Try again" loads it again. */
  start() {
    $('breed').disabled = true;
    this.ui.updateButtons();
    return this.panel.start(this.model, () => { $('breed').disabled = false; this.ui.updateButtons(); }).catch((e) => {
      if (e.cancelled || !this.active) return;
      this.ui.showFailure(e, () => this.start());
      this.ui.updateButtons();
    });
  }

  leave() { this.panel.stop(); }

  engineRestarted() {}

  /** Another engine (backend): every image on screen is drawn again by it. */
  engineChanged() {
    if (!this.model) return;
    return this.panel.current ? this.panel.rerender() : this.start();
  }

  run() { $('seed-random').click(); }

  canDownload() { return Boolean(this.panel.current); }

  download() { return this.panel.download(); }
}

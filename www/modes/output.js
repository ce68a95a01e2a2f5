// A picture the engine made and keeps, shared by the modes that make one from a picture (Style,
// Colourise, Translate, Draw): it is shown a band of rows at a time with the strength and colour
// settings (the engine blends; the page never holds the raw result), the discriminator's realism
// map goes over it, and its download carries the model's provenance.
import { drawRealism } from '../realism.js';
import { savePng } from '../png-text.js';

const ADJUST_BYTES = 32e6; // result pixels per message (a band of rows of larger results)
const $ = (id) => document.getElementById(id);

/** Models that turn one kind of picture into another (they have a discriminator). */
export const isTranslation = (m) => Boolean(m && (m.kind === 'pix2pix' || m.kind === 'cyclegan'));

export class Output {
  /** `slot`: where the engine keeps this mode's result; `canvas()` and `realismCanvas()`: where
   * the picture and its map go. */
  constructor(ui, { slot, canvas, realismCanvas, isActive }) {
    Object.assign(this, { ui, slot, canvas, realismCanvas, isActive });
    // What the canvas shows: {model, input, epoch, settings, timing, realism}; `input` names what
    // went in (a photo's id, a drawing's version), `epoch` the engine that holds it (adjustable
    // while that engine runs), `settings` the strength and colours it was blended with.
    this.result = null;
    this.adjusting = false;
    this.again = false;
  }

  /** The engine that made the result still holds it (the sliders can blend it again). */
  get adjustable() { return Boolean(this.result && this.result.epoch === this.ui.epoch()); }

  /** The result is for `model` and `input`. */
  shows(model, input) {
    return this.madeBy(model) && this.result.input === input;
  }

  /** The result was made by `model` (whatever went in). */
  madeBy(model) {
    const m = this.result?.model;
    return Boolean(m && model && m.name === model.name && m.file === model.file);
  }

  /** Its settings are not the page's any more (they changed in another mode). */
  get stale() {
    const [a, b] = [this.result?.settings, this.ui.settings()];
    return Boolean(a && (a.strength !== b.strength || a.preserveColour !== b.preserveColour));
  }

  /** The engine's result, blended with the page's settings, into the canvas. */
  async adjust() {
    if (!this.adjustable) return;
    if (this.adjusting) { this.again = true; return; }
    this.adjusting = true;
    try {
      do {
        this.again = false;
        const settings = this.ui.settings();
        // A band of rows at a time (one band up to ADJUST_BYTES: most photos), each freed as soon
        // as the canvas has it, so a large result is never copied whole between the threads.
        for (let y0 = 0, height = 1; y0 < height && !this.again;) {
          const r = await this.ui.request({ type: 'adjust', slot: this.slot, ...settings, y0, maxBytes: ADJUST_BYTES });
          const out = this.canvas();
          if (out.width !== r.width || out.height !== r.height) { out.width = r.width; out.height = r.height; }
          if (r.rows > 0) out.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(r.rgba.buffer), r.width, r.rows), 0, r.y0);
          r.rgba.buffer.transfer?.(0); // the canvas has the pixels: free this copy now, not at the next collection
          [y0, height] = [r.y0 + Math.max(r.rows, 1), r.height];
        }
        if (this.result) this.result.settings = settings;
      } while (this.again);
    } catch (e) {
      if (!e.cancelled) this.ui.showError(e.message);
    } finally {
      this.adjusting = false;
    }
  }

  /** The realism map of the result, when the box is ticked (hidden otherwise). The map of a
   * result still being made comes with it. */
  async showRealism() {
    const model = this.result?.model;
    const wanted = $('show-realism').checked && isTranslation(model);
    if (!wanted || !this.result) { this.hideRealism(); return; }
    if (this.result.realism) { this.revealRealism(); return; }
    if (!this.adjustable) return;
    const result = this.result;
    try {
      const r = await this.ui.request({ type: 'realism', slot: this.slot, url: `models/${model.file}` });
      if (this.result !== result) return;
      if (!r.map) { this.hideRealism(); return; }
      const mean = drawRealism(this.realismCanvas(), r.map, r.width, r.height);
      result.realism = { mean, width: r.map.width, height: r.map.height };
      this.revealRealism();
    } catch (e) {
      if (!e.cancelled && this.result === result) this.ui.showError(`The realism map could not be made: ${e.message}`);
    }
  }

  revealRealism() {
    if (!$('show-realism').checked) return;
    this.ui.state.lastRealism = this.result.realism;
    this.realismCanvas().hidden = false;
    if (this.isActive()) $('realism-legend').hidden = false;
  }

  hideRealism() {
    this.realismCanvas().hidden = true;
    if (this.isActive()) $('realism-legend').hidden = true;
  }

  /** The canvas as a PNG named `name`, with `model`'s provenance and the `comment`. */
  async download(model, name, comment) {
    const blob = await new Promise((res) => this.canvas().toBlob(res, 'image/png'));
    const m = model;
    savePng(new Uint8Array(await blob.arrayBuffer()), name, {
      Software: 'Atelier (neural style transfer)',
      Source: isTranslation(m)
        ? `Made with the ${m.kind} model “${m.title}” (${m.name}), trained on ${m.artist}, ${m.licence}`
        : `Stylized with “${m.title}” by ${m.artist}${m.year ? ` (${m.year})` : ''}, ${m.licence}; model ${m.name}`,
      Comment: comment,
    });
  }
}

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

export function hideRealism() {
  $('drawn-realism').hidden = true;
  $('after-realism').hidden = true;
  $('realism-legend').hidden = true;
}

export class Output {
  /** `canvas()` and `realismCanvas()`: where the picture and its map go. */
  constructor(ui, { canvas, realismCanvas }) {
    Object.assign(this, { ui, canvas, realismCanvas });
    this.hasResult = false;
    this.adjusting = false;
    this.again = false;
  }

  /** The engine's latest result, blended with the page's settings, into the canvas. */
  async adjust() {
    if (!this.hasResult) return;
    if (this.adjusting) { this.again = true; return; }
    this.adjusting = true;
    try {
      do {
        this.again = false;
        const settings = this.ui.settings();
        // A band of rows at a time (one band up to ADJUST_BYTES: most photos), each freed as soon
        // as the canvas has it, so a large result is never copied whole between the threads.
        for (let y0 = 0, height = 1; y0 < height && !this.again;) {
          const r = await this.ui.request({ type: 'adjust', ...settings, y0, maxBytes: ADJUST_BYTES });
          const out = this.canvas();
          if (out.width !== r.width || out.height !== r.height) { out.width = r.width; out.height = r.height; }
          if (r.rows > 0) out.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(r.rgba.buffer), r.width, r.rows), 0, r.y0);
          r.rgba.buffer.transfer?.(0); // the canvas has the pixels: free this copy now, not at the next collection
          [y0, height] = [r.y0 + Math.max(r.rows, 1), r.height];
        }
      } while (this.again);
    } catch (e) {
      if (!e.cancelled) this.ui.showError(e.message);
    } finally {
      this.adjusting = false;
    }
  }

  /** The realism map of the latest result by `model`, when the box is ticked. */
  async showRealism(model) {
    if (!$('show-realism').checked || !isTranslation(model) || !this.hasResult) { hideRealism(); return; }
    try {
      const r = await this.ui.request({ type: 'realism', url: `models/${model.file}` });
      if (!r.map) { hideRealism(); return; }
      const mean = drawRealism(this.realismCanvas(), r.map, r.width, r.height);
      this.ui.state.lastRealism = { mean, width: r.map.width, height: r.map.height };
      this.realismCanvas().hidden = false;
      $('realism-legend').hidden = false;
    } catch (e) {
      if (!e.cancelled) this.ui.showError(`The realism map could not be made: ${e.message}`);
    }
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

// Translate: a CycleGAN carries a picture from one kind of image to another; ⇄ picks the model
// of the other direction.
import { PhotoMode } from './photo.js';

const $ = (id) => document.getElementById(id);

export class TranslateMode extends PhotoMode {
  constructor(ui) {
    super(ui, {
      id: 'translate',
      hint: 'Carry a picture from one kind of image to another (CycleGAN, learned from two unpaired collections); ⇄ swaps the direction.',
      runLabel: 'Translate',
      keepColour: true,
    });
    $('swap').onclick = () => { const r = this.reverse(); if (r) ui.selectStyle(r.name); };
  }

  /** The other direction of the model (same domains, swapped). */
  reverse(m = this.model) {
    return m && this.ui.state.models.find((o) => o.kind === 'cyclegan' && o.from === m.to && o.to === m.from);
  }

  enter(model) {
    $('swap').hidden = !(model?.kind === 'cyclegan' && this.reverse(model));
    return super.enter(model);
  }

  leave() {
    $('swap').hidden = true;
    super.leave();
  }
}
